package org.medscribe.draft;

import java.util.List;
import org.medscribe.record.FactCategory;

/**
 * One fact the model extracted from the sources, in the language of the segments it cites.
 *
 * @param category the extraction category
 * @param text     the fact
 * @param segments the cited segment numbers
 */
public record ExtractedFact(FactCategory category, String text, List<Integer> segments) {

    public ExtractedFact {
        segments = List.copyOf(segments);
    }
}
