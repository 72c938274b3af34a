package org.medscribe.draft;

import java.util.List;
import java.util.Set;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.record.Source;
import org.medscribe.clinical.ClinicalLexicon;
import org.medscribe.clinical.ClinicalText;

/**
 * Refuses input that cannot make a record, before any model time is spent: no text, binary data,
 * a few words, or text with nothing clinical in it. Each refusal is a BAD_INPUT with a reason the
 * doctor can act on. Stateless.
 */
public final class InputScreen {

    /** Fewer letters and digits than this (Latin text) is too little to draft from. */
    public static final int MIN_LATIN_CHARS = 20;
    /** Fewer Han characters than this (Chinese text) is too little to draft from. */
    public static final int MIN_HAN_CHARS = 8;
    /** Distinct clinical cue words needed (symptom, drug, body part, 患者, 咳嗽…). */
    public static final int MIN_CLINICAL_CUES = 2;

    private InputScreen() {
    }

    /**
     * @throws MedScribeException BAD_INPUT {@code draft.error.empty}, {@code draft.error.binary},
     *                            {@code draft.error.tooShort} or {@code draft.error.notClinical}
     */
    public static void check(List<Source> sources) {
        if (sources.isEmpty() || sources.stream().allMatch(s -> s.text().isBlank())) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.empty");
        }
        int latin = 0;
        int han = 0;
        StringBuilder all = new StringBuilder();
        for (Source source : sources) {
            if (looksBinary(source.text())) {
                throw new MedScribeException(Category.BAD_INPUT, "draft.error.binary", source.id());
            }
            for (int i = 0; i < source.text().length(); i++) {
                char c = source.text().charAt(i);
                if (ClinicalLexicon.isHan(c)) {
                    han++;
                } else if (Character.isLetterOrDigit(c)) {
                    latin++;
                }
            }
            all.append(source.text()).append('\n');
        }
        if (latin < MIN_LATIN_CHARS && han < MIN_HAN_CHARS) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.tooShort", latin + han);
        }
        Set<String> cues = ClinicalLexicon.standard().clinicalCues(ClinicalText.normalize(all.toString()));
        if (cues.size() < MIN_CLINICAL_CUES) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.notClinical", cues.size());
        }
    }

    /** NUL characters, many control characters or replacement characters: not text. */
    public static boolean looksBinary(String text) {
        int suspicious = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if ((Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == '\uFFFD') {
                suspicious++;
            }
        }
        return suspicious > 8 && suspicious * 100 > text.length();
    }
}
