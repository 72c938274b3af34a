package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.clinical.AllergyStatements;
import org.medscribe.clinical.Sentences;
import org.medscribe.clinical.TextSpan;

/**
 * The rules' vocabulary of one record language, for the code that verifies what a model claims
 * (does this source segment speak of an allergy, name a drug, report an abnormal result?).
 * Immutable and thread-safe.
 */
public final class Vocabulary {

    private final Lexicon lexicon;

    Vocabulary(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** True when {@code text} speaks of an allergy, denied or not (an allergy test alone does not). */
    public boolean speaksOfAllergy(String text) {
        return AllergyStatements.standard().speaksOfAllergy(text);
    }

    /** True for an allergy statement that is a denial ("否认药物过敏", "NKDA"). */
    public boolean deniesAllergy(String text) {
        return AllergyStatements.standard().deniesAllergy(text);
    }

    /** The drug names in {@code text}, as written. */
    public List<String> drugs(String text) {
        List<String> out = new ArrayList<>();
        for (TextSpan span : lexicon.drugs.find(text)) {
            String name = span.of(text);
            if (!lexicon.notDrugs.in(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The drug classes {@code text} names as allergens (penicillins, sulfonamides…), by class id. */
    public List<String> allergenClasses(String text) {
        List<String> out = new ArrayList<>();
        for (Lexicon.AllergenClass allergen : lexicon.allergenClasses) {
            if (allergen.allergen().in(text)) {
                out.add(allergen.id());
            }
        }
        return out;
    }

    /**
     * The drug classes named in the allergy statements of {@code text} (clauses that speak of an
     * allergy, denied or not): what a record already says about allergies to a class.
     */
    public List<String> allergenClassesInAllergyStatements(String text) {
        List<String> out = new ArrayList<>();
        for (TextSpan clause : Sentences.clauses(text)) {
            String words = clause.of(text);
            if (AllergyStatements.standard().speaksOfAllergy(words)) {
                for (String id : allergenClasses(words)) {
                    if (!out.contains(id)) {
                        out.add(id);
                    }
                }
            }
        }
        return out;
    }

    /** True when {@code text} reports a result flagged abnormal (升高, 阳性, elevated, ↑, H…). */
    public boolean reportsAbnormalResult(String text) {
        return lexicon.abnormalResult.in(text);
    }
}
