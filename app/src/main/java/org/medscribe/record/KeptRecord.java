package org.medscribe.record;

import java.util.List;

/**
 * The record as the doctor keeps it: what the store holds as the working draft, as each version and
 * as the signed record, what quality control checks and what export prints. JSON only through
 * {@link RecordJson#write(KeptRecord, String)}.
 *
 * @param template the template id
 * @param language the record's language code ({@code en}, {@code zh}), or null when not known
 * @param sections in template order
 */
public record KeptRecord(String template, String language, List<RecordSection> sections) {

    public KeptRecord {
        sections = List.copyOf(sections);
    }
}
