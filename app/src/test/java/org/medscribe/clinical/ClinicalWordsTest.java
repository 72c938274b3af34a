package org.medscribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClinicalWordsTest {

    private final ClinicalWords words = ClinicalWords.standard();

    @Test
    void tablesAreReadFromTheDataFile() {
        assertThat(words.set("stop_words")).contains("the", "patient").doesNotContain("fever");
        assertThat(words.numbers("number_words")).containsEntry("three", 3).containsEntry("twenty", 20);
        assertThat(words.map("units")).containsEntry("毫克", "mg").containsEntry("℃", "celsius");
        assertThat(words.characters("han_numerals")).contains("两", "半");
    }

    @Test
    void listsKeepTheFileOrderBecauseTheFirstMatchWins() {
        // 否认 must be tried before 无 and 未, twice daily (bid) before daily (qd).
        assertThat(words.list("han_negations")).startsWith("否认");
        assertThat(words.map("frequencies").keySet()).startsWith("bid").endsWith("qd");
    }

    @Test
    void anUnknownTableIsAnError() {
        assertThatThrownBy(() -> words.list("no_such_table")).isInstanceOf(IllegalArgumentException.class);
    }
}
