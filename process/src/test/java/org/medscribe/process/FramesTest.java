package org.medscribe.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

class FramesTest {

    @Test
    void linesThatAreNotFramesAreIgnored() {
        assertThat(Frames.decode("Extracted 'libjllama.so' to '/x'")).isEmpty();
        assertThat(Frames.decode(Frames.PREFIX + "{broken")).isEmpty();
        assertThat(Frames.decode(Frames.PREFIX + "[1]")).isEmpty();
        assertThat(Frames.decode(Frames.PREFIX + "{\"id\":1}")).isEmpty();
        assertThat(Frames.decode(null)).isEmpty();
        String frame = Frames.encode(Frames.frame("token", 3).put("text", "line\nbreak"));
        assertThat(frame).doesNotContain("\n");
        assertThat(Frames.decode(frame)).hasValueSatisfying(f -> assertThat(f.path("text").asText())
                .isEqualTo("line\nbreak"));
    }

    @Test
    void aFailureCrossesTheBoundaryWithItsCategoryKeyAndArguments() {
        ObjectNode error = Frames.error(7, new MedScribeException(Category.BAD_INPUT, "capture.file.too.large", 50L,
                "页.pdf"));
        ObjectNode received = Frames.decode(Frames.encode(error)).orElseThrow();
        assertThat(Frames.isError(received)).isTrue();
        MedScribeException back = Frames.failure(received, "capture.failed");
        assertThat(back.category()).isEqualTo(Category.BAD_INPUT);
        assertThat(back.messageKey()).isEqualTo("capture.file.too.large");
        assertThat(back.arguments()).containsExactly(50L, "页.pdf");
    }

    @Test
    void aCancelInTheChildIsACancelInTheParent() {
        assertThat(Frames.failure(Frames.error(1, new CancelledException()), "x")).isInstanceOf(CancelledException.class);
    }

    @Test
    void anErrorFromAnotherVersionStillReadsAsAFailure() {
        ObjectNode odd = Frames.frame("error", 2).put("category", "SOMETHING_NEW");
        MedScribeException back = Frames.failure(odd, "capture.failed");
        assertThat(back.category()).isEqualTo(Category.FAILED);
        assertThat(back.messageKey()).isEqualTo("capture.failed");
        assertThat(back.arguments()).isEmpty();
    }
}
