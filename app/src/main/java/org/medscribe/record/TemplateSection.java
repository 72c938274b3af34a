package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One section of a record template.
 *
 * @param id          stable identifier (used by quality rules and exports)
 * @param title       heading in the template's language
 * @param instruction what belongs in the section, in the template's language
 * @param required    a required section with nothing in the sources is shown as "not documented"
 * @param maxLength   advisory length of the whole section in characters (longer drafts are flagged)
 * @param kind        list or prose
 * @param facts       the extraction categories this section is rendered from, in order
 */
public record TemplateSection(
        String id,
        String title,
        String instruction,
        boolean required,
        @JsonProperty("max_length") int maxLength,
        SectionKind kind,
        List<FactCategory> facts) {

    public TemplateSection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        instruction = instruction == null ? "" : instruction;
        facts = List.copyOf(facts);
        if (facts.isEmpty()) {
            throw new IllegalArgumentException("section " + id + " renders no fact category");
        }
        if (maxLength <= 0) {
            throw new IllegalArgumentException("section " + id + " needs a positive max_length");
        }
    }
}
