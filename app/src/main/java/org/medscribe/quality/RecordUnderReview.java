package org.medscribe.quality;

import org.medscribe.record.RecordLanguage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The record that quality control reviews: its template, language and sections. This is the
 * checks' own read model, built from the draft's JSON by {@link RecordReader} or from the editor's
 * texts by {@link #ofTexts}; the checks never change it.
 *
 * @param template        template id ({@code soap-en}, {@code outpatient-zh})
 * @param templateVersion template version as the record states it, or ""
 * @param language        the record's language
 * @param sections        sections in record order
 */
public record RecordUnderReview(String template, String templateVersion, RecordLanguage language,
                                List<ReviewedSection> sections) {

    public RecordUnderReview {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(language, "language");
        templateVersion = templateVersion == null ? "" : templateVersion;
        sections = List.copyOf(sections);
    }

    /** The section with this id in the record, if any. */
    public Optional<ReviewedSection> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * A record from plain section texts (the editor's view: id → text, in order). Each text is
     * split into sentences, which become statements without an evidence verdict.
     */
    public static RecordUnderReview ofTexts(String template, RecordLanguage language, Map<String, String> texts) {
        List<ReviewedSection> sections = new ArrayList<>();
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(texts).entrySet()) {
            String text = entry.getValue() == null ? "" : entry.getValue();
            sections.add(new ReviewedSection(entry.getKey(), "", text.isBlank() ? SectionStatus.NOT_DOCUMENTED
                    : SectionStatus.EDITED, text, Sentences.statementsOf(text)));
        }
        return new RecordUnderReview(template, "", language, sections);
    }
}
