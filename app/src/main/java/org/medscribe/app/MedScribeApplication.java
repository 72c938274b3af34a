package org.medscribe.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import org.medscribe.ui.MessageKey;
import javafx.stage.Stage;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.diagnosis.DiagnosticService;
import org.medscribe.diagnosis.Icd10Table;
import org.medscribe.draft.DraftingService;
import org.medscribe.draft.ExtractionCache;
import org.medscribe.draft.ModelFingerprints;
import org.medscribe.draft.TemplateLibrary;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.SystemMemory;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.models.BundledModels;
import org.medscribe.models.Engines;
import org.medscribe.models.ModelChecks;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.rules.ClinicRuleSettings;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.review.ui.Encounters;
import org.medscribe.review.ui.InMemoryEncounters;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
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
    private Settings settings;
    private WindowPlacement placement;
    private SupervisedEngine engine;
    private EncounterStore store;
    private String storeProblem;
    private Desktop desktop;

    @Override
    public void init() {
        directories = DesktopLauncher.directories();
        Settings configured = new SettingsStore(directories.settingsFile()).load();
        // An installer "with model" ships one: use it until the user chooses another.
        settings = configured.modelPath() != null ? configured
                : BundledModels.list().stream().findFirst().map(configured::withModelPath).orElse(configured);
        placement = WindowPlacement.read(directories.root().resolve("window.json"));
        engine = new Engines(directories.natives(), directories.engineState(), ModelChecks.admission()).supervised();
        try {
            store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()));
        } catch (MedScribeException e) {
            // The app still opens: notes and drafts of this session are kept in memory, and the doctor is told.
            LOG.error("encounter store unavailable: {}", e.messageKey(), e);
            storeProblem = e.messageKey();
        }
    }

    @Override
    public void start(Stage stage) {
        Encounters encounters = new InMemoryEncounters(Clock.systemDefaultZone(), settings.defaultTemplate());
        if (store != null) {
            StoreEncounters stored = new StoreEncounters(store, Clock.systemDefaultZone(), settings.defaultTemplate());
            if (settings.clinician() != null) {
                stored.prefer(settings.clinician().storeId());
            }
            encounters = stored;
        }
        desktop = new Desktop(stage, directories, settings, placement, getHostServices(), services(directories, settings,
                engine, encounters));
        desktop.show();
        List<MessageKey> notices = new ArrayList<>();
        if (storeProblem != null) {
            notices.add(new MessageKey("encounters.error.storeUnavailable", storeProblem));
        } else if (store != null) {
            notices.addAll(StorageNotices.of(store.status(), directories.store().backupDirectory()));
        }
        if (!notices.isEmpty()) {
            desktop.workspace().dialogs().warn("storage.notice.title", notices);
        }
    }

    /** The real services, each adapted to the port its screen uses. */
    static Workspace.Services services(AppDirectories directories, Settings settings, SupervisedEngine engine,
                                       Encounters encounters) {
        ModelFingerprints fingerprints = new ModelFingerprints();
        DraftingService drafting = new DraftingService(engine, TemplateLibrary.builtIn(), ExtractionCache.inMemory(8),
                fingerprints);
        DiagnosticService diagnosis = new DiagnosticService(engine, drafting, Icd10Table.bundled(), fingerprints);
        StoreEncounters stored = encounters instanceof StoreEncounters s ? s : null;
        ControlQuality quality = new ControlQuality(new QualityControl(rulePacks(directories)), engine,
                stored == null ? null : stored.store());
        return new Workspace.Services(engine, engine.crashedDuringLoad(),
                new AdmissionInspection(new ModelAdmission(SystemMemory.current())), new CatalogEntries(),
                new ServiceDrafting(drafting), new ServiceSuggestions(diagnosis), encounters,
                new CaptureImporting(new DocumentImporter(directories.root().resolve("import"))), quality,
                stored == null ? null : new StoreSigning(stored, quality));
    }

    /** The clinic's rule switches; a file that cannot be read leaves every rule as built (and is logged). */
    private static RulePacks rulePacks(AppDirectories directories) {
        try {
            return RulePacks.builtIn(ClinicRuleSettings.load(directories.clinicRulesFile()));
        } catch (MedScribeException unreadable) {
            LOG.warn("clinic quality rule settings not used ({})", unreadable.messageKey());
            return RulePacks.builtIn();
        }
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
