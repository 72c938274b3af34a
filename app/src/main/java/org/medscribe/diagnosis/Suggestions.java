package org.medscribe.diagnosis;

import java.util.List;
import java.util.Map;
import org.medscribe.record.RecordLanguage;

/**
 * Diagnostic suggestions for an encounter. Advisory only: nothing here changes the record; the
 * doctor accepts or ignores each suggestion. JSON via {@code RecordJson} (snake_case).
 *
 * @param language       the language of diagnoses, reasons and questions
 * @param status         {@code complete} or {@code partial} (cancelled)
 * @param differential   ranked diagnoses
 * @param redFlags       must-not-miss conditions
 * @param investigations suggested tests
 * @param questions      follow-up questions that would best narrow the differential
 * @param answers        the doctor's answers these suggestions took into account (question → answer)
 * @param invalidCodes   proposed codes that were dropped
 * @param provenance     how they were made
 * @param totalMillis    time taken
 * @param generatedTokens tokens generated
 */
public record Suggestions(RecordLanguage language, String status, List<DifferentialDiagnosis> differential,
        List<RedFlag> redFlags, List<Investigation> investigations, List<FollowUpQuestion> questions,
        Map<String, String> answers, List<InvalidCode> invalidCodes, SuggestionProvenance provenance,
        double totalMillis, int generatedTokens) {

    public Suggestions {
        differential = List.copyOf(differential);
        redFlags = List.copyOf(redFlags);
        investigations = List.copyOf(investigations);
        questions = List.copyOf(questions);
        answers = Map.copyOf(answers);
        invalidCodes = List.copyOf(invalidCodes);
    }
}
