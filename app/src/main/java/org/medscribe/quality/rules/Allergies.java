package org.medscribe.quality.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import org.medscribe.clinical.AllergyStatements;
import org.medscribe.clinical.Sentences;
import org.medscribe.clinical.TextSpan;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.ReviewedSection;

/**
 * The drug classes a record says the patient is allergic to. Every clause of the allergy section
 * counts, and clauses elsewhere that speak of an allergy; a negated clause ("否认青霉素过敏",
 * "no known drug allergies", "NKDA") or one about an allergy test ("过敏原检测") names no allergy.
 */
final class Allergies {

    private static final AllergyStatements STATEMENTS = AllergyStatements.standard();

    private Allergies() {
    }

    static Set<Lexicon.AllergenClass> of(RecordUnderReview record, RulePack pack, String allergySection, Lexicon lexicon) {
        ReviewedSection allergies = pack.find(record, allergySection).orElse(null);
        Set<Lexicon.AllergenClass> found = new LinkedHashSet<>();
        for (ReviewedSection section : record.sections()) {
            boolean inAllergySection = section == allergies;
            String text = section.text();
            for (TextSpan clause : Sentences.clauses(text)) {
                String words = clause.of(text);
                boolean speaksOfAllergy = STATEMENTS.speaksOfAllergy(words);
                if (!inAllergySection && !speaksOfAllergy) {
                    continue;
                }
                if (STATEMENTS.deniesAllergy(words) || (!speaksOfAllergy && STATEMENTS.speaksOfAllergyTest(words))) {
                    continue;
                }
                for (Lexicon.AllergenClass allergen : lexicon.allergenClasses) {
                    if (allergen.allergen().in(words)) {
                        found.add(allergen);
                    }
                }
            }
        }
        return found;
    }
}
