package org.medscribe.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private final Messages chinese = new Messages(Messages.CHINESE);

    @Test
    void aChineseWordInAChineseMessageHasNoSpacesAroundIt() {
        assertThat(chinese.get("draft.flag.allergy_omitted", "花粉")).isEqualTo("资料中提到对花粉过敏，病历中未记录。");
        assertThat(chinese.get("draft.flag.medication_omitted", "氨氯地平")).isEqualTo("资料中提到氨氯地平，病历中未记录。");
        assertThat(chinese.get("draft.flag.drug_not_in_sources", "头孢克肟")).isEqualTo("药物头孢克肟不在资料中。");
    }

    @Test
    void latinWordsAndNumbersKeepTheirSpaces() {
        assertThat(chinese.get("draft.flag.allergy_omitted", "penicillin"))
                .isEqualTo("资料中提到对 penicillin 过敏，病历中未记录。");
        assertThat(chinese.get("draft.flag.value_not_in_sources", "38.5 ℃")).isEqualTo("数值 38.5 ℃ 不在资料中。");
        assertThat(chinese.get("draft.error.tooShort", 12)).contains("（12 个字）");
    }

    @Test
    void englishMessagesAreUntouched() {
        assertThat(new Messages(Locale.ROOT).get("draft.flag.allergy_omitted", "花粉")).contains(" 花粉");
    }
}
