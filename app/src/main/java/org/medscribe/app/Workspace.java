package org.medscribe.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import org.medscribe.capture.ui.DocumentImporting;
import org.medscribe.capture.ui.DocumentImporting.ImportedDocument;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.capture.ui.SourceItem;
import org.medscribe.capture.ui.SourcesViewModel;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.diagnosis.ui.SuggestionsViewModel;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.quality.ui.QualityViewModel;
import org.medscribe.quality.RecordQuality;
import org.medscribe.record.RecordSection;
import org.medscribe.review.ui.Signing;
import org.medscribe.review.ui.SigningViewModel;
import org.medscribe.ui.MessageKey;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.models.ui.CatalogEntry;
import org.medscribe.models.ui.EngineStatusViewModel;
import org.medscribe.models.ui.ModelInspection;
import org.medscribe.models.ui.ModelSetupViewModel;
import org.medscribe.review.ui.EncounterListViewModel;
import org.medscribe.review.Encounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.ui.SavedValue;
import org.medscribe.settings.ui.SettingsViewModel;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.FrameClock;
import org.medscribe.ui.RunningWork;

/**
 * Every view-model of the main window and the services behind them, built once by constructor and
 * kept for the whole session: views come and go (a language switch rebuilds them all), this state
 * stays. Also coordinates the open encounter: opening one fills the sources and the record, saving
 * writes them back. UI thread.
 */
public final class Workspace {

    /**
     * The services the workspace runs on; the composition root adapts each feature to its port.
     * {@code quality} and {@code signing} may be null (no encounter store): their tabs are then hidden.
     */
    public record Services(LanguageEngine engine, Optional<Path> crashedDuringLoad, ModelInspection inspection,
                           Supplier<List<CatalogEntry>> catalog, RecordDrafting drafting,
                           DiagnosticSuggesting suggesting, Encounters encounters, DocumentImporting importing,
                           RecordQuality quality, Signing signing) {

        public Services(LanguageEngine engine, Optional<Path> crashedDuringLoad, ModelInspection inspection,
                        Supplier<List<CatalogEntry>> catalog, RecordDrafting drafting, DiagnosticSuggesting suggesting,
                        Encounters encounters, DocumentImporting importing) {
            this(engine, crashedDuringLoad, inspection, catalog, drafting, suggesting, encounters, importing, null, null);
        }

        /** The same services with another drafting (tests and the screenshot tour script it). */
        public Services withDrafting(RecordDrafting other) {
            return new Services(engine, crashedDuringLoad, inspection, catalog, other, suggesting, encounters,
                    importing, quality, signing);
        }

        public Services withSuggesting(DiagnosticSuggesting other) {
            return new Services(engine, crashedDuringLoad, inspection, catalog, drafting, other, encounters,
                    importing, quality, signing);
        }

        public Services withoutCrash() {
            return new Services(engine, Optional.empty(), inspection, catalog, drafting, suggesting, encounters,
                    importing, quality, signing);
        }
    }

    private final AppDirectories directories;
    private final Services services;
    private final SavedValue<Settings> settings;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RunningWork running;
    private final EngineStatusViewModel engineStatus;
    private final ModelSetupViewModel modelSetup;
    private final SourcesViewModel sources;
    private final RecordViewModel record;
    private final SuggestionsViewModel suggestions;
    private final EncounterListViewModel encounterList;
    private final QualityViewModel quality;
    private final SigningViewModel signing;
    private final ReadOnlyObjectWrapper<Encounters.Item> openEncounter = new ReadOnlyObjectWrapper<>();
    /** The open encounter's id for the drafting thread, which must not read the FX property. */
    private volatile String openEncounterId;
    private final ReadOnlyLongWrapper submittedRevision = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper savedRevision = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<MessageKey> autosaveStatus = new ReadOnlyObjectWrapper<>();
    private final List<Runnable> sectionWatches = new ArrayList<>();
    private boolean restoring;
    private boolean autosaveQueued;

