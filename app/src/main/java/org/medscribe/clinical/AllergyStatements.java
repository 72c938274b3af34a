package org.medscribe.clinical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a clause says about allergies: whether it speaks of one ("对青霉素过敏", "allergic to
 * penicillin"), denies one ("否认药物过敏", "NKDA", "no known drug allergies"), or only speaks of an
 * allergy test ("过敏原检测", "allergy testing", "screened for a latex allergy"), which names no
 * allergy. Works clause by clause: split a text with {@link Sentences#clauses} first. The cues are
 * data ({@code org/medscribe/clinical/allergy.json}), read once. Immutable and thread-safe.
 */
public final class AllergyStatements {

    private static final AllergyStatements STANDARD = load();

    private final List<Pattern> cues;
    private final List<Pattern> denials;
    private final List<Pattern> tests;

    private AllergyStatements(List<Pattern> cues, List<Pattern> denials, List<Pattern> tests) {
        this.cues = cues;
        this.denials = denials;
        this.tests = tests;
    }

    public static AllergyStatements standard() {
        return STANDARD;
    }

    /** True when {@code clause} speaks of an allergy, denied or not; an allergy test alone does not count. */
    public boolean speaksOfAllergy(String clause) {
        String withoutTests = withoutTests(clause);
        return cues.stream().anyMatch(p -> p.matcher(withoutTests).find());
    }

    /** True for a clause that denies an allergy ("否认药物过敏", "NKDA", "denies allergies"). */
    public boolean deniesAllergy(String clause) {
        return denials.stream().anyMatch(p -> p.matcher(clause).find());
    }

    /** True when {@code clause} speaks of an allergy test or screening. */
    public boolean speaksOfAllergyTest(String clause) {
        return tests.stream().anyMatch(p -> p.matcher(clause).find());
    }

    /** True when {@code clause} states that the patient has an allergy: it speaks of one and denies none. */
    public boolean statesAllergy(String clause) {
        return speaksOfAllergy(clause) && !deniesAllergy(clause);
    }

    /** {@code clause} with its allergy-test mentions blanked out (offsets kept). */
    private String withoutTests(String clause) {
        StringBuilder out = new StringBuilder(clause);
        for (Pattern test : tests) {
            Matcher m = test.matcher(clause);
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    private static AllergyStatements load() {
        String resource = "/org/medscribe/clinical/allergy.json";
        try (InputStream in = AllergyStatements.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("clinical data missing: " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            return new AllergyStatements(patterns(root.path("cues")), patterns(root.path("denials")),
                    patterns(root.path("tests")));
        } catch (IOException e) {
            throw new UncheckedIOException("clinical data unreadable: " + resource, e);
        }
    }

    private static List<Pattern> patterns(JsonNode array) {
        List<Pattern> out = new ArrayList<>();
        array.forEach(v -> out.add(Pattern.compile(v.asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        return List.copyOf(out);
    }
}
