package org.medscribe.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON form of an {@link ImportResult}: snake_case names ({@code page_count}, {@code lab_values},
 * {@code reference_range}, {@code out_of_range}), as the command line prints it and the import
 * worker sends it to the app.
 */
public final class ImportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private ImportJson() {
    }

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(ImportResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static ImportResult read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, ImportResult.class);
    }
}
