package org.medscribe.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VitalsTest {

    @Test
    void readsAChineseVitalSignsLine() {
        List<Vitals.Reading> readings = Vitals.find("T 36.8℃，P 80次/分，R 18次/分，BP 120/80mmHg。神清。");
        assertThat(readings).extracting(Vitals.Reading::kind)
                .containsExactly(Vitals.Kind.T, Vitals.Kind.P, Vitals.Kind.R, Vitals.Kind.BP);
        assertThat(readings).allMatch(Vitals.Reading::hasUnit);
        Vitals.Reading bp = readings.get(3);
        assertThat(bp.value()).isEqualTo(120);
        assertThat(bp.second()).isEqualTo(80);
    }

    @Test
    void readsChineseWordsAndEnglishNotation() {
        assertThat(Vitals.find("体温37.2℃，脉搏88次/分，呼吸20次/分，血压135/85mmHg")).hasSize(4);
        List<Vitals.Reading> en = Vitals.find("Vitals: BP 128/82, HR 76, RR 16, T 98.4 F, SpO2 98% on room air.");
        assertThat(en).extracting(Vitals.Reading::kind)
                .containsExactly(Vitals.Kind.BP, Vitals.Kind.P, Vitals.Kind.R, Vitals.Kind.T, Vitals.Kind.SPO2);
        assertThat(en.get(3).celsius()).isBetween(36.8, 37.0);
        assertThat(Vitals.find("blood pressure is 140 over 90 and heart rate of 72")).hasSize(2);
    }

    @Test
    void oneLetterKeysNeedASeparatorOrAUnit() {
        assertThat(Vitals.find("T12 tenderness, P2 normal")).isEmpty();
        assertThat(Vitals.find("T 39")).hasSize(1);
    }

    @Test
    void aBloodPressureWithOneNumberHasNoDiastolic() {
        Vitals.Reading bp = Vitals.find("BP 120-80 mmHg").get(0);
        assertThat(Double.isNaN(bp.second())).isTrue();
    }
}
