package org.medscribe.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Icd10TableTest {

    private final Icd10Table table = Icd10Table.bundled();

    @ParameterizedTest
    @CsvSource({
            "J18.9, VALID, J18.9",
            "j189, VALID, J18.9",
            "' I10 ', VALID, I10",
            "E11.9, VALID, E11.9",
            "S83.242A, VALID, S83.242A",
            "J18.2, UNVERIFIED, J18.2",
            "E11.8, UNVERIFIED, E11.8",
            "Q99.9, INVALID, Q99.9",
            "J1, INVALID, J1",
            "pneumonia, INVALID, PNEUMONIA",
            "123.4, INVALID, 123.4",
            "'', INVALID, ''"})
    void validatesProposedCodes(String proposed, Icd10Table.Verdict verdict, String normalized) {
        Icd10Table.CodeCheck check = table.check(proposed);
        assertThat(check.verdict()).isEqualTo(verdict);
        assertThat(check.code()).isEqualTo(normalized);
        assertThat(check.entry() != null).isEqualTo(verdict == Icd10Table.Verdict.VALID);
    }

    @Test
    void tableNamesItsSourceAndHasBilingualTitles() {
        assertThat(table.source()).contains("ICD-10-CM").contains("public domain");
        assertThat(table.size()).isGreaterThan(150);
        assertThat(table.lookup("J18.9")).hasValueSatisfying(e -> {
            assertThat(e.titleEn()).containsIgnoringCase("pneumonia");
            assertThat(e.titleZh()).contains("肺炎");
        });
    }

    @Test
    void provenanceIsTheWholeSourceNoteWithItsCaveat() {
        String source = table.source();
        assertThat(source).startsWith("ICD-10-CM codes for common outpatient diagnoses")
                .contains("No copy of the CMS code files could be obtained")
                .contains("SUBSET written for MedScribe").contains("entered by hand")
                .contains("reported as unverified")
                .endsWith("is unknown here.")
                .doesNotContain("Format:").doesNotContain("#");
    }

    @Test
    void sourceNoteStopsAtTheFormatLine() {
        assertThat(Icd10Table.sourceNote(List.of("A table.", "", "Entered by hand.", "Format: code <TAB> title", "x")))
                .isEqualTo("A table. Entered by hand.");
    }
}
