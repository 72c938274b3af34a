package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.inference.testing.EngineFixtures;
import java.time.Clock;
import org.medscribe.review.Encounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.ShowingDialogs;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real desktop composition on the TestFX primary stage over a temporary data directory
 * and a real supervised engine, with the OS file choosers replaced (they cannot run headless).
 */
final class DesktopHarness implements AutoCloseable {

    final AppDirectories directories;
    final SupervisedEngine engine;
    final EncounterStore store;
    final ScriptedDialogs dialogs;
    Desktop desktop;
    /** The app's own dialogs, behind the scripted ones. */
    DialogService realDialogs;
    /** The gate around the drafting, when started by {@link #startGated}. */
    GatedDrafting gate;

    /** What the services are built from: the real engine and the real (temporary) encounter store. */
    record Parts(SupervisedEngine engine, Encounters encounters, AppDirectories directories) {
    }

    private DesktopHarness(AppDirectories directories, SupervisedEngine engine, EncounterStore store,
                           ScriptedDialogs dialogs) {
        this.directories = directories;
        this.engine = engine;
        this.store = store;
        this.dialogs = dialogs;
    }

    /** A supervised engine that unpacks natives once per build and checks models as the app does. */
    static SupervisedEngine engine(AppDirectories directories) {
        return new SupervisedEngine(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(),
                directories.engineState()), EngineFixtures.passThrough());
    }

    static DesktopHarness start(Path dataDir, Settings settings,
                                Function<Parts, Workspace.Services> services) throws TimeoutException {
        return start(dataDir, settings, services, WindowPlacement.standard());
    }

    /** The same in a window placed as {@code placement} says. */
    static DesktopHarness start(Path dataDir, Settings settings, Function<Parts, Workspace.Services> services,
                                WindowPlacement placement) throws TimeoutException {
        AppDirectories directories = new AppDirectories(dataDir);
        new SettingsStore(directories.settingsFile()).save(settings);
        SupervisedEngine engine = engine(directories);
        EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        DesktopHarness harness = new DesktopHarness(directories, engine, store, dialogs);
        Parts parts = new Parts(engine, new StoredEncounters(store, Clock.systemDefaultZone(),
                settings.defaultTemplate()), directories);
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            UnaryOperator<DialogService> wrap = real -> {
                dialogs.showOn(real);
                harness.realDialogs = real;
                return dialogs;
            };
            harness.desktop = new Desktop(stage, directories, settings, placement, null,
                    services.apply(parts), wrap);
            harness.desktop.show();
        });
        return harness;
    }

    /**
     * Starts the app's real services (without quality and signing) with the drafting behind a
     * {@link GatedDrafting} ({@link #gate}), and waits until the engine is ready and the record shows.
     */
    static DesktopHarness startGated(Path dataDir, Settings settings) throws TimeoutException {
        GatedDrafting[] gate = new GatedDrafting[1];
        DesktopHarness harness = start(dataDir, settings, parts -> {
            Workspace.Services real = realServices(settings).apply(parts);
            gate[0] = new GatedDrafting(real.drafting());
            return new Workspace.Services(real.engine(), Optional.empty(), real.inspection(), real.catalog(), gate[0],
                    real.suggesting(), real.encounters(), real.importing());
        });
        harness.gate = gate[0];
        waitUntil(120, () -> harness.workspace().engineStatus().state().get() == EngineState.READY);
        waitUntil(10, () -> new FxRobot().lookup("#record-pane").tryQuery().isPresent());
        return harness;
    }

    /**
     * Starts the app's real services with {@link ScriptedClinic}'s drafting and {@code suggesting}
     * beside the real engine, and waits until the engine is ready.
     */
    static DesktopHarness startScripted(Path dataDir, Settings settings, DiagnosticSuggestingFactory suggesting)
            throws TimeoutException {
        DesktopHarness harness = start(dataDir, settings, parts -> {
            Workspace.Services real = realServices(settings).apply(parts);
            return real.withDrafting(ScriptedClinic.drafting(real.drafting(), 0)).withSuggesting(suggesting.get())
                    .withoutCrash();
        });
        waitUntil(120, () -> harness.workspace().engineStatus().state().get() == EngineState.READY);
        return harness;
    }

    /** Makes the suggestions a test starts the app with. */
    @FunctionalInterface
    interface DiagnosticSuggestingFactory {
        org.medscribe.diagnosis.ui.DiagnosticSuggesting get();
    }

    /** Ctrl+N for {@code patient} ({@code recordNumber}); returns the new encounter's id once it is open. */
    String newEncounter(org.testfx.api.FxRobot robot, String patient, String recordNumber) throws TimeoutException {
        dialogs.answers.add(List.of(patient, recordNumber));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.N)
                .release(javafx.scene.input.KeyCode.N, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(20, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().patientName().equals(patient));
        return workspace().openEncounter().get().id();
    }

    /**
     * The main window, with {@code dialog} (may be null) drawn where it stands over it, as a PNG in
     * {@code target/screenshots/}: to look at what a test saw.
     */
    void screenshot(javafx.stage.Window dialog, String name) throws Exception {
        javafx.stage.Window main = desktop.stage();
        javafx.scene.image.WritableImage[] images = new javafx.scene.image.WritableImage[2];
        onFx(() -> {
            images[0] = main.getScene().snapshot(null);
            images[1] = dialog == null ? null : dialog.getScene().snapshot(null);
        });
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage((int) images[0].getWidth(),
                (int) images[0].getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        draw(picture, images[0], 0, 0);
        if (dialog != null) {
            draw(picture, images[1], (int) Math.round(dialog.getX() - main.getX()),
                    (int) Math.round(dialog.getY() - main.getY()));
        }
        Path target = Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(target);
        javax.imageio.ImageIO.write(picture, "png", target.resolve(name).toFile());
    }

    private static void draw(java.awt.image.BufferedImage picture, javafx.scene.image.WritableImage image, int left,
                             int top) {
        javafx.scene.image.PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                int px = left + x;
                int py = top + y;
                if (px >= 0 && py >= 0 && px < picture.getWidth() && py < picture.getHeight()) {
                    picture.setRGB(px, py, pixels.getArgb(x, y));
                }
            }
        }
    }

    /** Switches the UI language as View → 简体中文 / English does, and waits for the rebuilt window. */
    void useLanguage(String language) throws TimeoutException {
        onFx(() -> workspace().settings().update(now -> now.withUiLanguage(language)));
        waitUntil(10, () -> new org.testfx.api.FxRobot().lookup("#record-pane").tryQuery().isPresent());
    }

    /** The app's real services (stopgaps included) over {@code engine}. */
    static Function<Parts, Workspace.Services> realServices(Settings settings) {
        return parts -> MedScribeApplication.services(parts.directories(), settings, parts.engine(), parts.encounters());
    }

    Workspace workspace() {
        return desktop.workspace();
    }

    static void waitUntil(long seconds, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    @Override
    public void close() throws Exception {
        if (gate != null) {
            gate.release();
        }
        FxToolkit.setupFixture(() -> desktop.close());
        engine.close();
        store.close();
        FxToolkit.cleanupStages();
    }

    /** The dialog service with scripted answers for the choosers and text prompts. */
    static final class ScriptedDialogs extends ShowingDialogs {
        volatile Path nextModelFile;
        volatile List<Path> nextDocuments = List.of();
        volatile List<String> nextText;
        volatile String clipboard;
        volatile String lastErrorCode;
        /** Answers to text prompts, in order; when empty, {@link #nextText} answers. */
        final java.util.Deque<List<String>> answers = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** Every prompt asked: its title key, then its body lines. */
        final List<List<String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Passwords to type, in order; none left = the doctor cancels. */
        final java.util.Deque<String> passwords = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** For each password prompt: whether it said the previous password was wrong. */
        final List<Boolean> passwordPrompts = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Path nextSaveFile;
        /** Title keys of prompts shown in the app's real dialog, for the test to look at and answer in the window. */
        final java.util.Set<String> realPrompts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile DialogService realDialogs;

        @Override
        public void showOn(DialogService real) {
            super.showOn(real);
            realDialogs = real;
        }

        @Override
        public Optional<Path> chooseModelFile(Path initialDirectory) {
            return Optional.ofNullable(nextModelFile);
        }

        @Override
        public List<Path> chooseDocuments() {
            return nextDocuments;
        }

        @Override
        public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                              List<String> fieldKeys) {
            List<String> prompt = new java.util.ArrayList<>();
            prompt.add(titleKey);
            prompt.addAll(bodyLines);
            asked.add(prompt);
            if (realPrompts.contains(titleKey)) {
                return realDialogs.askText(titleKey, bodyKey, bodyLines, fieldKeys);
            }
            List<String> answer = answers.poll();
            return Optional.ofNullable(answer != null ? answer : nextText);
        }

        @Override
        public Optional<char[]> askPassword(String fileName, boolean wrongBefore) {
            passwordPrompts.add(wrongBefore);
            String password = passwords.poll();
            return password == null ? Optional.empty() : Optional.of(password.toCharArray());
        }

        @Override
        public Optional<Path> chooseSaveFile(String titleKey, String suggestedName) {
            return Optional.ofNullable(nextSaveFile);
        }

        /** Answers to confirmations, in order; when empty, yes. */
        final java.util.Deque<Boolean> confirmAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** The message key of every confirmation asked. */
        final List<String> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean confirm(String titleKey, String messageKey, Object... arguments) {
            confirmations.add(messageKey);
            Boolean answer = confirmAnswers.poll();
            return answer == null || answer;
        }

        @Override
        public void showUnexpectedError(String errorCode) {
            lastErrorCode = errorCode;
            super.showUnexpectedError(errorCode);
        }

        @Override
        public void copyToClipboard(String text) {
            clipboard = text;
            super.copyToClipboard(text);
        }
    }

    /** Clicks the worklist line whose text starts with {@code label} ({@code "Chen Wei · MRN-0001"}). */
    static void clickEncounter(org.testfx.api.FxRobot robot, String label) {
        javafx.scene.Node line = robot.lookup("#encounter-list .list-cell")
                .match((javafx.scene.control.ListCell<?> cell) -> cell.getText() != null
                        && cell.getText().startsWith(label))
                .query();
        robot.clickOn(line);
    }

    /** Exports the signed record to {@code pdf} with the Sign tab's Export PDF and returns the PDF's text. */
    static String exportedPdfText(FxRobot robot, DesktopHarness harness, Path pdf) throws Exception {
        harness.dialogs.nextSaveFile = pdf;
        robot.clickOn("#export-pdf");
        waitUntil(30, () -> java.nio.file.Files.isRegularFile(pdf) && pdf.toFile().length() > 0);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    /**
     * Signs the open record from the Sign tab: who signs ({@code name}, {@code role}) is answered
     * when asked, then {@code overrideReason} for the critical finding that stands.
     */
    static void signAs(FxRobot robot, DesktopHarness harness, String name, String role, String overrideReason) {
        harness.dialogs.answers.add(List.of(name, role));
        harness.dialogs.answers.add(List.of(overrideReason));
        robot.clickOn("#sign-record");
    }

    /**
     * Amends the open signed record: Amend, types {@code added} at the end of the chief complaint,
     * then signs the amendment with {@code reason} (and {@code overrideReason} for the critical
     * finding that stands).
     */
    static void amendChiefComplaint(FxRobot robot, DesktopHarness harness, String added, String reason,
                                    String overrideReason) throws TimeoutException {
        robot.clickOn("#amend-record");
        org.fxmisc.richtext.StyleClassedTextArea complaint = robot.lookup("#section-chief_complaint .section-text")
                .queryAs(org.fxmisc.richtext.StyleClassedTextArea.class);
        waitUntil(10, complaint::isEditable);
        onFx(() -> {
            complaint.requestFocus();
            complaint.moveTo(complaint.getLength());
        });
        robot.write(added);
        waitUntil(10, () -> harness.workspace().record().sections().get(0).text().get().endsWith(added));
        harness.dialogs.answers.add(List.of(reason));
        harness.dialogs.answers.add(List.of(overrideReason));
        robot.clickOn("#sign-record");
    }

    static void onFx(Runnable action) throws TimeoutException {
        FxToolkit.setupFixture(action);
    }

    static void ensurePlatform() {
        Platform.setImplicitExit(false);
    }
}
