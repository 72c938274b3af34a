package org.medscribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseNumeralsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "三, 3", "十, 10", "十五, 15", "二十, 20", "二十五, 25", "两, 2", "两百, 200", "一百零五, 105",
            "一百二十, 120", "九十九, 99",
            // The drafting reader knew these, the quality reader answered -1 (no number):
            "一千, 1000", "一千零二十, 1020", "〇, 0",
            // Both old readers gave 105 and 2003; in speech 一百五 is 150 and 两千三 is 2300:
            "一百五, 150", "两千三, 2300",
            // Digits, half-width or full-width, read as well:
            "3, 3", "３, 3", "0.5, 0.5",
    })
    void readsTheValue(String numeral, double value) {
        assertThat(ChineseNumerals.value(numeral)).hasValue(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"半, 0.5", "三, 3", "一百零五, 105", "二十, 20"})
    void givesACanonicalString(String numeral, String canonical) {
        assertThat(ChineseNumerals.canonical(numeral)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "half: {0}")
    @ValueSource(strings = {"半"})
    void halfIsOneHalf(String numeral) {
        // The drafting reader read 半 as 0.5, the quality reader as no number.
        assertThat(ChineseNumerals.value(numeral)).hasValue(0.5);
    }

    @ParameterizedTest(name = "not a number: \"{0}\"")
    @ValueSource(strings = {"", " ", "三天", "十百", "百百", "abc", "3天"})
    void rejectsWhatIsNoNumber(String text) {
        // Both old readers read the empty text and 十百 as numbers (0 and 110).
        assertThat(ChineseNumerals.value(text)).isEmpty();
        assertThat(ChineseNumerals.canonical(text)).isNull();
    }
}
