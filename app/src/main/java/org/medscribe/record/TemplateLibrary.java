package org.medscribe.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.common.MedScribeException;

/**
 * The record templates MedScribe knows: the built-in ones ({@code soap-en}, {@code outpatient-zh})
 * read from resources. Immutable after construction, so it is safe to share between threads.
 */
public final class TemplateLibrary {

    /** Built-in template ids, in display order. */
    public static final List<String> BUILT_IN = List.of("soap-en", "outpatient-zh");

    private static final String RESOURCE_DIR = "/org/medscribe/record/templates/";

    private final Map<String, RecordTemplate> templates = new LinkedHashMap<>();

    private TemplateLibrary(List<RecordTemplate> templates) {
        templates.forEach(t -> this.templates.put(t.id(), t));
    }

    /** The built-in templates. */
    public static TemplateLibrary builtIn() {
        ObjectMapper mapper = RecordJson.mapper();
        List<RecordTemplate> loaded = BUILT_IN.stream().map(id -> {
            try (InputStream in = TemplateLibrary.class.getResourceAsStream(RESOURCE_DIR + id + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("built-in template missing from the build: " + id);
                }
                return mapper.readValue(in, RecordTemplate.class);
            } catch (IOException e) {
                throw new UncheckedIOException("built-in template " + id + " is unreadable", e);
            }
        }).toList();
        return new TemplateLibrary(loaded);
    }

    /** A library of the given templates (clinic-defined templates, tests). */
    public static TemplateLibrary of(List<RecordTemplate> templates) {
        return new TemplateLibrary(templates);
    }

    /**
     * @throws MedScribeException BAD_INPUT {@code draft.error.unknownTemplate} for an id it does not know
     */
    public RecordTemplate get(String id) {
        RecordTemplate template = templates.get(id);
        if (template == null) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "draft.error.unknownTemplate",
                    id, String.join(", ", templates.keySet()));
        }
        return template;
    }

    public List<RecordTemplate> all() {
        return List.copyOf(templates.values());
    }
}