    public Workspace(AppDirectories directories, Services services, SavedValue<Settings> settings, BackgroundTasks tasks,
                     DialogService dialogs, FrameClock frames, RunningWork running) {
        this.directories = Objects.requireNonNull(directories, "directories");
        this.services = Objects.requireNonNull(services, "services");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.running = Objects.requireNonNull(running, "running");
        engineStatus = new EngineStatusViewModel(services.engine(), tasks, running,
                () -> settings.get().engineSettings());
        modelSetup = new ModelSetupViewModel(services.inspection(), services.catalog(), engineStatus, settings, tasks,
                dialogs, directories.models());
        sources = new SourcesViewModel(keptOnImport(services.importing()), tasks, dialogs, running);
        RecordDrafting drafting = new KeptDrafting(services.drafting(), services.encounters(), () -> openEncounterId);
        record = new RecordViewModel(drafting, tasks, frames, running, dialogs, this::sourceTexts,
                engineStatus::isReady);
        record.selectTemplate(settings.get().defaultTemplate());
        record.useTextLayout(new ExportRecordText(openEncounter::get, this::standing));
        record.engineAvailable().bind(engineStatus.state().isEqualTo(EngineState.READY)
                .or(engineStatus.state().isEqualTo(EngineState.GENERATING)));
        record.hasSources().bind(sources.hasText());
        suggestions = new SuggestionsViewModel(services.suggesting(), tasks, running, this::sourceMap,
                () -> record.template().get() == null ? "en" : record.template().get().language());
        suggestions.setRecords(new SuggestionsViewModel.Records() {
            @Override
            public String owner() {
                return openEncounterId;
            }

            @Override
            public List<String> keep(String owner, List<DiagnosticSuggesting.Diagnosis> differential) {
                return services.encounters().keepSuggestions(owner, differential.stream()
                        .map(SuggestionJson::of).toList(), null);
            }

            @Override
            public void decide(String id, boolean kept) {
                services.encounters().decideSuggestion(id, kept);
            }

            @Override
            public void keepAnswer(String owner, SuggestionsViewModel.Answered answered) {
                services.encounters().keepAnswer(owner, answered.question(), answered.answer());
            }

            @Override
            public List<SuggestionsViewModel.Answered> answers(String owner) {
                return services.encounters().answers(owner).stream()
                        .map(pair -> new SuggestionsViewModel.Answered(pair.getKey(), pair.getValue())).toList();
            }
        });
        // An answer added to the note is a line of it: the next draft reads it as a source.
        suggestions.setOnAddToNote(line -> {
            String note = sources.note().text().get();
            sources.note().edit(note.isBlank() ? line : note.stripTrailing() + "\n" + line);
        });
        encounterList = new EncounterListViewModel(services.encounters(), tasks, dialogs);
        encounterList.setOnOpen(this::open);
        // Clicking a statement or a finding shows its evidence in the sources.
        record.highlightedEvidence().addListener((ListChangeListener.Change<?> change) ->
                sources.highlight(List.copyOf(record.highlightedEvidence())));
        suggestions.highlightedEvidence().addListener((ListChangeListener.Change<?> change) ->
                sources.highlight(List.copyOf(suggestions.highlightedEvidence())));
        quality = services.quality() == null ? null
                : new QualityViewModel(services.quality(), tasks, running, this::qualityRequest);
        signing = services.signing() == null ? null
                : new SigningViewModel(services.signing(), tasks, dialogs, settings, this::signingRequest);
        if (quality != null) {
            quality.setOnShow(finding -> {
                record.showFinding(finding.sectionId(), finding.start(), finding.end());
                if (!finding.evidence().isEmpty()) {
                    sources.highlight(finding.evidence());
                }
            });
        }
        if (signing != null) {
            record.locked().bind(signing.locked());
            // A signature or an amendment changes the encounter's status in the worklist.
            signing.latest().addListener((obs, old, now) -> {
                if (now != null) {
                    encounterList.refresh();
                }
            });
            signing.cosignState().addListener((obs, old, now) -> encounterList.refresh());
            if (quality != null) {
                signing.setOnChecked(quality::show);
            }
        }
        record.state().addListener((obs, old, now) -> drafted(old, now));
        settings.property().addListener((obs, old, now) -> {
            // The default template follows the UI language: an empty record takes it at once.
            if (!Objects.equals(old.defaultTemplate(), now.defaultTemplate()) && !record.isStreaming()
                    && !record.locked().get() && record.snapshot().stream().allMatch(s -> s.text().isBlank())) {
                record.selectTemplate(now.defaultTemplate());
            }
        });
        watchForAutosave();
        services.encounters().listen(new Encounters.AutosaveEvents() {
            @Override
            public void saved(String encounterId, long revision) {
                tasks.ui().execute(() -> {
                    if (revision > savedRevision.get()) {
                        savedRevision.set(revision);
                    }
                    autosaveStatus.set(new MessageKey("autosave.saved",
                            LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString()));
                });
            }

            @Override
            public void failed(String encounterId, long revision, MedScribeException failure) {
                tasks.ui().execute(() -> autosaveStatus.set(MessageKey.of(failure)));
            }
        });
    }

