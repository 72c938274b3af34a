package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import org.medscribe.ui.MessageKey;
import javafx.stage.Stage;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.diagnosis.DiagnosticService;
import org.medscribe.draft.DraftingService;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.SystemMemory;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.models.BundledModels;
import org.medscribe.review.Encounters;
import org.medscribe.review.InMemoryEncounters;
import org.medscribe.storage.EncounterStore;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.medscribe.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop application. {@link #init()} (launcher thread) reads the settings and window placement
 * and builds the services; {@link #start} (FX thread) hands them to the {@link Desktop} composition
 * root; {@link #stop()} closes it and stops the engine worker.
 */
public final class MedScribeApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(MedScribeApplication.class);

    private AppDirectories directories;
    private Services built;
    private Settings settings;
    private WindowPlacement placement;
    private SupervisedEngine engine;
    private EncounterStore store;
    private MedScribeException storeProblem;
    private Desktop desktop;

    @Override
    public void init() {
        directories = DesktopLauncher.directories();
        Settings configured = new SettingsStore(directories.settingsFile()).load();
        // An installer "with model" ships one: use it until the user chooses another.
        settings = configured.modelPath() != null ? configured
                : BundledModels.list().stream().findFirst().map(configured::withModelPath).orElse(configured);
        placement = WindowPlacement.read(directories.root().resolve("window.json"));
        built = new Services(directories);
        engine = built.engine();
        try {
            store = built.openStore();
        } catch (MedScribeException e) {
            // The app still opens: notes and drafts of this session are kept in memory, and the doctor is told.
            LOG.error("encounter store unavailable: {}", e.messageKey(), e);
            storeProblem = e;
        }
    }

    @Override
    public void start(Stage stage) {
        Encounters encounters = new InMemoryEncounters(Clock.systemDefaultZone(), settings.defaultTemplate());
        if (store != null) {
            StoredEncounters stored = new StoredEncounters(store, Clock.systemDefaultZone(), settings.defaultTemplate());
            if (settings.clinician() != null) {
                stored.prefer(settings.clinician().storeId());
            }
            encounters = stored;
        }
        desktop = new Desktop(stage, directories, settings, placement, getHostServices(), services(built, engine,
                encounters));
        desktop.show();
        List<MessageKey> notices = new ArrayList<>();
        if (storeProblem != null) {
            notices.add(new MessageKey("encounters.error.storeUnavailable", storeProblem.messageKey()));
            // What is wrong and what to do, e.g. a database lost beside the one a restore replaced.
            notices.add(MessageKey.of(storeProblem));
        } else if (store != null) {
            notices.addAll(StorageNotices.of(store.status(), directories.store().backupDirectory()));
        }
        if (!notices.isEmpty()) {
            desktop.workspace().dialogs().warn("storage.notice.title", notices);
        }
    }

    /** The real services over {@code directories}, each adapted to the port its screen uses. */
    static Workspace.Services services(AppDirectories directories, Settings settings, SupervisedEngine engine,
                                       Encounters encounters) {
        return services(new Services(directories), engine, encounters);
    }

    /** The real services, each adapted to the port its screen uses. */
    static Workspace.Services services(Services built, SupervisedEngine engine, Encounters encounters) {
        DraftingService drafting = built.drafting(engine);
        DiagnosticService diagnosis = built.diagnosis(engine, drafting);
        StoredEncounters stored = encounters instanceof StoredEncounters s ? s : null;
        ControlQuality quality = new ControlQuality(built.quality(), engine, stored == null ? null : stored.store());
        return new Workspace.Services(engine, engine.crashedDuringLoad(),
                new AdmissionInspection(new ModelAdmission(SystemMemory.current())), new CatalogEntries(),
                new ServiceDrafting(drafting), new ServiceSuggestions(diagnosis), encounters,
                new CaptureImporting(new DocumentImporter(built.directories().root().resolve("import"))), quality,
                stored == null ? null : new StoreSigning(stored, quality));
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
        LOG.info("desktop closed");
    }
}
