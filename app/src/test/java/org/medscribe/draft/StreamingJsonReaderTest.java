package org.medscribe.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingJsonReaderTest {

    private static final String ANSWER = "{\"cc\":[{\"t\":\"咳嗽 3 天\",\"s\":[1,2]}], \"hpi\" : [ {\"t\":\"fever \\\"38.5\\\"\",\"s\":[3]},"
            + "{\"t\":\"\",\"s\":[12]} ],\n  \"med\":[]}";

    record Event(List<Object> path, JsonNode value, int fedChars) {
    }

    @ParameterizedTest(name = "pieces of {0} characters")
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void reportsEachValueAsSoonAsItCloses(int pieceSize) {
        List<Event> events = new ArrayList<>();
        int[] fed = {0};
        StreamingJsonReader reader = new StreamingJsonReader(2, (path, value) -> events.add(new Event(path, value, fed[0])));
        for (int i = 0; i < ANSWER.length(); i += pieceSize) {
            String piece = ANSWER.substring(i, Math.min(ANSWER.length(), i + pieceSize));
            fed[0] += piece.length();
            reader.feed(piece);
        }
        reader.end();

        assertThat(reader.error()).isNull();
        assertThat(reader.isComplete()).isTrue();
        assertThat(events).extracting(Event::path).containsExactly(
                List.of("cc", 0), List.of("cc"), List.of("hpi", 0), List.of("hpi", 1), List.of("hpi"), List.of("med"));
        assertThat(events.get(0).value().path("t").asText()).isEqualTo("咳嗽 3 天");
        assertThat(events.get(2).value().path("t").asText()).isEqualTo("fever \"38.5\"");
        // The first fact is reported long before the answer ends, as soon as its closing brace is in.
        if (pieceSize < 10) {
            assertThat(events.get(0).fedChars()).isLessThanOrEqualTo(ANSWER.indexOf("]}") + 2 + pieceSize);
        }
        assertThat(reader.root().path("hpi").size()).isEqualTo(2);
    }

    @Test
    void depthOneReportsOnlyTopLevelMembers() {
        List<List<Object>> paths = new ArrayList<>();
        StreamingJsonReader reader = new StreamingJsonReader(1, (path, value) -> paths.add(path));
        reader.feed(ANSWER);
        reader.end();
        assertThat(paths).containsExactly(List.of("cc"), List.of("hpi"), List.of("med"));
    }

    @Test
    void aTruncatedAnswerKeepsWhatClosedAndIsNotComplete() {
        List<List<Object>> paths = new ArrayList<>();
        StreamingJsonReader reader = new StreamingJsonReader(2, (path, value) -> paths.add(path));
        reader.feed(ANSWER.substring(0, ANSWER.indexOf("{\"t\":\"\"")));
        reader.end();
        assertThat(paths).containsExactly(List.of("cc", 0), List.of("cc"), List.of("hpi", 0));
        assertThat(reader.isComplete()).isFalse();
    }

    @Test
    void containersAreReportedWhenTheyOpenBeforeTheyClose() {
        List<String> events = new ArrayList<>();
        StreamingJsonReader reader = new StreamingJsonReader(2, new StreamingJsonReader.Listener() {
            @Override
            public void opened(List<Object> path) {
                events.add("open " + path);
            }

            @Override
            public void completed(List<Object> path, JsonNode value) {
                events.add("done " + path);
            }
        });
        reader.feed(ANSWER.substring(0, ANSWER.indexOf("\"t\":\"fever")));
        assertThat(events).containsExactly("open [cc]", "open [cc, 0]", "done [cc, 0]", "done [cc]", "open [hpi]",
                "open [hpi, 0]");
        reader.feed(ANSWER.substring(ANSWER.indexOf("\"t\":\"fever")));
        reader.end();
        // Only down to the reader's depth: the citation arrays inside a fact are not reported.
        assertThat(events).endsWith("done [hpi]", "open [med]", "done [med]").doesNotContain("open [cc, 0, s]");
    }

    @Test
    void malformedInputIsReportedNotThrown() {
        StreamingJsonReader reader = new StreamingJsonReader(2, (path, value) -> { });
        reader.feed("{\"cc\": [oops]}");
        reader.feed("more");
        reader.end();
        assertThat(reader.error()).isNotNull();
        assertThat(reader.isComplete()).isFalse();
    }

    @Test
    void aNumberAtTheVeryEndCompletesOnEnd() {
        List<JsonNode> values = new ArrayList<>();
        StreamingJsonReader reader = new StreamingJsonReader(0, (path, value) -> values.add(value));
        reader.feed("12");
        assertThat(reader.isComplete()).isFalse();
        reader.end();
        assertThat(reader.root().asInt()).isEqualTo(12);
    }
}
