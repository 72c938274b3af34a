package org.medscribe.draft;

import java.util.List;
import java.util.Objects;
import org.medscribe.record.Source;

/**
 * What to draft: the encounter's sources, the template, sampling options.
 *
 * @param sources    one or more sources, each with a unique id
 * @param templateId e.g. {@code soap-en}, {@code outpatient-zh}
 * @param options    sampling settings
 */
public record DraftRequest(List<Source> sources, String templateId, DraftOptions options) {

    public DraftRequest {
        sources = List.copyOf(sources);
        Objects.requireNonNull(templateId, "templateId");
        options = options == null ? DraftOptions.defaults() : options;
    }

    public static DraftRequest of(String templateId, Source... sources) {
        return new DraftRequest(List.of(sources), templateId, DraftOptions.defaults());
    }
}
