package org.medscribe.record;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A record template: the sections of a record and the language it is written in. Templates are
 * data files ({@code org/medscribe/record/templates/*.json}); see {@link TemplateLibrary}.
 *
 * @param id       e.g. {@code soap-en}
 * @param version  bumped whenever sections or instructions change (recorded in each draft's provenance)
 * @param language the record's language, whatever the sources' language
 * @param title    display name
 * @param sections in record order
 */
public record RecordTemplate(String id, String version, RecordLanguage language, String title,
        List<TemplateSection> sections) {

    public RecordTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(language, "language");
        title = title == null ? id : title;
        sections = List.copyOf(sections);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("template " + id + " has no sections");
        }
        Set<String> ids = new HashSet<>();
        Set<FactCategory> used = EnumSet.noneOf(FactCategory.class);
        for (TemplateSection section : sections) {
            if (!ids.add(section.id())) {
                throw new IllegalArgumentException("template " + id + " repeats section " + section.id());
            }
            for (FactCategory category : section.facts()) {
                // One fact appears once in a record: two sections drawing on the same category would duplicate it.
                if (!used.add(category)) {
                    throw new IllegalArgumentException("template " + id + " renders category " + category.key() + " twice");
                }
            }
        }
    }

    /** The extraction categories this template renders, in section order. */
    public Set<FactCategory> categories() {
        Set<FactCategory> categories = EnumSet.noneOf(FactCategory.class);
        sections.forEach(section -> categories.addAll(section.facts()));
        return categories;
    }

    public TemplateSection section(String sectionId) {
        return sections.stream().filter(s -> s.id().equals(sectionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + sectionId + " in " + id));
    }
}
