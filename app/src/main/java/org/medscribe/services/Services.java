package org.medscribe.services;

import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.diagnosis.DiagnosticService;
import org.medscribe.diagnosis.Icd10Table;
import org.medscribe.draft.DraftingService;
import org.medscribe.draft.ExtractionCache;
import org.medscribe.draft.ModelFingerprints;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.models.Engines;
import org.medscribe.models.ModelChecks;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.rules.ClinicRuleSettings;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the services are built, for the desktop, the command line and the self-check alike,
 * from the user's directories: the supervised engine, drafting and suggestions on it, quality
 * control with the clinic's rules, and the encrypted encounter store. Model fingerprints are
 * remembered across runs in the engine state directory, so a session does not hash a model the last
 * one already hashed. Builds only: the caller owns (and closes) what it gets. Thread-safe.
 */
public final class Services {

    /** Extraction results kept for re-drafting the same sources (another template, a retry). */
    private static final int EXTRACTIONS_KEPT = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    private final AppDirectories directories;
    private final ModelFingerprints fingerprints;
    private final TemplateLibrary templates = TemplateLibrary.builtIn();

    public Services(AppDirectories directories) {
        this.directories = Objects.requireNonNull(directories, "directories");
        this.fingerprints = new ModelFingerprints(directories.engineState());
    }

    public AppDirectories directories() {
        return directories;
    }

    /** The language engines (in process or supervised), in the user's engine folders, with the app's model admission check. */
    public Engines engines() {
        return new Engines(directories.natives(), directories.engineState(), ModelChecks.admission());
    }

    /** llama.cpp in a supervised child JVM, with the app's model admission check. Not loaded yet. */
    public SupervisedEngine engine() {
        return engines().supervised();
    }

    /** Drafting on {@code engine} with the built-in templates. */
    public DraftingService drafting(LanguageEngine engine) {
        return drafting(engine, EXTRACTIONS_KEPT);
    }

    /** Drafting that keeps {@code extractionsKept} extraction results for re-drafting. */
    public DraftingService drafting(LanguageEngine engine, int extractionsKept) {
        return new DraftingService(engine, templates, ExtractionCache.inMemory(extractionsKept), fingerprints);
    }

    /** Diagnostic suggestions on {@code engine}, extracting facts with {@code drafting}. */
    public DiagnosticService diagnosis(LanguageEngine engine, DraftingService drafting) {
        return new DiagnosticService(engine, drafting, Icd10Table.bundled(), fingerprints);
    }

    /** Quality control with the clinic's rule switches; unreadable switches leave every rule as built (logged). */
    public QualityControl quality() {
        return new QualityControl(rulePacks());
    }

    private RulePacks rulePacks() {
        try {
            return RulePacks.builtIn(ClinicRuleSettings.load(directories.clinicRulesFile()));
        } catch (MedScribeException unreadable) {
            LOG.warn("clinic quality rule settings not used ({})", unreadable.messageKey());
            return RulePacks.builtIn();
        }
    }

    /**
     * Opens (creating on first use) the encrypted encounter store.
     *
     * @throws MedScribeException when it cannot be opened (locked, damaged, key missing)
     */
    public EncounterStore openStore() {
        return EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()));
    }
}
