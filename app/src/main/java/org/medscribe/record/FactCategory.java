package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The template-independent vocabulary of the extraction: every fact the model pulls out of the
 * sources belongs to one category, and every template section renders one or more categories.
 * This is what lets one extraction feed both the English SOAP note and the Chinese outpatient record.
 *
 * <p>The short key is what the model writes (output tokens are the expensive part on a CPU). The
 * bounds keep the answer finite: at most {@code maxItems} facts of at most {@code maxChars}
 * characters ({@code maxCharsHan} for Chinese, which says the same in about half the characters).
 */
public enum FactCategory {
    COMPLAINT("cc", 1, 80, 40, "chief complaint: the main symptom(s) and how long, as short as possible"),
    HPI("hpi", 6, 140, 70, "history of present illness: onset, character, course, severity, associated symptoms, what was tried"),
    ROS("ros", 4, 80, 40, "review of systems: other symptoms asked about, positive or denied"),
    PMH("pmh", 4, 80, 40, "past medical history: chronic conditions, past illnesses, operations, hospital stays"),
    MEDICATION("med", 5, 80, 40, "current medications, each with dose, route and frequency if stated"),
    ALLERGY("all", 2, 60, 30, "allergies with reaction, or that the patient denies allergies"),
    SOCIAL("soc", 2, 80, 40, "social history: smoking, alcohol, occupation, living situation"),
    FAMILY("fam", 2, 80, 40, "family history"),
    EXAM("ex", 5, 100, 50, "physical examination: vital signs and findings"),
    RESULTS("res", 4, 100, 50, "test results: laboratory, imaging, ECG, with values"),
    ASSESSMENT("dx", 3, 80, 40, "the clinician's diagnoses or impressions, only as stated in the sources"),
    PLAN("plan", 5, 120, 60, "plan: treatment, prescriptions, tests ordered, referrals, advice, follow-up");

    private final String key;
    private final int maxItems;
    private final int maxChars;
    private final int maxCharsHan;
    private final String instruction;

    FactCategory(String key, int maxItems, int maxChars, int maxCharsHan, String instruction) {
        this.key = key;
        this.maxItems = maxItems;
        this.maxChars = maxChars;
        this.maxCharsHan = maxCharsHan;
        this.instruction = instruction;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public int maxItems() {
        return maxItems;
    }

    /** Longest fact in characters when facts are written in {@code language}. */
    public int maxChars(RecordLanguage language) {
        return language == RecordLanguage.ZH ? maxCharsHan : maxChars;
    }

    /** What belongs in this category, as told to the model. */
    public String instruction() {
        return instruction;
    }

    @JsonCreator
    public static FactCategory fromKey(String key) {
        for (FactCategory category : values()) {
            if (category.key.equals(key)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown fact category: " + key);
    }
}
