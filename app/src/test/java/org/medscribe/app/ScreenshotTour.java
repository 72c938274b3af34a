package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.medscribe.common.CancellationToken;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.models.Engines;
import org.medscribe.models.ModelChecks;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.ShowingDialogs;

/**
 * Drives the real window through its main states and saves a PNG of each (run by
 * {@code scripts/screenshots.sh} under Xvfb). The engine, the store and every view are real. The
 * streaming draft (02) is the app's own drafting on the engine, held at the gate while a section is
 * being written, so it shows the test model's random text; the later drafts and the suggestions are
 * {@link ScriptedClinic}'s readable example. Not a test: it lets frames pass before each shot, and
 * writes files.
 */
public final class ScreenshotTour {

    private final Path out;
    private final Path model;
    private Desktop desktop;

    private ScreenshotTour(Path out, Path model) {
        this.out = out;
        this.model = model;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path model = Path.of(args.length > 1 ? args[1] : "../shared/models/tiny-llama-random.gguf").toAbsolutePath();
        Files.createDirectories(out);
        new ScreenshotTour(out, model).run(args.length > 2 ? args[2] : "all");
        System.exit(0);
    }

    private void run(String only) throws Exception {
        Path data = Files.createTempDirectory("medscribe-tour");
        AppDirectories directories = new AppDirectories(data);
        Settings settings = Settings.defaults();
        SupervisedEngine engine = new Engines(directories.natives(), directories.engineState(),
                ModelChecks.admission()).supervised();
        EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()));
        Workspace.Services real = MedScribeApplication.services(directories, settings, engine,
                new StoredEncounters(store, Clock.systemDefaultZone(), settings.defaultTemplate()));
        RecordDrafting scripted = ScriptedClinic.drafting(real.drafting(), 70);
        GatedDrafting engineDrafting = new GatedDrafting(real.drafting());
        AtomicReference<RecordDrafting> drafting = new AtomicReference<>(scripted);
        Workspace.Services services = real.withDrafting(new RecordDrafting() {
            @Override
            public List<Template> templates() {
                return drafting.get().templates();
            }

            @Override
            public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
                return drafting.get().draft(templateId, sources, events, cancel);
            }
        }).withSuggesting(ScriptedClinic.suggesting(800)).withoutCrash();
        java.util.Deque<List<String>> answers = new java.util.ArrayDeque<>();
        Path[] nextModel = new Path[1];
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> {
            Stage stage = new Stage();
            // The window's size in logical pixels; a 4K screen at 200 % is 1920 x 1080 of them.
            double width = Double.parseDouble(System.getProperty("medscribe.tour.width", "1280"));
            double height = Double.parseDouble(System.getProperty("medscribe.tour.height", "720"));
            desktop = new Desktop(stage, directories, settings, new WindowPlacement(0, 0, width, height, false), null,
                    services, realDialogs -> new TourDialogs(realDialogs, () -> nextModel[0], answers));
            desktop.show();
            started.complete(null);
        });
        started.get(60, TimeUnit.SECONDS);
        Workspace workspace = fx(() -> desktop.workspace());

        // 1. First start: no model; choose the test model and see what its header says.
        until(() -> lookup("#model-setup") != null);
        nextModel[0] = model;
        fxRun(() -> workspace.modelSetup().chooseFile());
        until(() -> lookup("#model-inspection") != null && lookup("#model-inspection").isVisible());
        shot("01-first-run-choose-model.png");

        if (only.equals("chinese")) {
            fxRun(() -> workspace.modelSetup().useModel());
            until(() -> workspace.engineStatus().state().get() == EngineState.READY && lookup("#record-pane") != null);
            fxRun(() -> desktop.workspace().settings().update(now -> now.withUiLanguage("zh_CN")));
            fxRun(() -> {
                workspace.sources().note().edit(ScriptedClinic.NOTE_ZH);
                workspace.record().selectTemplate("outpatient-zh");
            });
            fxRun(() -> workspace.record().draft());
            until(() -> workspace.record().state().get() == RecordViewModel.State.DONE);
            selectStatement("#section-present_illness .section-text", 2);
            frames(36);
            shot("06-chinese-outpatient-record.png");
            fxRun(() -> desktop.close());
            engine.close();
            store.close();
            return;
        }

        // 2. Use it; a new encounter; type the note; draft with the engine itself (the test model writes
        // random text), its token stream held while a section is being written.
        fxRun(() -> workspace.modelSetup().useModel());
        until(() -> workspace.engineStatus().state().get() == EngineState.READY && lookup("#record-pane") != null);
        fxRun(() -> workspace.encounterList().create("Chen Wei", "MRN-0001"));
        until(() -> workspace.openEncounter().get() != null);
        fxRun(() -> workspace.sources().note().edit(ScriptedClinic.NOTE_EN));
        drafting.set(engineDrafting);
        engineDrafting.holdAfterTexts(1);
        fxRun(() -> workspace.record().draft());
        holdWhileASectionIsWritten(engineDrafting, workspace.record());
        frames(12);
        shot("02-drafting.png");
        engineDrafting.release();
        until(() -> workspace.record().state().get() == RecordViewModel.State.DONE);

        // 3. Drafted (the readable example); a statement clicked, its evidence highlighted in the note.
        drafting.set(scripted);
        fxRun(() -> workspace.record().draft());
        until(() -> workspace.record().state().get() == RecordViewModel.State.DONE);
        selectStatement("#section-physical_exam .section-text", 3);
        frames(36);
        shot("03-drafted-evidence.png");

        // 4. Suggestions with their basis.
        fxRun(() -> workspace.suggestions().suggest());
        until(() -> !workspace.suggestions().differential().isEmpty());
        frames(24);
        shot("04-suggestions.png");

        // 5. Settings.
        fxRun(() -> desktop.openSettings());
        until(() -> settingsWindow() != null);
        frames(30);
        shotWindow(settingsWindow(), "05-settings.png");
        fxRun(() -> ((Stage) settingsWindow()).close());

        // 6. Chinese UI with a 门诊病历 drafted from a Chinese note.
        fxRun(() -> desktop.workspace().settings().update(now -> now.withUiLanguage("zh_CN")));
        fxRun(() -> {
            workspace.sources().note().edit(ScriptedClinic.NOTE_ZH);
            workspace.record().selectTemplate("outpatient-zh");
            workspace.suggestions().clear();
        });
        fxRun(() -> workspace.record().draft());
        until(() -> workspace.record().state().get() == RecordViewModel.State.DONE);
        selectStatement("#section-present_illness .section-text", 2);
        frames(36);
        shot("06-chinese-outpatient-record.png");

        // 7. Dark theme, English.
        fxRun(() -> desktop.workspace().settings().update(now -> now.withUiLanguage("en").withTheme("dark")));
        fxRun(() -> {
            workspace.sources().note().edit(ScriptedClinic.NOTE_EN);
            workspace.record().selectTemplate("soap-en");
        });
        fxRun(() -> workspace.record().draft());
        until(() -> workspace.record().state().get() == RecordViewModel.State.DONE);
        selectStatement("#section-hpi .section-text", 2);
        frames(36);
        shot("07-dark-theme.png");

        // 8. The engine worker dies: the banner, the work untouched.
        fxRun(() -> desktop.workspace().settings().update(now -> now.withTheme("light")));
        long pid = engine.workerPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        until(() -> lookup("#engine-banner") != null && lookup("#engine-banner").isVisible());
        frames(18);
        shot("08-engine-stopped.png");

        // 9. Quality findings after the draft; one clicked, its span marked in the record.
        until(() -> workspace.engineStatus().state().get() == EngineState.READY && !lookup("#engine-banner").isVisible());
        fxRun(() -> workspace.quality().check());
        until(() -> workspace.quality().report().get() != null
                && workspace.quality().state().get() == org.medscribe.quality.ui.QualityViewModel.State.DONE);
        fxRun(() -> {
            selectTab("quality-tab");
            workspace.quality().findings().stream().filter(f -> f.rule().equals("evidence.unsupported")).findFirst()
                    .ifPresent(workspace.quality()::select);
        });
        frames(36);
        shot("09-quality-findings.png");

        // 10. Signed over the critical finding with a reason: signer, time, hash; read-only.
        answers.add(List.of("Dr Zhou Min", "Attending physician"));
        answers.add(List.of("Plan discussed and given verbally; written plan follows at review"));
        fxRun(() -> {
            selectTab("signing-tab");
            workspace.signing().sign();
        });
        until(() -> workspace.signing().status().get() == org.medscribe.review.ui.SigningViewModel.Status.SIGNED
                && workspace.signing().latest().get() != null);
        frames(192); // the "signed" notice fades first
        shot("10-signed-record.png");

        fxRun(() -> desktop.close());
        engine.close();
        store.close();
    }

    /**
     * Lets the engine's draft go on, piece of live text by piece, until it is held just after writing
     * into a section that is not finished, with three sections finished before it, and that section's
     * card shows what was written.
     */
    private static void holdWhileASectionIsWritten(GatedDrafting gate, RecordViewModel record) throws Exception {
        int holds = 0;
        while (true) {
            int before = holds;
            until(() -> gate.holds() > before || record.state().get() == RecordViewModel.State.DONE);
            if (gate.holds() == before) {
                throw new IllegalStateException("the draft ended before a section was written after three others");
            }
            holds = gate.holds();
            String id = gate.lastWritten;
            if (!gate.completed.contains(id) && gate.completed.size() >= 3) {
                until(() -> record.sections().stream().anyMatch(section -> section.id().equals(id)
                        && section.state().get() == SectionViewModel.State.STREAMING
                        && section.text().get().equals(gate.written.get(id))));
                return;
            }
            gate.releaseUntilTexts(gate.texts() + 1);
        }
    }

    private void selectTab(String id) {
        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) lookup("#side-tabs");
        tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    private void selectStatement(String areaQuery, int offset) throws Exception {
        fxRun(() -> {
            StyleClassedTextArea area = (StyleClassedTextArea) lookup(areaQuery);
            area.requestFocus();
            area.moveTo(offset);
        });
    }

    private Node lookup(String query) {
        Scene scene = desktop.stage().getScene();
        return scene == null ? null : scene.lookup(query);
    }

    private static Window settingsWindow() {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().lookup("#settings") != null) {
                return window;
            }
        }
        return null;
    }

    private void shot(String name) throws Exception {
        shotWindow(desktop.stage(), name);
    }

    private void shotWindow(Window window, String name) throws Exception {
        // At the screen's own scale (200 % on a 4K screen gives 2 pixels per logical pixel).
        WritableImage image = fx(() -> {
            double scaleX = window.getOutputScaleX();
            double scaleY = window.getOutputScaleY();
            if (scaleX == 1 && scaleY == 1) {
                return window.getScene().snapshot(null);
            }
            javafx.scene.SnapshotParameters parameters = new javafx.scene.SnapshotParameters();
            parameters.setTransform(javafx.scene.transform.Transform.scale(scaleX, scaleY));
            return window.getScene().getRoot().snapshot(parameters, null);
        });
        try {
            org.medscribe.ui.Screens.write(image, out.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + name, e);
        }
        System.err.println("saved " + out.resolve(name));
    }

    /** Runs {@code action} on the FX thread and waits for its result (30 s at most). */
    static <T> T fx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition} holds, checking it on the FX thread once a frame. */
    private static void until(BooleanSupplier condition) throws Exception {
        java.util.concurrent.CountDownLatch holds = new java.util.concurrent.CountDownLatch(1);
        javafx.animation.AnimationTimer check = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                if (condition.getAsBoolean()) {
                    holds.countDown();
                }
            }
        };
        fxRun(check::start);
        try {
            if (!holds.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the window never reached the expected state");
            }
        } finally {
            fxRun(check::stop);
        }
    }

    /** Lets {@code count} frames pass (highlights drawn, cards filled in, a notice faded) before a shot. */
    private static void frames(int count) throws Exception {
        java.util.concurrent.CountDownLatch passed = new java.util.concurrent.CountDownLatch(count);
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                passed.countDown();
            }
        };
        fxRun(timer::start);
        try {
            if (!passed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the window stopped drawing frames");
            }
        } finally {
            fxRun(timer::stop);
        }
    }

    /** The real dialogs, except the file chooser (the test model) and the text prompts (scripted answers). */
    private static final class TourDialogs extends ShowingDialogs {
        private final Supplier<Path> model;
        private final java.util.Deque<List<String>> answers;

        TourDialogs(DialogService real, Supplier<Path> model, java.util.Deque<List<String>> answers) {
            this.model = model;
            this.answers = answers;
            showOn(real);
        }

        @Override
        public Optional<Path> chooseModelFile(Path initialDirectory) {
            return Optional.ofNullable(model.get());
        }

        @Override
        public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                              List<String> fieldKeys) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public boolean confirm(String titleKey, String messageKey, Object... arguments) {
            return true;
        }
    }
}
