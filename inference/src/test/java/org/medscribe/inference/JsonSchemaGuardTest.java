package org.medscribe.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSchemaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"maxLength\":5}},\"required\":[\"a\"]}",
            "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"maxItems\":3}",
            "{\"enum\":[\"left\",\"right\",\"左\",\"右\"]}",
            "{\"$defs\":{\"x\":{\"type\":\"boolean\"}},\"type\":\"object\",\"properties\":{\"y\":{\"$ref\":\"#/$defs/x\"}}}",
            "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}",
            "{\"type\":[\"string\",\"null\"],\"description\":\"病史\"}"})
    void acceptsWhatTheConverterHandles(String schema) {
        assertThat(JsonSchemaGuard.check(schema).isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[1,2]",
            "{\"type\":\"object\"",
            "{\"type\":\"tuple\"}",
            "{\"type\":\"string\",\"pattern\":\"^(a|b\"}",
            "{\"type\":\"string\",\"format\":\"email\"}",
            "{\"$ref\":\"#/$defs/missing\"}",
            "{\"$ref\":\"http://example.org/x.json\"}",
            "{\"type\":\"array\",\"maxItems\":-1}",
            "{\"enum\":[]}",
            "{\"properties\":{\"a\":{\"patternProperties\":{}}}}"})
    void refusesWhatWouldAbortTheConverter(String schema) {
        assertThatThrownBy(() -> JsonSchemaGuard.check(schema))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.isBadInput()).isTrue());
    }

    @org.junit.jupiter.api.Test
    void refusesAbsurdNesting() {
        String deep = "{\"type\":\"array\",\"items\":".repeat(40) + "{\"type\":\"integer\"}" + "}".repeat(40);
        assertThatThrownBy(() -> JsonSchemaGuard.check(deep)).isInstanceOf(EngineException.class);
    }
}
