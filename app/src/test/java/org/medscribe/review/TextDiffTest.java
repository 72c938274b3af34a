package org.medscribe.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDiffTest {

    private static String only(List<TextDiff.Piece> pieces, TextDiff.Kind kind) {
        return pieces.stream().filter(p -> p.kind() == kind).map(TextDiff.Piece::text).collect(Collectors.joining("|"));
    }

    private static String side(List<TextDiff.Piece> pieces, TextDiff.Kind mine) {
        return pieces.stream().filter(p -> p.kind() == TextDiff.Kind.SAME || p.kind() == mine)
                .map(TextDiff.Piece::text).collect(Collectors.joining());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            English: whole words | Cough for five days. Fever 38.6 C. | Cough for six days. Fever 38.6 C. Worse at night. | five | six;. Worse at night
            Chinese: single characters | 咳嗽5天，发热1天。 | 咳嗽7天，低热1天。 | 5;发 | 7;低
            """)
    void changesAreWordsInEnglishAndCharactersInChinese(String language, String before, String after, String removed,
                                                        String added) {
        List<TextDiff.Piece> pieces = TextDiff.between(before, after);
        assertThat(only(pieces, TextDiff.Kind.REMOVED)).isEqualTo(removed.replace(';', '|'));
        assertThat(only(pieces, TextDiff.Kind.ADDED)).isEqualTo(added.replace(';', '|'));
        assertThat(side(pieces, TextDiff.Kind.REMOVED)).isEqualTo(before);
        assertThat(side(pieces, TextDiff.Kind.ADDED)).isEqualTo(after);
    }

    @Test
    void tokensSplitWordsButNotHanCharactersTogether() {
        assertThat(TextDiff.tokens("BP 120/80 血压正常")).containsExactly("BP", " ", "120", "/", "80", " ", "血", "压",
                "正", "常");
        assertThat(TextDiff.between("same", "same")).containsExactly(new TextDiff.Piece(TextDiff.Kind.SAME, "same"));
    }
}
