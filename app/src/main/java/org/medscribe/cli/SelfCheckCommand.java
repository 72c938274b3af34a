package org.medscribe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.models.BundledModels;
import org.medscribe.models.SelfCheck;
import org.medscribe.services.Services;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medscribe self-check [--model M] [--json]}: the post-install check. Loads the model through
 * the engine worker, drafts a bundled sample encounter, checks the structure and prints a short
 * report with timings. Exit 0 when every check passed, 1 when one failed, 2 for bad input (no model
 * given and none bundled or imported, a missing or refused file).
 */
@Command(name = "self-check", mixinStandardHelpOptions = true, description = "Check this installation: load a model through the engine worker, "
        + "draft a bundled sample encounter, check the structure, report timings.")
final class SelfCheckCommand implements Callable<Integer> {

    @Option(names = "--model", description = "GGUF model file (default: the model chosen in the settings, else the "
            + "one shipped with the app, else the first one in the user's model folder)")
    Path model;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    private final CliContext context;

    SelfCheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Settings preferences = new SettingsStore(context.directories().settingsFile()).load();
        Path chosen = model != null ? model
                : SelfCheck.defaultModel(preferences.modelPath(), BundledModels.list(), context.directories().models())
                        .orElseThrow(() -> new MedScribeException(Category.BAD_INPUT, "selfcheck.error.noModel",
                                context.directories().models().toString()));
        Services services = context.services();
        SelfCheck check = new SelfCheck(context.directories().natives(), services::engine,
                engine -> services.drafting(engine, 1));
        SelfCheck.Report report = check.run(SelfCheck.engineSettings(chosen, preferences.withModelPath(chosen).engineSettings()),
                (phase, fraction) -> context.err().println(context.messages().get(phase)), new CancellationToken());
        if (json) {
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(asJson(report)));
        } else {
            printText(report);
        }
        context.out().flush();
        return report.passed() ? MedScribeCommand.OK : MedScribeCommand.FAILED;
    }

    private void printText(SelfCheck.Report report) {
        var m = context.messages();
        var out = context.out();
        String version = MedScribeCommand.appVersion();
        out.println(m.get("selfcheck.report.title", version == null ? "dev" : version,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors()));
        out.println(m.get("selfcheck.report.model", report.model().toString(), megabytes(report.modelBytes())));
        out.println(m.get("selfcheck.report.runtime", System.getProperty("java.home"),
                System.getProperty("java.version")));
        out.println(m.get("selfcheck.report.tempDir", System.getProperty("java.io.tmpdir")));
        out.println(m.get("selfcheck.report.engineLibrary",
                report.nativeLibrary().map(Path::toString).orElse(m.get("selfcheck.report.unknown"))));
        out.println(m.get("selfcheck.report.databaseLibrary",
                report.databaseLibrary().map(Path::toString).orElse(m.get("selfcheck.report.unknown"))));
        for (SelfCheck.Step step : report.steps()) {
            out.println(m.get(step.passed() ? "selfcheck.step.passed" : "selfcheck.step.failed",
                    m.get(checkKey(step.check())), m.get(step.detailKey(), step.detailArgs())));
        }
        out.println(m.get("selfcheck.report.timings", millis(report.loadMillis()), millis(report.firstTokenMillis()),
                millis(report.draftMillis()), report.generatedTokens(), rate(report.tokensPerSecond()),
                rate(report.llamaTokensPerSecond())));
        out.println(m.get(report.passed() ? "selfcheck.report.passed" : "selfcheck.report.failed"));
    }

    private Map<String, Object> asJson(SelfCheck.Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", report.passed());
        root.put("version", MedScribeCommand.appVersion());
        root.put("model", report.model().toString());
        root.put("model_bytes", report.modelBytes());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("model_load_ms", finite(report.loadMillis()));
        timings.put("first_token_ms", finite(report.firstTokenMillis()));
        timings.put("draft_ms", finite(report.draftMillis()));
        timings.put("generated_tokens", report.generatedTokens());
        timings.put("tokens_per_second", finite(report.tokensPerSecond()));
        timings.put("llama_tokens_per_second", finite(report.llamaTokensPerSecond()));
        root.put("timings", timings);
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("java_home", System.getProperty("java.home"));
        runtime.put("java_version", System.getProperty("java.version"));
        runtime.put("app_java", report.appJava().toString());
        runtime.put("worker_java", report.workerJava().map(Path::toString).orElse(null));
        runtime.put("engine_library", report.nativeLibrary().map(Path::toString).orElse(null));
        runtime.put("database_library", report.databaseLibrary().map(Path::toString).orElse(null));
        runtime.put("temp_dir", System.getProperty("java.io.tmpdir"));
        runtime.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        runtime.put("available_processors", Runtime.getRuntime().availableProcessors());
        root.put("runtime", runtime);
        List<Map<String, Object>> steps = report.steps().stream().map(step -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", step.check().name().toLowerCase(Locale.ROOT));
            entry.put("passed", step.passed());
            entry.put("detail", context.messages().get(step.detailKey(), step.detailArgs()));
            return entry;
        }).toList();
        root.put("checks", steps);
        return root;
    }

    private static String checkKey(SelfCheck.Check check) {
        return switch (check) {
            case DATABASE -> "selfcheck.step.database";
            case MODEL_LOAD -> "selfcheck.step.modelLoad";
            case WORKER_RUNTIME -> "selfcheck.step.workerRuntime";
            case DRAFT -> "selfcheck.step.draft";
            case STRUCTURE -> "selfcheck.step.structure";
        };
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : null;
    }

    private static String millis(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "–";
    }

    private static String rate(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.1f", value) : "–";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1e6);
    }
}
