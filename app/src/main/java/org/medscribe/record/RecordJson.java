package org.medscribe.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON conventions of drafts, templates and suggestions: snake_case names, records, no
 * surprises. Every reader and writer of these formats (desktop, store, export, CLI) uses this mapper.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Newer writers may add fields; an older reader keeps what it understands.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RecordJson() {
    }

    /** A shared, thread-safe mapper (do not reconfigure it; copy it if you need other settings). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
