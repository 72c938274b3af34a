package org.medscribe.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-05", "2023/02/29", "2024年2月30日", "1850-01-01", "25:10", "14:75", "14时75分",
            "02/30/2024", "2024年13月"})
    void impossibleDatesAndTimesAreFound(String text) {
        assertThat(DateTimes.invalid("复查 " + text + " 结果")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "2024年3月5日", "14:30", "24:00", "05/13/2024", "13/05/2024", "BP 120/80",
            "稀释比例 1:1000", "抗体滴度 1:32"})
    void realDatesTimesAndRatiosPass(String text) {
        assertThat(DateTimes.invalid(text)).isEmpty();
    }
}
