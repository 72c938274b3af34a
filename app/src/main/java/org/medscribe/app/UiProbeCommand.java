package org.medscribe.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;
import org.medscribe.cli.CliContext;
import org.medscribe.cli.ModelFileOption;
import org.medscribe.cli.ThreadsOption;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.review.InMemoryEncounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.services.Services;
import org.medscribe.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medscribe ui-probe --model M}: opens the real window (needs a display; Xvfb will do), drafts
 * a note repeatedly with the model for {@code --seconds}, and measures the gaps between FX pulses
 * meanwhile ({@link ResponsivenessProbe}). Prints JSON: longest gap, 99th percentile, mean, gaps over
 * 50 ms, drafts completed. Uses a temporary data folder, so the user's settings and encounters are
 * untouched.
 */
@Command(name = "ui-probe", mixinStandardHelpOptions = true,
        description = "Measure UI responsiveness (gaps between FX pulses) while drafting with a model. Prints JSON.")
public final class UiProbeCommand implements java.util.concurrent.Callable<Integer> {

    private static final String NOTE = "Patient reports a cough for five days with fever up to 38.6 C since "
            + "yesterday. Short of breath on stairs. Denies chest pain. Takes metformin 500 mg twice daily. "
            + "Allergic to penicillin. Temperature 38.4 C, respiratory rate 22, crackles right lower lung.";

    @Mixin
    ModelFileOption modelFile;

    @Option(names = "--seconds", defaultValue = "20", description = "how long to keep drafting (default ${DEFAULT-VALUE})")
    int seconds;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--trace-stalls", hidden = true, description = "print where the FX thread was during long gaps")
    boolean traceStalls;

    private StallTracer tracer;
    /** The checked options, set by {@link #call()} before the window opens. */
    private Path model;
    private int threads;

    private final PrintWriter out;
    private final PrintWriter err;

    UiProbeCommand(CliContext context) {
        this.out = context.out();
        this.err = context.err();
    }

    @Override
    public Integer call() throws Exception {
        model = modelFile.existingFile();
        threads = threadsOption.threads("uiProbe.error.arguments");
        if (seconds < 1) {
            throw new MedScribeException(Category.BAD_INPUT, "uiProbe.error.arguments");
        }
        Path data = Files.createTempDirectory("medscribe-ui-probe");
        AppDirectories directories = new AppDirectories(data);
        Settings defaults = Settings.defaults();
        Settings settings = new Settings(model.toAbsolutePath(), threads, defaults.contextSize(), defaults.batchSize(),
                0, null, "en", defaults.defaultTemplate(), defaults.theme(), defaults.fontSize());
        Services built = new Services(directories);
        SupervisedEngine engine = built.engine();
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        JavaFxClassPathNotice.silence();
        Platform.startup(() -> {
            try {
                Desktop desktop = new Desktop(new Stage(), directories, settings, WindowPlacement.standard(), null,
                        MedScribeApplication.services(built, engine,
                                new InMemoryEncounters(Clock.systemDefaultZone(), settings.defaultTemplate())));
                desktop.show();
                probe(desktop, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            Map<String, Object> report = result.get(seconds + 300L, TimeUnit.SECONDS);
            report.put("machine", Map.of("available_processors", Runtime.getRuntime().availableProcessors(),
                    "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    "java", System.getProperty("java.version")));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            return 0;
        } finally {
            engine.close();
            Platform.exit();
        }
    }

    private void probe(Desktop desktop, CompletableFuture<Map<String, Object>> result) {
        Workspace workspace = desktop.workspace();
        workspace.sources().note().edit(NOTE);
        ResponsivenessProbe idle = new ResponsivenessProbe();
        ResponsivenessProbe drafting = new ResponsivenessProbe();
        long[] deadline = new long[1];
        int[] drafts = new int[1];
        List<Double> rates = new ArrayList<>();
        AtomicReference<ChangeListener<RecordViewModel.State>> loop = new AtomicReference<>();
        loop.set((obs, old, now) -> {
            if (now == RecordViewModel.State.STREAMING) {
                return;
            }
            if (now == RecordViewModel.State.DONE) {
                drafts[0]++;
                if (traceStalls) {
                    err.println("nodes in the window after draft " + drafts[0] + ": "
                            + countNodes(desktop.stage().getScene().getRoot()));
                }
            }
            if (System.nanoTime() < deadline[0] && now != RecordViewModel.State.ERROR) {
                // A new sentence each time: identical sources would be answered from the extraction cache.
                workspace.sources().note().edit(NOTE + " Review " + (drafts[0] + 1) + ".");
                Platform.runLater(() -> workspace.record().draft());
                return;
            }
            workspace.record().state().removeListener(loop.get());
            ResponsivenessProbe.Figures during = drafting.stop();
            if (tracer != null) {
                tracer.stop();
                err.println(tracer.report(drafting.pulseTimes(), 50));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", model.toAbsolutePath().toString());
            report.put("seconds", seconds);
            report.put("engine_threads", threads);
            report.put("drafts_completed", drafts[0]);
            report.put("while_drafting", figures(during));
            report.put("idle_before", idleFigures[0] == null ? null : figures(idleFigures[0]));
            report.put("aim", "no gap over 50 ms");
            result.complete(report);
        });
        err.println("loading the model…");
        ChangeListener<EngineState> ready = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends EngineState> obs, EngineState old,
                                EngineState now) {
                if (now == EngineState.READY) {
                    workspace.engineStatus().state().removeListener(this);
                    err.println("model ready; measuring 3 s idle, then drafting for " + seconds + " s…");
                    idle.start();
                    javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(
                            javafx.util.Duration.seconds(3));
                    pause.setOnFinished(event -> {
                        idleFigures[0] = idle.stop();
                        deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
                        workspace.record().state().addListener(loop.get());
                        drafting.start();
                        if (traceStalls) {
                            tracer = new StallTracer(Thread.currentThread());
                            tracer.start();
                        }
                        workspace.record().draft();
                    });
                    pause.play();
                } else if (now == EngineState.FAILED) {
                    result.completeExceptionally(new MedScribeException(Category.FAILED, "engine.error.loadFailed",
                            model.toString()));
                }
            }
        };
        workspace.engineStatus().state().addListener(ready);
    }

    private static String countNodes(javafx.scene.Node root) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(List.of(root));
        int total = 0;
        while (!todo.isEmpty()) {
            javafx.scene.Node node = todo.pop();
            total++;
            counts.merge(node.getClass().getSimpleName(), 1, Integer::sum);
            if (node instanceof javafx.scene.Parent parent) {
                todo.addAll(parent.getChildrenUnmodifiable());
            }
        }
        return total + " " + counts.entrySet().stream().filter(e -> e.getValue() > 40).toList();
    }

    private final ResponsivenessProbe.Figures[] idleFigures = new ResponsivenessProbe.Figures[1];

    private static Map<String, Object> figures(ResponsivenessProbe.Figures figures) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pulses", figures.pulses());
        map.put("longest_gap_ms", round(figures.maxGapMs()));
        map.put("p99_gap_ms", round(figures.p99GapMs()));
        map.put("mean_gap_ms", round(figures.meanGapMs()));
        map.put("gaps_over_50_ms", figures.over50Ms());
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
