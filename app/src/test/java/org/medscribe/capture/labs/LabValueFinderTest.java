package org.medscribe.capture.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabValueFinderTest {

    private final LabValueFinder finder = new LabValueFinder();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Hemoglobin 10.2 g/dL 13.5-17.5 L              | Hemoglobin       | 10.2 | g/dL     | 13.5-17.5 | L    | true
            Potassium   3.2   mmol/L   [3.5 - 5.1]   LOW  | Potassium        | 3.2  | mmol/L   | 3.5-5.1   | L    | true
            Glucose: 126 mg/dL (70-99) H                  | Glucose          | 126  | mg/dL    | 70-99     | H    | true
            Sodium 140 mmol/L 135-145                     | Sodium           | 140  | mmol/L   | 135-145   |      | false
            WBC 12.6 H x10^9/L 4.0-10.0                   | WBC              | 12.6 | x10^9/L  | 4.0-10.0  | H    | true
            Creatinine 1.9 mg/dL 0.6 – 1.2                | Creatinine       | 1.9  | mg/dL    | 0.6-1.2   |      | true
            LDL cholesterol 3.9 mmol/L <3.4               | LDL cholesterol  | 3.9  | mmol/L   | <3.4      |      | true
            eGFR 58 mL/min/1.73m2 >60                     | eGFR             | 58   | mL/min/1.73m2 | >60  |      | true
            HbA1c 7.2 % 4.0-6.0 H                         | HbA1c            | 7.2  | %        | 4.0-6.0   | H    | true
            白细胞计数(WBC)  12.5 ↑ 10^9/L  3.5-9.5        | 白细胞计数(WBC)   | 12.5 | 10^9/L   | 3.5-9.5   | H    | true
            钾 3.2 mmol/L 3.5～5.5 ↓                       | 钾               | 3.2  | mmol/L   | 3.5-5.5   | L    | true
            3  血红蛋白  102  g/L  130-175  偏低             | 血红蛋白          | 102  | g/L      | 130-175   | L    | true
            C-reactive protein <0.5 mg/L 0-5              | C-reactive protein | <0.5 | mg/L   | 0-5       |      | false
            """)
    void recognisesCommonResultLines(String line, String analyte, String value, String unit, String range, String flag,
            boolean outOfRange) {
        List<LabValue> found = finder.find(2, "Results\n" + line + "\n");

        assertThat(found).singleElement().satisfies(lab -> {
            assertThat(lab.analyte()).isEqualTo(analyte);
            assertThat(lab.value()).isEqualTo(value);
            assertThat(lab.unit()).isEqualTo(unit);
            assertThat(lab.referenceRange()).isEqualTo(range);
            assertThat(lab.flag() == null ? null : lab.flag().name()).isEqualTo(flag);
            assertThat(lab.outOfRange()).isEqualTo(outOfRange);
            assertThat(lab.page()).isEqualTo(2);
            assertThat(("Results\n" + line + "\n").substring(lab.start(), lab.end())).isEqualTo(line.strip());
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Page 1 of 3
            Date 2024 03 05
            Room 12 Ward 4
            Patient seen on 3 occasions in the last year
            The 2 tablets were taken at 8 am
            """)
    void ignoresLinesThatAreNotResults(String line) {
        assertThat(finder.find(1, line)).isEmpty();
    }

    @Test
    void findsEveryResultOfATableWithItsCharacterSpan() {
        String page = """
                COMPLETE BLOOD COUNT
                Test            Result   Unit      Reference
                Hemoglobin      11.8     g/dL      12.0-16.0   L
                Platelets       250      10^9/L    150-400
                Neutrophils     78       %         40-75       H
                """;
        List<LabValue> found = finder.find(1, page);

        assertThat(found).extracting(LabValue::analyte).containsExactly("Hemoglobin", "Platelets", "Neutrophils");
        assertThat(found).filteredOn(LabValue::outOfRange).extracting(LabValue::analyte)
                .containsExactly("Hemoglobin", "Neutrophils");
        LabValue platelets = found.get(1);
        assertThat(page.substring(platelets.start(), platelets.end())).startsWith("Platelets").endsWith("150-400");
    }

    @Test
    void aHugeLineCostsNothing() {
        String hostile = "A " + "1".repeat(200_000) + " mg";
        assertThat(finder.find(1, hostile)).isEmpty();
    }
}
