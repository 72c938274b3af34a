package org.medscribe.draft;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.FactCategory;
import org.medscribe.record.ChunkingReport;

/**
 * The template-independent result of reading an encounter: facts by category, each citing its
 * segments, in the sources' language. Any template renders from it, so drafting the same
 * encounter in another template reuses it without asking the model (or the doctor) again.
 *
 * @param language               the language the facts are written in (the sources')
 * @param categories             the categories extracted
 * @param facts                  the facts, in category order, merged over chunks
 * @param chunking               how the sources were fed to the model
 * @param temperature            sampling temperature
 * @param seed                   sampling seed
 * @param maxTokens              token limit per answer
 * @param schemaSha256           SHA-256 of the schema of the first chunk
 * @param promptTokens           prompt tokens over all chunks
 * @param generatedTokens        generated tokens over all chunks
 * @param modelMillis            model time over all chunks
 * @param timeToFirstTokenMillis of the first chunk
 * @param completedCategories    categories whose lists were finished in every chunk
 * @param partialReason          null when complete, else {@code cancelled} or {@code length}
 */
public record ClinicalExtraction(
        RecordLanguage language,
        Set<FactCategory> categories,
        List<ExtractedFact> facts,
        ChunkingReport chunking,
        double temperature,
        int seed,
        int maxTokens,
        String schemaSha256,
        int promptTokens,
        int generatedTokens,
        double modelMillis,
        double timeToFirstTokenMillis,
        Set<FactCategory> completedCategories,
        String partialReason) {

    public ClinicalExtraction {
        categories = categories.isEmpty() ? EnumSet.noneOf(FactCategory.class) : EnumSet.copyOf(categories);
        completedCategories = completedCategories.isEmpty() ? EnumSet.noneOf(FactCategory.class)
                : EnumSet.copyOf(completedCategories);
        facts = List.copyOf(facts);
    }

    public boolean isComplete() {
        return partialReason == null;
    }

    public List<ExtractedFact> facts(FactCategory category) {
        List<ExtractedFact> result = new ArrayList<>();
        facts.forEach(f -> {
            if (f.category() == category) {
                result.add(f);
            }
        });
        return result;
    }
}
