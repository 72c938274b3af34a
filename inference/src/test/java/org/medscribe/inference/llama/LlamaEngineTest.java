package org.medscribe.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.testing.EngineFixtures;
import org.medscribe.inference.testing.TestModels;

/** The real llama.cpp engine, in this process, on the tiny random model (structure only, never text). */
class LlamaEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTEXT = 2048;

    @TempDir
    static Path state;

    private static LlamaEngine engine;
    private static LoadedModel loaded;

    @BeforeAll
    static void load() {
        engine = new LlamaEngine(EngineFixtures.nativesDir(), state, EngineFixtures.passThrough());
        loaded = engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(CONTEXT),
                ProgressListener.NONE, CancellationToken.none());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void loadReportsTheModelAndTheNativeBuild() {
        assertThat(loaded.contextSize()).isEqualTo(CONTEXT);
        assertThat(loaded.fileBytes()).isEqualTo(TestModels.languageModel().toFile().length());
        assertThat(loaded.engineVersion()).contains("4.2.0").contains("b4916");
        assertThat(loaded.loadMillis()).isPositive();
        assertThat(engine.status().state()).isEqualTo(EngineState.READY);
    }

    @Test
    void nativeLibraryComesFromAnAppOwnedDirectory() {
        assertThat(System.getProperty("de.kherud.llama.lib.path")).startsWith(EngineFixtures.nativesDir().toString());
        assertThat(System.getProperty("de.kherud.llama.tmpdir")).startsWith(EngineFixtures.nativesDir().toString());
    }

    @Test
    void streamsTokensThatMakeUpTheAnswer() {
        List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Summarise: cough for 3 days."))
                .maxTokens(24).seed(7).build(), pieces::add, CancellationToken.none());

        assertThat(pieces.size()).isGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(result.text());
        assertThat(result.metrics().generatedTokens()).isBetween(1, 24);
        assertThat(result.metrics().promptTokens()).isPositive();
        assertThat(result.seed()).isEqualTo(7);
    }

    @Test
    void maxTokensEndsWithLengthAndReportsLlamaTimings() {
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Describe the plan."))
                .maxTokens(16).ignoreEos(true).build(), piece -> { }, CancellationToken.none());

        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.metrics().generatedTokens()).isEqualTo(16);
        assertThat(result.metrics().llamaGenerationRate()).isPositive();
        assertThat(result.metrics().llamaPromptRate()).isPositive();
        assertThat(result.metrics().javaGenerationRate()).isPositive();
        assertThat(result.metrics().timeToFirstTokenMillis()).isPositive();
    }

    @Test
    void cancelStopsWithinAboutOneToken() {
        CancellationToken cancel = new CancellationToken();
        List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Write a long letter."))
                .maxTokens(1500).ignoreEos(true).build(), piece -> {
                    pieces.add(piece);
                    if (pieces.size() == 5) {
                        cancel.cancel();
                    }
                }, cancel);

        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(pieces).hasSizeBetween(5, 6);
        assertThat(result.text()).isEqualTo(String.join("", pieces));
        // The engine is usable right after a cancel.
        GenerationResult next = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Again."))
                .maxTokens(4).build(), piece -> { }, CancellationToken.none());
        assertThat(next.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    }

    @Test
    void schemaConstrainedOutputParsesAndHonoursBounds() throws Exception {
        String schema = """
                {"type":"object","properties":{
                  "chief_complaint":{"type":"string","maxLength":40},
                  "severity":{"type":"string","enum":["mild","moderate","severe"]},
                  "findings":{"type":"array","maxItems":3,"items":{"type":"object","properties":{
                      "text":{"type":"string","maxLength":30},
                      "segments":{"type":"array","maxItems":2,"items":{"type":"integer"}}},
                    "required":["text","segments"]}},
                  "urgent":{"type":"boolean"}},
                 "required":["chief_complaint","severity","findings","urgent"]}""";
        for (int seed = 1; seed <= 3; seed++) {
            GenerationResult result = engine.generate(GenerationRequest.builder(
                            EngineFixtures.chat("主诉：咳嗽三天。Extract the facts as JSON."))
                    .jsonSchema(schema).maxTokens(600).temperature(0.8).seed(seed).build(), piece -> { },
                    CancellationToken.none());

            assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
            JsonNode json = JSON.readTree(result.text());
            assertThat(json.get("chief_complaint").asText().length()).isLessThanOrEqualTo(40);
            assertThat(json.get("severity").asText()).isIn("mild", "moderate", "severe");
            assertThat(json.get("findings").size()).isLessThanOrEqualTo(3);
            for (JsonNode finding : json.get("findings")) {
                assertThat(finding.get("text").asText().length()).isLessThanOrEqualTo(30);
                assertThat(finding.get("segments").size()).isLessThanOrEqualTo(2);
                finding.get("segments").forEach(s -> assertThat(s.isIntegralNumber()).isTrue());
            }
            assertThat(json.get("urgent").isBoolean()).isTrue();
        }
    }

    @Test
    void schemaWithDefinitionsAndNestedArraysParses() throws Exception {
        String schema = """
                {"$defs":{"evidence":{"type":"object","properties":{"s":{"type":"integer"}},"required":["s"]}},
                 "type":"object","properties":{
                   "sections":{"type":"array","maxItems":2,"items":{"type":"object","properties":{
                       "id":{"type":"string","enum":["cc","hpi"]},
                       "lines":{"type":"array","maxItems":2,"items":{"type":"array","maxItems":2,
                           "items":{"$ref":"#/$defs/evidence"}}}},
                     "required":["id","lines"]}}},
                 "required":["sections"]}""";
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("JSON please."))
                .jsonSchema(schema).maxTokens(600).seed(11).build(), piece -> { }, CancellationToken.none());

        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        JsonNode json = JSON.readTree(result.text());
        assertThat(json.get("sections").isArray()).isTrue();
        json.get("sections").forEach(section -> assertThat(section.get("id").asText()).isIn("cc", "hpi"));
    }

    @Test
    void constrainedOutputSpendsNoTokensOnLayoutWhitespace() {
        String schema = "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"maxItems\":4,"
                + "\"items\":{\"type\":\"integer\"}}},\"required\":[\"items\"]}";
        for (int seed = 1; seed <= 5; seed++) {
            GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Numbers."))
                    .jsonSchema(schema).maxTokens(200).temperature(1.0).seed(seed).build(), piece -> { },
                    CancellationToken.none());
            assertThat(result.text()).doesNotContain("\n").doesNotContain("\t").doesNotContain("  ");
        }
        assertThat(LlamaEngine.compactWhitespace("root ::= \"{\" space \"}\"\nspace ::= | \" \" | \"\\n\"{1,2} [ \\t]{0,20}\n"))
                .isEqualTo("root ::= \"{\" space \"}\"\nspace ::= | \" \"\n");
    }

    @Test
    void unsupportedOrMalformedSchemaIsRefusedBeforeNativeCode() {
        // llama.cpp's converter would abort the process on these; the guard refuses them in Java.
        for (String schema : List.of("{not json", "{\"type\":\"object\",\"patternProperties\":{}}",
                "{\"$ref\":\"https://example.org/schema\"}", "{\"type\":\"tuple\"}")) {
            assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(EngineFixtures.chat("x"))
                    .jsonSchema(schema).maxTokens(8).build(), piece -> { }, CancellationToken.none()))
                    .isInstanceOf(EngineException.class)
                    .extracting(e -> ((MedScribeException) e).category())
                    .isEqualTo(MedScribeException.Category.BAD_INPUT);
        }
    }

    @Test
    void promptThatDoesNotFitIsRefusedWithTokenCounts() {
        List<ChatMessage> chat = EngineFixtures.longChat(150, "Summarise.");
        int promptTokens = engine.countPromptTokens(chat);
        assertThat(promptTokens).isGreaterThan(CONTEXT);

        assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(chat).maxTokens(64).build(),
                piece -> { }, CancellationToken.none()))
                .isInstanceOfSatisfying(ContextOverflowException.class, e -> {
                    assertThat(e.promptTokens()).isEqualTo(promptTokens);
                    assertThat(e.maxTokens()).isEqualTo(64);
                    assertThat(e.contextSize()).isEqualTo(CONTEXT);
                    assertThat(e.isBadInput()).isTrue();
                });
    }

    @Test
    void roomForTheAnswerCountsTowardsTheContext() {
        List<ChatMessage> chat = EngineFixtures.longChat(20, "Summarise.");
        int promptTokens = engine.countPromptTokens(chat);
        assertThat(promptTokens).isLessThan(CONTEXT);
        assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(chat)
                .maxTokens(CONTEXT - promptTokens + 1).build(), piece -> { }, CancellationToken.none()))
                .isInstanceOf(ContextOverflowException.class);
    }

    @Test
    void sharedPrefixIsReusedOnTheNextRequest() {
        // Two requests share a long system prompt and differ in the last turn.
        GenerationResult cold = engine.generate(GenerationRequest.builder(EngineFixtures.longChat(60, "First note."))
                .maxTokens(2).build(), piece -> { }, CancellationToken.none());
        GenerationResult warm = engine.generate(GenerationRequest.builder(EngineFixtures.longChat(60, "Second note."))
                .maxTokens(2).build(), piece -> { }, CancellationToken.none());

        assertThat(cold.metrics().promptTokensEvaluated()).isGreaterThan(1000);
        assertThat(warm.metrics().promptTokensEvaluated()).isLessThan(cold.metrics().promptTokensEvaluated() / 10);
        assertThat(warm.metrics().timeToFirstTokenMillis()).isLessThan(cold.metrics().timeToFirstTokenMillis());
    }

    @Test
    void concurrentRequestsQueueWithoutInterleaving() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int seed = 100 + i;
                futures.add(pool.submit(() -> {
                    List<String> mine = Collections.synchronizedList(new ArrayList<>());
                    start.await();
                    long[] window = new long[2];
                    GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Go " + seed))
                            .maxTokens(40).ignoreEos(true).seed(seed).build(), piece -> {
                                long now = System.nanoTime();
                                if (window[0] == 0) {
                                    window[0] = now;
                                }
                                window[1] = now;
                                mine.add(piece);
                            }, CancellationToken.none());
                    return List.of(result, String.join("", mine), window[0], window[1]);
                }));
            }
            start.countDown();
            List<long[]> windows = new ArrayList<>();
            for (Future<List<Object>> future : futures) {
                List<Object> outcome = future.get(2, TimeUnit.MINUTES);
                assertThat(((GenerationResult) outcome.get(0)).text()).isEqualTo(outcome.get(1));
                windows.add(new long[] {(Long) outcome.get(2), (Long) outcome.get(3)});
            }
            windows.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < windows.size(); i++) {
                assertThat(windows.get(i)[0]).as("token windows must not overlap").isGreaterThan(windows.get(i - 1)[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsTokensOfPlainText() {
        assertThat(engine.countTokens("")).isZero();
        int english = engine.countTokens("The patient reports a dry cough for three days.");
        int chinese = engine.countTokens("患者咳嗽三天，无发热。");
        assertThat(english).isBetween(5, 40);
        assertThat(chinese).isPositive();
        assertThat(Set.of(english, chinese)).hasSize(2);
    }
}
