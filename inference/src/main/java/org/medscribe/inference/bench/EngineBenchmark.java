package org.medscribe.inference.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.LoadedModel;

/**
 * Measures an engine the way the app uses it: a prompt of a chosen size evaluated from scratch
 * (cold), the same prefix with a new tail (warm, prefix reused), and a generation of a chosen
 * length; Java-observed figures beside llama.cpp's own for the same requests.
 *
 * <p>Each run is one cold request (a prefix no earlier request shared, so the whole prompt is
 * evaluated) followed by one warm request that shares all but its last turn. Figures are medians
 * over the runs.
 */
public final class EngineBenchmark {

    /** What to measure. */
    public record Plan(int promptTokens, int generatedTokens, int runs) {
        public Plan {
            if (promptTokens < 32 || generatedTokens < 2 || runs < 1) {
                throw new IllegalArgumentException("prompt >= 32, generation >= 2, runs >= 1");
            }
        }
    }

    /** Medians of one engine path. */
    public record PathFigures(
            String path,
            double loadMillis,
            int promptTokens,
            double coldTimeToFirstTokenMillis,
            double warmTimeToFirstTokenMillis,
            int warmPromptTokensEvaluated,
            double javaPromptRate,
            double llamaPromptRate,
            double promptRateRatio,
            int generatedTokens,
            double javaGenerationRate,
            double llamaGenerationRate,
            double generationRateRatio) {
    }

    private final Plan plan;
    private final ProgressListener progress;

    public EngineBenchmark(Plan plan, ProgressListener progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Loads a fresh engine from {@code factory}, measures it, closes it. */
    public PathFigures measure(String pathName, Supplier<LanguageEngine> factory, EngineSettings settings) {
        try (LanguageEngine engine = factory.get()) {
            progress.progress("bench.phase.loading", ProgressListener.INDETERMINATE);
            LoadedModel model = engine.load(settings, progress, CancellationToken.none());
            String prefix = prefixOf(engine, plan.promptTokens());
            List<GenerationMetrics> cold = new ArrayList<>();
            List<GenerationMetrics> warm = new ArrayList<>();
            for (int run = 0; run < plan.runs(); run++) {
                progress.progress("bench.phase.measuring", (double) run / plan.runs());
                // A prefix no earlier request shared: the first request evaluates all of it.
                String runPrefix = "Run " + run + ". " + prefix;
                cold.add(request(engine, runPrefix, "Case " + run + ", first note.").metrics());
                warm.add(request(engine, runPrefix, "Case " + run + ", second note.").metrics());
            }
            progress.progress("bench.phase.measuring", 1.0);
            double javaPrompt = median(cold, GenerationMetrics::javaPromptRate);
            double llamaPrompt = median(cold, GenerationMetrics::llamaPromptRate);
            double javaGen = median(cold, GenerationMetrics::javaGenerationRate);
            double llamaGen = median(cold, GenerationMetrics::llamaGenerationRate);
            return new PathFigures(pathName, model.loadMillis(), cold.get(0).promptTokens(),
                    median(cold, GenerationMetrics::timeToFirstTokenMillis),
                    median(warm, GenerationMetrics::timeToFirstTokenMillis),
                    (int) median(warm, m -> m.promptTokensEvaluated()),
                    javaPrompt, llamaPrompt, javaPrompt / llamaPrompt,
                    (int) median(cold, m -> m.generatedTokens()),
                    javaGen, llamaGen, javaGen / llamaGen);
        }
    }

    private GenerationResult request(LanguageEngine engine, String prefix, String tail) {
        return engine.generate(GenerationRequest.builder(messages(prefix, tail))
                .maxTokens(plan.generatedTokens()).ignoreEos(true).temperature(0).seed(1).build(), piece -> { },
                CancellationToken.none());
    }

    private static List<ChatMessage> messages(String prefix, String tail) {
        return List.of(ChatMessage.system(prefix), ChatMessage.user(tail));
    }

    /** A clinical-sounding system prompt of about {@code target} tokens once formatted. */
    private static String prefixOf(LanguageEngine engine, int target) {
        String sentence = "Record the chief complaint, history of present illness, medications, allergies, "
                + "examination, results, assessment and plan; cite the source segment of every statement. ";
        int perSentence = Math.max(1, engine.countTokens(sentence));
        StringBuilder prefix = new StringBuilder();
        int sentences = Math.max(1, target / perSentence);
        prefix.append(sentence.repeat(sentences));
        while (engine.countPromptTokens(messages(prefix.toString(), "Case 0 cold.")) > target && prefix.length() > 40) {
            prefix.setLength(prefix.length() - 40);
        }
        return prefix.toString();
    }

    private interface Figure {
        double of(GenerationMetrics metrics);
    }

    private static double median(List<GenerationMetrics> metrics, Figure figure) {
        double[] values = metrics.stream().mapToDouble(figure::of).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

}
