package org.medscribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} → {1}..{2} h")
    @CsvSource({
            "咳嗽3天, 72, 72",
            "咳嗽三天, 72, 72",
            "腹痛2周, 336, 336",
            "咳嗽半月, 360, 360",
            "反复头晕1年余, 8760, 17520",
            "头痛数小时, 2, 9",
            "腰痛十余天, 240, 480",
            "发热两天, 48, 48",
            "心悸一个半月, 1080, 1080",
            "咳嗽月余, 720, 1440",
            "Cough for 3 days, 72, 72",
            "sore throat for two weeks, 336, 336",
            "Cough x3 days, 72, 72",
            "a few hours of chest pain, 2, 9",
            "back pain for 3-4 weeks, 504, 672",
    })
    void findsTheDurationAsARangeOfHours(String text, double low, double high) {
        List<Durations.Found> found = Durations.find(text, true);
        assertThat(found).isNotEmpty();
        Durations.Found longest = found.stream().max((a, b) -> Double.compare(a.maxHours(), b.maxHours())).get();
        assertThat(longest.minHours()).isEqualTo(low, org.assertj.core.data.Offset.offset(0.01));
        assertThat(longest.maxHours()).isEqualTo(high, org.assertj.core.data.Offset.offset(0.01));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024年3月5日就诊",
            "阿莫西林 0.5g 每日3次",
            "一日三次口服",
            "45-year-old man",
            "3天后复诊",
            "每日一次",
            "q8h",
    })
    void datesFrequenciesAgesAndTheFutureAreNotDurations(String text) {
        assertThat(Durations.find(text, true)).isEmpty();
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "2周, 半月, true",
            "1年余, 1年前, true",
            "3天, 3天前, true",
            "6个月, 半年, true",
            "1天, 昨日, true",
            "三天, 3天, true",
            "一千天, 1000天, true",
            "3天, 2周, false",
            "1周, 3个月, false",
            "2 days, 3 weeks, false",
    })
    void writingsOfTheSameDurationAgreeAndOthersDoNot(String a, String b, boolean agree) {
        Durations.Found x = Durations.find(a, true).get(0);
        Durations.Found y = Durations.find(b, true).get(0);
        assertThat(x.agreesWith(y, 0.2)).isEqualTo(agree);
    }
}