    /**
     * The import as the sources column uses it: a document read while an encounter is open is kept
     * with it at once, so the column, the drafting and the record's evidence use the id the store gave it.
     */
    private DocumentImporting keptOnImport(DocumentImporting importing) {
        if (importing == null) {
            return null;
        }
        return new DocumentImporting() {
            @Override
            public ImportedDocument read(Path file, CancellationToken cancel) {
                return kept(importing.read(file, cancel));
            }

            @Override
            public ImportedDocument read(Path file, char[] password, CancellationToken cancel) {
                return kept(importing.read(file, password, cancel));
            }
        };
    }

    private DocumentImporting.ImportedDocument kept(DocumentImporting.ImportedDocument document) {
        String encounterId = openEncounterId;
        if (encounterId == null) {
            return document;
        }
        return document.keptAs(services.encounters().keepDocument(encounterId, new Encounters.Document(document.id(),
                document.label(), document.text(), document.pageCount(), document.provenance())).id());
    }

    /** After a draft: the rules check it, and the versions list shows the new generation. */
    private void drafted(RecordViewModel.State old, RecordViewModel.State now) {
        if (old != RecordViewModel.State.STREAMING) {
            return;
        }
        if (now == RecordViewModel.State.DONE && quality != null) {
            quality.check();
        }
        // Sections the doctor typed into while the model wrote are theirs: keep them over the generated
        // text; a draft that stopped early gave sections it never reached their earlier text back.
        if (now != RecordViewModel.State.DONE
                || record.sections().stream().anyMatch(section -> section.editedByDoctor().get())) {
            queueAutosave();
        }
        if (signing != null) {
            signing.refresh();
        }
    }

    /** Every change of the note, the documents or a section reaches the store's autosave. */
    private void watchForAutosave() {
        sources.note().text().addListener((obs, old, now) -> queueAutosave());
        sources.sources().addListener((ListChangeListener.Change<? extends SourceItem> change) -> {
            while (change.next()) {
                if (change.wasAdded() && !restoring && openEncounter.get() != null) {
                    saveQuietly(); // an imported document is a save point: it becomes a source at once
                }
            }
        });
        record.template().addListener((obs, old, now) -> queueAutosave());
        record.sections().addListener((ListChangeListener.Change<? extends SectionViewModel> change) ->
                watchSections());
        watchSections();
    }

    private void watchSections() {
        sectionWatches.forEach(Runnable::run);
        sectionWatches.clear();
        for (SectionViewModel section : record.sections()) {
            javafx.beans.value.ChangeListener<String> typed = (obs, old, now) -> {
                if (section.editedByDoctor().get()) {
                    queueAutosave();
                }
            };
            section.text().addListener(typed);
            sectionWatches.add(() -> section.text().removeListener(typed));
        }
    }

    /** Coalesces a burst of changes (a paste, a restore) into one autosave, after the current event. */
    private void queueAutosave() {
        if (restoring || record.isStreaming() || openEncounter.get() == null) {
            return;
        }
        if (quality != null) {
            quality.markOutdated();
        }
        if (!autosaveQueued) {
            autosaveQueued = true;
            tasks.ui().execute(this::autosaveNow);
        }
    }

    private void autosaveNow() {
        autosaveQueued = false;
        Encounters.Item current = openEncounter.get();
        if (current == null || restoring || record.isStreaming()) {
            return;
        }
        try {
            // Never blocks: the store queues the edit and writes it on its own thread within its delay.
            long revision = services.encounters().autosave(current.id(), content());
            if (revision > submittedRevision.get()) {
                submittedRevision.set(revision);
            }
            autosaveStatus.set(new MessageKey("autosave.pending"));
        } catch (MedScribeException refused) {
            autosaveStatus.set(MessageKey.of(refused));
        }
    }

    private void saveQuietly() {
        Encounters.Item current = openEncounter.get();
        Encounters.Content content = content();
        tasks.io(() -> services.encounters().save(current.id(), content))
                .onError(MedScribeException.class, this::saveFailed);
    }

