package org.medscribe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.bench.EngineBenchmark;
import org.medscribe.models.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medscribe bench --model M}: prompt and generation rates observed in Java beside the ones
 * llama.cpp reports for the same requests, cold and warm time to first token, in this process and
 * through the engine worker. Prints JSON on stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the engine on a model: Java vs llama.cpp rates, cold/warm TTFT, "
        + "in-process vs worker. Prints JSON.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelFileOption modelFile;

    @Option(names = "--prompt-tokens", defaultValue = "512", description = "prompt size (default ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--gen-tokens", defaultValue = "128", description = "tokens to generate (default ${DEFAULT-VALUE})")
    int genTokens;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--runs", defaultValue = "3", description = "repetitions; medians are reported (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--path", defaultValue = "both", description = "in-process, worker or both (default ${DEFAULT-VALUE})")
    String path;

    private final CliContext context;

    BenchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path model = modelFile.existingFile();
        int threads = threadsOption.threads("bench.error.arguments");
        if (promptTokens < 32 || genTokens < 2 || runs < 1
                || !(path.equals("both") || path.equals("in-process") || path.equals("worker"))) {
            throw new MedScribeException(Category.BAD_INPUT, "bench.error.arguments");
        }
        int contextSize = Math.max(1024, ((promptTokens + genTokens + 64) / 256 + 1) * 256);
        EngineSettings settings = EngineSettings.defaults(model).withContextSize(contextSize)
                .withThreads(threads);
        Engines engines = context.engines();
        EngineBenchmark benchmark = new EngineBenchmark(new EngineBenchmark.Plan(promptTokens, genTokens, runs),
                (phase, fraction) -> context.err().println(context.messages().get(phase)
                        + (fraction >= 0 ? String.format(" %3.0f%%", fraction * 100) : "")));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.toString());
        report.put("model_bytes", Files.size(model));
        report.put("context_size", contextSize);
        report.put("threads", threads);
        report.put("runs", runs);
        report.put("machine", Map.of(
                "available_processors", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "java", System.getProperty("java.version")));
        EngineBenchmark.PathFigures inProcess = null;
        EngineBenchmark.PathFigures worker = null;
        if (!path.equals("worker")) {
            context.err().println(context.messages().get("bench.path.inProcess"));
            inProcess = benchmark.measure("in_process", engines::inProcess, settings);
            report.put("in_process", inProcess);
        }
        if (!path.equals("in-process")) {
            context.err().println(context.messages().get("bench.path.worker"));
            worker = benchmark.measure("worker", engines::supervised, settings);
            report.put("worker", worker);
        }
        if (inProcess != null && worker != null) {
            report.put("worker_vs_in_process", Map.of(
                    "java_generation_rate_ratio", worker.javaGenerationRate() / inProcess.javaGenerationRate(),
                    "cold_ttft_ratio", worker.coldTimeToFirstTokenMillis() / inProcess.coldTimeToFirstTokenMillis()));
        }
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        context.out().println(json.writeValueAsString(report));
        context.out().flush();
        return MedScribeCommand.OK;
    }
}
