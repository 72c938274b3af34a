package org.medscribe.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    private static String only(List<TextDiff.Piece> pieces, TextDiff.Kind kind) {
        return pieces.stream().filter(p -> p.kind() == kind).map(TextDiff.Piece::text).collect(Collectors.joining("|"));
    }

    private static String side(List<TextDiff.Piece> pieces, TextDiff.Kind mine) {
        return pieces.stream().filter(p -> p.kind() == TextDiff.Kind.SAME || p.kind() == mine)
                .map(TextDiff.Piece::text).collect(Collectors.joining());
    }

    @Test
    void englishChangesAreWholeWords() {
        String before = "Cough for five days. Fever 38.6 C.";
        String after = "Cough for six days. Fever 38.6 C. Worse at night.";
        List<TextDiff.Piece> pieces = TextDiff.between(before, after);
        assertThat(only(pieces, TextDiff.Kind.REMOVED)).isEqualTo("five");
        assertThat(only(pieces, TextDiff.Kind.ADDED)).isEqualTo("six|. Worse at night");
        assertThat(side(pieces, TextDiff.Kind.REMOVED)).isEqualTo(before);
        assertThat(side(pieces, TextDiff.Kind.ADDED)).isEqualTo(after);
    }

    @Test
    void chineseChangesAreSingleCharacters() {
        String before = "咳嗽5天，发热1天。";
        String after = "咳嗽7天，低热1天。";
        List<TextDiff.Piece> pieces = TextDiff.between(before, after);
        assertThat(only(pieces, TextDiff.Kind.REMOVED)).isEqualTo("5|发");
        assertThat(only(pieces, TextDiff.Kind.ADDED)).isEqualTo("7|低");
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
