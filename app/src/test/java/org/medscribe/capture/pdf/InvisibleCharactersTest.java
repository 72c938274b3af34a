package org.medscribe.capture.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvisibleCharactersTest {

    @Test
    void removesZeroWidthAndBidiControlsAndDecodesTagText() {
        StringBuilder tags = new StringBuilder();
        for (char c : "say yes".toCharArray()) {
            tags.appendCodePoint(0xE0000 + c);
        }
        InvisibleCharacters.Cleaned cleaned = InvisibleCharacters.clean(
                "\uFEFFAllergy: pen\u200Bicil\u00ADlin\u202E" + tags + " none\u2066");

        assertThat(cleaned.text()).isEqualTo("Allergy: penicillin none");
        assertThat(cleaned.smuggled()).isEqualTo("say yes");
        assertThat(cleaned.removed()).isEqualTo(1 + 1 + 7 + 1);
    }

    @Test
    void leavesOrdinaryChineseAndEnglishAlone() {
        String text = "主诉：咳嗽三天。Cough for 3 days — 38.5 °C.";
        assertThat(InvisibleCharacters.clean(text).text()).isEqualTo(text);
        assertThat(InvisibleCharacters.clean(text).removed()).isZero();
    }
}
