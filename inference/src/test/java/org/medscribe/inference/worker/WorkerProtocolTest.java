package org.medscribe.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.testing.EngineFixtures;
import org.medscribe.process.Frames;

class WorkerProtocolTest {

    @Test
    void requestsSettingsAndResultsSurviveTheTrip() {
        GenerationRequest request = GenerationRequest.builder(EngineFixtures.chat("主诉：头痛 2 天\n\"quoted\""))
                .maxTokens(77).temperature(0.3).seed(5).stop("</s>").jsonSchema("{\"type\":\"string\"}").build();
        assertThat(roundTrip(request, GenerationRequest.class)).isEqualTo(request);

        EngineSettings settings = new EngineSettings(Path.of("/models/q w/模型.gguf"), 4, 8192, 512, 0,
                Path.of("/opt/cuda libs"));
        assertThat(roundTrip(settings, EngineSettings.class)).isEqualTo(settings);

        GenerationMetrics metrics = new GenerationMetrics(10, 2, 5, 1.5, 9.0, Double.NaN, 3.0, Double.NaN, 1.0, 2.0,
                Double.POSITIVE_INFINITY);
        GenerationResult result = new GenerationResult("{\"a\":\"左\"}", FinishReason.LENGTH, metrics, 9);
        GenerationResult back = roundTrip(result, GenerationResult.class);
        assertThat(back.text()).isEqualTo(result.text());
        assertThat(back.metrics().javaPromptRate()).isNaN();
        assertThat(back.metrics().llamaGenerationRate()).isInfinite();
        assertThat(back.finishReason()).isEqualTo(FinishReason.LENGTH);

        LoadedModel model = new LoadedModel(Path.of("/m/a.gguf"), "tiny", "llama", 2048, 1L << 33, 12.5, "b4916");
        assertThat(roundTrip(model, LoadedModel.class)).isEqualTo(model);
    }

    @Test
    void failuresKeepTheirTypeKeyAndArguments() {
        ObjectNode overflow = Frames.error(4, new ContextOverflowException(3000, 512, 2048));
        assertThat(WorkerProtocol.failure(overflow)).isInstanceOfSatisfying(ContextOverflowException.class, e -> {
            assertThat(e.promptTokens()).isEqualTo(3000);
            assertThat(e.maxTokens()).isEqualTo(512);
            assertThat(e.contextSize()).isEqualTo(2048);
        });
        ObjectNode refused = Frames.error(5, new EngineException(Category.BAD_INPUT, "engine.error.schemaInvalid",
                "eof"));
        EngineException back = WorkerProtocol.failure(refused);
        assertThat(back.isBadInput()).isTrue();
        assertThat(back.messageKey()).isEqualTo("engine.error.schemaInvalid");
        assertThat(back.arguments()).containsExactly("eof");
    }

    @Test
    void restartDelaysGrowThenCap() {
        RestartPolicy policy = new RestartPolicy(Duration.ofMillis(250), Duration.ofSeconds(2), 5);
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(40)).isEqualTo(Duration.ofSeconds(2));
    }

    private static <T> T roundTrip(T value, Class<T> type) {
        ObjectNode frame = Frames.frame("x", 1);
        frame.set("v", Frames.tree(value));
        ObjectNode decoded = Frames.decode(Frames.encode(frame)).orElseThrow();
        return Frames.read(decoded.get("v"), type);
    }
}
