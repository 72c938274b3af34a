package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which page a character of an imported document's text came from. */
class DocumentProvenanceTest {

    private final DocumentProvenance labs = new DocumentProvenance("application/pdf", "a".repeat(64), List.of(
            new DocumentProvenance.Page(1, 0, 12), new DocumentProvenance.Page(2, 14, 24)));

    @Test
    void anOffsetMapsToItsPageAndTheBlankLineBetweenPagesToNone() {
        assertThat(labs.pageAt(0)).hasValue(1);
        assertThat(labs.pageAt(11)).hasValue(1);
        assertThat(labs.pageAt(12)).isEmpty();
        assertThat(labs.pageAt(13)).isEmpty();
        assertThat(labs.pageAt(14)).hasValue(2);
        assertThat(labs.pageAt(23)).hasValue(2);
        assertThat(labs.pageAt(24)).isEmpty();
        assertThat(DocumentProvenance.UNKNOWN.pageAt(0)).isEmpty();
        assertThatThrownBy(() -> labs.pageAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesAPageSpanThatCannotBe() {
        assertThatThrownBy(() -> new DocumentProvenance.Page(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DocumentProvenance.Page(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