    private RecordQuality.Request qualityRequest() {
        if (record.template().get() == null) {
            return null;
        }
        return new RecordQuality.Request(openEncounterId, content().record(), qualitySources());
    }

    private List<RecordQuality.Source> qualitySources() {
        return sources.sources().stream().map(source -> new RecordQuality.Source(source.id(), source.text().get()))
                .toList();
    }

    private Signing.Request signingRequest() {
        Encounters.Item current = openEncounter.get();
        return current == null || record.template().get() == null ? null
                : new Signing.Request(current.id(), content(), qualitySources());
    }

    /** What the record on screen is, for Copy: signed (and which version), being amended, or a draft. */
    private ExportRecordText.Standing standing() {
        return signing == null ? ExportRecordText.Standing.UNSIGNED
                : new ExportRecordText.Standing(signing.status().get(), signing.latest().get());
    }

    /** Starts following the engine and loads the configured model. */
    public void start() {
        engineStatus.start();
        engineStatus.loadAtStart(services.crashedDuringLoad());
        encounterList.refresh();
        reopenLast();
    }

    /** The encounter the doctor had open last time opens again, unless work has begun meanwhile. */
    private void reopenLast() {
        tasks.io(() -> services.encounters().lastOpened()).onSuccess(last -> last.ifPresent(item -> {
            if (openEncounter.get() == null && encounterList.selected().get() == null && !hasWork(content())) {
                encounterList.selected().set(item);
                encounterList.refresh(); // selects its line once the list holds it
            }
        })).onError(MedScribeException.class, this::saveFailed);
    }

    /**
     * Stops following the engine (the engine itself is closed by the application) and writes the
     * pending autosave on the io executor (the caller lets it drain before shutting it down).
     */
    public void close() {
        running.cancelAll();
        engineStatus.close();
        if (autosaveQueued) {
            autosaveNow();
        }
        tasks.io(() -> services.encounters().flush())
                .onError(MedScribeException.class, this::saveFailed);
    }

    private List<RecordDrafting.SourceText> sourceTexts() {
        List<RecordDrafting.SourceText> texts = new ArrayList<>();
        for (SourceItem source : sources.sources()) {
            if (!source.text().get().isBlank()) {
                texts.add(new RecordDrafting.SourceText(source.id(), source.label() == null ? source.id()
                        : source.label(), source.text().get()));
            }
        }
        return texts;
    }

    private Map<String, String> sourceMap() {
        Map<String, String> map = new LinkedHashMap<>();
        sources.sources().forEach(source -> map.put(source.id(), source.text().get()));
        return map;
    }

    /** Saves the open encounter (asks for the patient first if the work is not yet an encounter). */
    public void save() {
        Encounters.Item current = openEncounter.get();
        if (current == null) {
            Optional<EncounterListViewModel.NewEncounter> patient = encounterList.askNewEncounter();
            if (patient.isEmpty()) {
                return;
            }
            Encounters.Content content = content();
            tasks.io(() -> {
                Encounters.Item created = services.encounters().create(patient.get().patientName(),
                        patient.get().recordNumber(), patient.get().details());
                services.encounters().save(created.id(), content);
                return created;
            }).onSuccess(created -> {
                setOpen(created);
                encounterList.refresh();
                dialogs.notify("encounters.message.saved");
            }).onError(MedScribeException.class, this::saveFailed);
            return;
        }
        Encounters.Content content = content();
        tasks.io(() -> services.encounters().save(current.id(), content))
                .onSuccess(ignored -> {
                    dialogs.notify("encounters.message.saved");
                    if (signing != null) {
                        signing.refresh();
                    }
                })
                .onError(MedScribeException.class, this::saveFailed);
    }

    private void setOpen(Encounters.Item item) {
        openEncounter.set(item);
        openEncounterId = item == null ? null : item.id();
        if (signing != null) {
            signing.load(openEncounterId);
        }
    }

    /** Disk full, read-only store: the work stays on screen and the reason is shown. */
    private void saveFailed(MedScribeException failure) {
        dialogs.notify(failure.messageKey(), failure.arguments());
    }

