package org.medscribe.quality;

import org.medscribe.record.RecordLanguage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medscribe.quality.rules.RulePacks;

/**
 * The defect corpus ({@code corpus/defective}: records with deliberately planted defects, each
 * labelled in {@code qc_expected}; {@code corpus/clean}: realistic records without defects, both
 * languages, written for this project): every planted rule defect is found, and clean records get
 * no critical finding. Prints recall and false-positive figures per rule.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Labelled(String name, JsonNode raw, RecordUnderReview record, Set<String> expected) {
    }

    private static List<Labelled> corpus;
    private static QualityControl quality;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path root = Path.of(CorpusTest.class.getResource("/org/medscribe/quality/corpus").toURI());
        RecordReader reader = new RecordReader();
        corpus = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode raw = JSON.readTree(file.toFile());
                Set<String> expected = new LinkedHashSet<>();
                raw.path("qc_expected").forEach(e -> expected.add(e.path("rule").asText()));
                corpus.add(new Labelled(root.relativize(file).toString(), raw, reader.read(file, file.toString()), expected));
            }
        }
        quality = new QualityControl(RulePacks.builtIn(), null);
    }

    @Test
    void theCorpusHasAtLeastFortyDefectiveAndTenCleanRecordsInBothLanguages() {
        List<Labelled> defective = corpus.stream().filter(l -> !l.expected().isEmpty()).toList();
        List<Labelled> clean = corpus.stream().filter(l -> l.expected().isEmpty()).toList();
        assertThat(defective).hasSizeGreaterThanOrEqualTo(40);
        assertThat(clean).hasSizeGreaterThanOrEqualTo(10);
        for (RecordLanguage language : RecordLanguage.values()) {
            assertThat(defective).anyMatch(l -> l.record().language() == language);
            assertThat(clean).filteredOn(l -> l.record().language() == language).hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(corpus).allMatch(l -> l.name().startsWith("clean") == l.expected().isEmpty());
    }

    @Test
    void everyPlantedDefectIsFoundAndCleanRecordsGetNoCriticalFinding() {
        Map<String, int[]> perRule = new TreeMap<>(); // planted, found
        Map<String, int[]> falsePositives = new TreeMap<>(); // on clean records, by rule: count
        List<String> missed = new ArrayList<>();
        List<String> criticalOnClean = new ArrayList<>();
        int planted = 0;
        int found = 0;
        int cleanRecords = 0;
        int cleanFindings = 0;
        int extraOnDefective = 0;
        long nanos = 0;
        for (Labelled l : corpus) {
            long start = System.nanoTime();
            QualityReport report = quality.check(l.record());
            nanos += System.nanoTime() - start;
            for (Finding f : report.findings()) {
                assertThat(f.end()).isLessThanOrEqualTo(
                        l.record().section(f.section()).map(s -> s.text().length()).orElse(0));
            }
            Set<String> fired = new LinkedHashSet<>();
            report.findings().forEach(f -> fired.add(f.rule()));
            if (l.expected().isEmpty()) {
                cleanRecords++;
                cleanFindings += report.findings().size();
                report.findings().forEach(f -> falsePositives.computeIfAbsent(f.rule(), r -> new int[1])[0]++);
                if (report.signingBlocked()) {
                    criticalOnClean.add(l.name());
                }
                continue;
            }
            for (String rule : l.expected()) {
                planted++;
                int[] counts = perRule.computeIfAbsent(rule, r -> new int[2]);
                counts[0]++;
                if (fired.contains(rule)) {
                    found++;
                    counts[1]++;
                } else {
                    missed.add(l.name() + " " + rule);
                }
            }
            extraOnDefective += (int) fired.stream().filter(r -> !l.expected().contains(r)).count();
        }

        StringBuilder table = new StringBuilder("\n== Quality-control corpus benchmark ==\n");
        table.append(String.format("%-28s %8s %6s%n", "rule", "planted", "found"));
        perRule.forEach((rule, c) -> table.append(String.format("%-28s %8d %6d%n", rule, c[0], c[1])));
        table.append(String.format("records: %d (%d defective, %d clean)%n", corpus.size(), corpus.size() - cleanRecords,
                cleanRecords));
        table.append(String.format("recall: %d/%d = %.3f%n", found, planted, planted == 0 ? 1.0 : (double) found / planted));
        table.append(String.format("findings on clean records: %d (%.2f per clean record) %s%n", cleanFindings,
                (double) cleanFindings / cleanRecords, falsePositivesText(falsePositives)));
        table.append(String.format("clean records with a critical finding: %d%n", criticalOnClean.size()));
        table.append(String.format("rules firing on defective records beyond the planted ones: %d%n", extraOnDefective));
        table.append(String.format("rule check time: %.2f ms per record (mean over %d)%n", nanos / 1e6 / corpus.size(),
                corpus.size()));
        System.out.println(table);

        assertThat(missed).as("planted defects the rules missed").isEmpty();
        assertThat(criticalOnClean).as("clean records with a critical finding").isEmpty();
    }

    /**
     * Out-of-sample: the rules on 20 reference visit notes written by clinicians for ACI-BENCH
     * (Yim et al., Nature Scientific Data 2023, CC BY 4.0; {@code ../shared/data/aci-bench/valid-20.jsonl}),
     * split at their headings into a SOAP record. These notes were not written to MedScribe's
     * template (no allergy section, assessment and plan merged), so findings are expected; the
     * figures show what the rules say about real notes. Only structure is asserted.
     */
    @Test
    void realReferenceNotesFromAciBench() throws IOException {
        Path data = org.medscribe.inference.testing.TestModels.data("aci-bench/valid-20.jsonl");
        Map<String, int[]> byRule = new TreeMap<>(); // findings, notes
        int notes = 0;
        int blocked = 0;
        long scores = 0;
        for (String line : Files.readAllLines(data)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> sections = soapSections(JSON.readTree(line).path("note").asText());
            RecordUnderReview record = RecordUnderReview.ofTexts("soap-en", RecordLanguage.EN, sections);
            QualityReport report = quality.check(record);
            notes++;
            scores += report.score().value();
            blocked += report.signingBlocked() ? 1 : 0;
            assertThat(report.score().value()).isBetween(0, 100);
            Set<String> fired = new LinkedHashSet<>();
            for (Finding f : report.findings()) {
                assertThat(f.end()).isLessThanOrEqualTo(record.section(f.section()).map(x -> x.text().length()).orElse(0));
                byRule.computeIfAbsent(f.rule(), r -> new int[2])[0]++;
                fired.add(f.rule());
            }
            fired.forEach(r -> byRule.get(r)[1]++);
        }
        StringBuilder table = new StringBuilder("\n== Rules on ACI-BENCH reference notes (valid-20, not written to the template) ==\n");
        table.append(String.format("%-28s %9s %6s%n", "rule", "findings", "notes"));
        byRule.forEach((rule, n) -> table.append(String.format("%-28s %9d %6d%n", rule, n[0], n[1])));
        table.append(String.format("notes: %d, mean score %.1f, signing blocked: %d%n", notes, (double) scores / notes, blocked));
        System.out.println(table);
        assertThat(notes).isEqualTo(20);
    }

    /** Splits a note at its upper-case headings ("CHIEF COMPLAINT", "HPI:") into sections named by them. */
    static Map<String, String> soapSections(String note) {
        Map<String, String> sections = new java.util.LinkedHashMap<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String raw : note.split("\n")) {
            String line = raw.strip();
            boolean isHeading = line.length() >= 2 && line.length() <= 40 && line.equals(line.toUpperCase(java.util.Locale.ROOT))
                    && line.chars().anyMatch(Character::isLetter) && !line.startsWith("•") && !Character.isDigit(line.charAt(0));
            if (isHeading) {
                if (heading != null) {
                    sections.merge(heading, body.toString().strip(), (a, b) -> a + "\n" + b);
                }
                heading = line.replaceAll(":$", "").toLowerCase(java.util.Locale.ROOT);
                body.setLength(0);
            } else if (heading != null && !line.isEmpty()) {
                body.append(line).append('\n');
            }
        }
        if (heading != null) {
            sections.merge(heading, body.toString().strip(), (a, b) -> a + "\n" + b);
        }
        return sections;
    }

    private static String falsePositivesText(Map<String, int[]> falsePositives) {
        StringBuilder out = new StringBuilder();
        falsePositives.forEach((rule, n) -> out.append(rule).append('×').append(n[0]).append(' '));
        return out.toString().strip();
    }
}
