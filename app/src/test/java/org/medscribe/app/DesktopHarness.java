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
        AppDirectories directories = new AppDirectories(dataDir);
        new SettingsStore(directories.settingsFile()).save(settings);
        SupervisedEngine engine = engine(directories);
        EncounterStore store = EncounterStore.open(directories, KeyFileKeySource.forDirectories(directories));
        ScriptedDialogs dialogs = new ScriptedDialogs();
        DesktopHarness harness = new DesktopHarness(directories, engine, store, dialogs);
        Parts parts = new Parts(engine, new StoredEncounters(store, Clock.systemDefaultZone(),
                settings.defaultTemplate()), directories);
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            UnaryOperator<DialogService> wrap = real -> {
                dialogs.real = real;
                return dialogs;
            };
            harness.desktop = new Desktop(stage, directories, settings, WindowPlacement.standard(), null,
                    services.apply(parts), wrap);
            harness.desktop.show();
        });
        return harness;
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
        FxToolkit.setupFixture(() -> desktop.close());
        engine.close();
        store.close();
        FxToolkit.cleanupStages();
    }

    /** The dialog service with scripted answers for the choosers and text prompts. */
    static final class ScriptedDialogs implements DialogService {
        DialogService real;
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

        @Override
        public Optional<Path> chooseModelFile(Path initialDirectory) {
            return Optional.ofNullable(nextModelFile);
        }

        @Override
        public Optional<Path> chooseDirectory(String titleKey, Path initialDirectory) {
            return Optional.empty();
        }

        @Override
        public List<Path> chooseDocuments() {
            return nextDocuments;
        }

        @Override
        public Optional<List<String>> askText(String titleKey, List<String> fieldKeys) {
            return askText(titleKey, null, List.of(), fieldKeys);
        }

        @Override
        public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                              List<String> fieldKeys) {
            List<String> prompt = new java.util.ArrayList<>();
            prompt.add(titleKey);
            prompt.addAll(bodyLines);
            asked.add(prompt);
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
            real.showUnexpectedError(errorCode);
        }

        @Override
        public void notify(String messageKey, Object... arguments) {
            real.notify(messageKey, arguments);
        }

        @Override
        public void copyToClipboard(String text) {
            clipboard = text;
            real.copyToClipboard(text);
        }

        @Override
        public void openFolder(Path folder) {
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

    static void onFx(Runnable action) throws TimeoutException {
        FxToolkit.setupFixture(action);
    }

    static void ensurePlatform() {
        Platform.setImplicitExit(false);
    }
}