    private Encounters.Content content() {
        List<Encounters.Document> documents = new ArrayList<>();
        for (SourceItem source : sources.sources()) {
            if (source.kind() == SourceItem.Kind.DOCUMENT) {
                documents.add(new Encounters.Document(source.id(), source.label(), source.text().get(),
                        source.pageCount(), source.provenance()));
            }
        }
        List<RecordSection> sections = record.snapshot();
        RecordDrafting.Template chosen = record.template().get();
        String template = chosen == null ? settings.get().defaultTemplate() : chosen.id();
        return new Encounters.Content(sources.note().text().get(), documents, template,
                chosen == null ? null : chosen.language(), sections);
    }

    /** Opens {@code item}: the current work is saved first if it belongs to an encounter. */
    public void open(Encounters.Item item) {
        Encounters.Item previous = openEncounter.get();
        if (previous != null && previous.id().equals(item.id())) {
            return;
        }
        // Work typed before any encounter was open is never dropped silently: an encounter just
        // created takes it; opening another one asks first.
        Encounters.Content leaving = content();
        boolean unattached = previous == null && hasWork(leaving);
        boolean adopt = unattached && encounterList.isJustCreated(item);
        if (unattached && !adopt
                && !dialogs.confirm("encounters.discard.title", "encounters.discard.message", item.patientName())) {
            return;
        }
        if (record.isStreaming()) {
            record.cancel();
        }
        String saveInto = previous != null ? previous.id() : adopt ? item.id() : null;
        tasks.io(() -> {
            if (saveInto != null) {
                services.encounters().save(saveInto, leaving);
            }
            return services.encounters().open(item.id());
        }).onSuccess(content -> {
            restoring = true;
            try {
                setOpen(item);
                List<SourceItem> documents = content.documents().stream()
                        .map(d -> new SourceItem(d.id(), SourceItem.Kind.DOCUMENT, d.label(), d.pageCount(), d.text(),
                                d.provenance()))
                        .toList();
                sources.restore(content.note(), documents);
                // An encounter with nothing kept yet starts in the template of the UI's language.
                record.restore(content.sections().isEmpty() ? settings.get().defaultTemplate() : content.templateId(),
                        content.sections());
                suggestions.clear();
                suggestions.loadAnswers();
                if (quality != null) {
                    quality.clear();
                }
            } finally {
                restoring = false;
            }
        }).onError(MedScribeException.class, this::saveFailed);
    }

    private static boolean hasWork(Encounters.Content content) {
        return !content.note().isBlank() || !content.documents().isEmpty()
                || content.sections().stream().anyMatch(section -> !section.text().isBlank());
    }

    /** A fresh settings form over the settings in force. */
    public SettingsViewModel newSettingsForm() {
        return new SettingsViewModel(settings, dialogs, changed -> engineStatus.load(changed.engineSettings()));
    }

    /** Template id → title, for the settings form. */
    public Map<String, String> templateTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        record.templates().forEach(template -> titles.put(template.id(), template.title()));
        return titles;
    }

    public ReadOnlyObjectProperty<Encounters.Item> openEncounter() {
        return openEncounter.getReadOnlyProperty();
    }

    public AppDirectories directories() {
        return directories;
    }

    public SavedValue<Settings> settings() {
        return settings;
    }

    public RunningWork running() {
        return running;
    }

    public EngineStatusViewModel engineStatus() {
        return engineStatus;
    }

    public ModelSetupViewModel modelSetup() {
        return modelSetup;
    }

    public SourcesViewModel sources() {
        return sources;
    }

    public RecordViewModel record() {
        return record;
    }

    public SuggestionsViewModel suggestions() {
        return suggestions;
    }

    public EncounterListViewModel encounterList() {
        return encounterList;
    }

    /** The Quality tab, or null without quality control. */
    public QualityViewModel quality() {
        return quality;
    }

    /** The signing panel, or null without an encounter store. */
    public SigningViewModel signing() {
        return signing;
    }

    /** The revision of the last edit handed to the autosave (0 before any). */
    public ReadOnlyLongProperty submittedRevision() {
        return submittedRevision.getReadOnlyProperty();
    }

    /** The revision the store has acknowledged as on disk. */
    public ReadOnlyLongProperty savedRevision() {
        return savedRevision.getReadOnlyProperty();
    }

    /** "Saved 10:42:05", "Saving…" or why saving failed; null before the first edit. */
    public ReadOnlyObjectProperty<MessageKey> autosaveStatus() {
        return autosaveStatus.getReadOnlyProperty();
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }
}
