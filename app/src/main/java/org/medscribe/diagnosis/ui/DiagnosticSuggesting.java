package org.medscribe.diagnosis.ui;

import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.record.Evidence;
import org.medscribe.ui.MessageKey;

/**
 * Diagnostic suggestions as the suggestions pane needs them; the composition root adapts the
 * diagnosis service to it. Blocking (model calls): call on the inference executor.
 */
public interface DiagnosticSuggesting {

    /**
     * @param sources source id → text
     * @param answers          follow-up question id → the doctor's answer (empty on the first round)
     * @param recordLanguage   language of the record being written ({@code en}, {@code zh})
     */
    Suggestions suggest(Map<String, String> sources, Map<String, String> answers, String recordLanguage,
                        CancellationToken cancel);

    /** A finding quoted from the sources. */
    record ClinicalFinding(String text, boolean supported, List<Evidence> evidence) {
    }

    /** One diagnosis of the differential. */
    record Diagnosis(String name, String icd10, MessageKey likelihood, List<ClinicalFinding> findingsFor,
                     List<ClinicalFinding> findingsAgainst) {
    }

    record Question(String id, String text) {
    }

    record Suggestions(List<Diagnosis> differential, List<String> redFlags, List<String> investigations,
                       List<Question> questions) {
    }
}
