package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.medscribe.common.MedScribeException;

class CanonicalJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{ \"b\": 1, \"a\": [true, null, 2.50] } | {\"a\":[true,null,2.5],\"b\":1}",
        "{\"x\": 1e3, \"y\": -0.0, \"z\": 10}     | {\"x\":1000,\"y\":0,\"z\":10}",
        "\"tab\\there\"                            | \"tab\\there\"",
        "{\"\\u00e9\": \"e\\u0301\"}               | {\"é\":\"é\"}",
    })
    void producesOneFormForEquivalentDocuments(String input, String canonical) {
        assertThat(CanonicalJson.canonicalise(input)).isEqualTo(canonical);
    }

    @Test
    void hashIsStableAcrossKeyOrderAndWhitespace() {
        String a = CanonicalJson.canonicalise("{\"sections\":[{\"id\":\"s\",\"title\":\"主诉\"}],\"template\":\"t\"}");
        String b = CanonicalJson.canonicalise("{ \"template\" : \"t\",\n \"sections\" : [ { \"title\":\"主诉\", \"id\":\"s\" } ] }");
        assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
    }

    @Test
    void rejectsDuplicateKeysAndNonJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalise("{\"a\":1,\"a\":2}")).isInstanceOf(MedScribeException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalise("not json")).isInstanceOf(MedScribeException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalise("{} {}")).isInstanceOf(MedScribeException.class);
    }
}
