package org.medscribe.diagnosis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.draft.DraftOptions;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.Source;

/**
 * What to suggest for.
 *
 * @param sources  the encounter's sources
 * @param answers  the doctor's answers to earlier follow-up questions (question → answer), in order; may be empty
 * @param language language of the suggestions, or null for the sources' language
 * @param options  sampling settings
 */
public record SuggestionRequest(List<Source> sources, Map<String, String> answers, RecordLanguage language,
        DraftOptions options) {

    public SuggestionRequest {
        sources = List.copyOf(sources);
        answers = answers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        options = options == null ? DraftOptions.defaults() : options;
    }

    public static SuggestionRequest of(Source... sources) {
        return new SuggestionRequest(List.of(sources), Map.of(), null, DraftOptions.defaults());
    }

    /** The same request with the doctor's answers added: the suggestions are regenerated with them. */
    public SuggestionRequest withAnswers(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(answers);
        all.putAll(more);
        return new SuggestionRequest(sources, all, language, options);
    }
}
