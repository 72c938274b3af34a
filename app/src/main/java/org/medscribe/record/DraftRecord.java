package org.medscribe.record;

import java.util.List;

/**
 * A drafted record: the published output of drafting, consumed by the desktop, the encounter
 * store, export and quality control. JSON via {@link RecordJson} (snake_case); see docs/draft-format.md.
 *
 * @param template        template id
 * @param templateVersion template version
 * @param language        the record's language (the template's)
 * @param status          complete, or partial (cancelled / cut short; the finished sections are kept)
 * @param partialReason   {@code cancelled} or {@code length} when partial, else null
 * @param sections        every template section, in template order
 * @param flags           fact-check findings
 * @param chunking        how the sources were fed to the model
 * @param provenance      how the draft was made
 * @param timings         where the time went
 */
public record DraftRecord(
        String template,
        String templateVersion,
        RecordLanguage language,
        DraftStatus status,
        String partialReason,
        List<DraftSection> sections,
        List<Flag> flags,
        ChunkingReport chunking,
        Provenance provenance,
        DraftTimings timings) {

    public DraftRecord {
        sections = List.copyOf(sections);
        flags = List.copyOf(flags);
    }

    public DraftSection section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + id));
    }

    /** The record as plain text, section titles and statements (for evaluation and quick copies). */
    public String plainText() {
        StringBuilder b = new StringBuilder();
        for (DraftSection section : sections) {
            b.append(section.title()).append('\n');
            String text = section.plainText();
            if (!text.isEmpty()) {
                b.append(text).append('\n');
            }
            b.append('\n');
        }
        return b.toString().strip();
    }
}
