package org.medscribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

    private static List<String> texts(String text, List<TextSpan> spans) {
        return spans.stream().map(s -> s.of(text)).toList();
    }

    @Test
    void cutsChineseAndEnglishSentencesButNotNumbersOrAbbreviations() {
        String text = "咳嗽3天。 Amoxicillin 0.5 g p.o. tid. No fever!";
        assertThat(texts(text, Sentences.sentences(text)))
                .containsExactly("咳嗽3天", "Amoxicillin 0.5 g p.o. tid", "No fever");
    }

    @Test
    void sentencesWithEndsKeepTheClosingMark() {
        String text = "咳嗽3天。无发热；\nDenies chest pain.";
        List<TextSpan> spans = Sentences.sentencesWithEnds(text);
        assertThat(texts(text, spans)).containsExactly("咳嗽3天。", "无发热；", "Denies chest pain.");
        assertThat(spans.get(1).start()).isEqualTo(5);
    }

    @Test
    void clausesAlsoCutAtCommas() {
        String text = "对青霉素过敏，否认其他病史、无手术史. Rash, itching";
        assertThat(texts(text, Sentences.clauses(text)))
                .containsExactly("对青霉素过敏", "否认其他病史", "无手术史", "Rash", "itching");
        assertThat(Sentences.isClauseSeparator('，')).isTrue();
        assertThat(Sentences.isClauseSeparator('。')).isFalse();
    }

    @Test
    void blankTextHasNoSentence() {
        assertThat(Sentences.sentences("  \n ")).isEmpty();
    }
}
