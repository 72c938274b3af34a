package org.medscribe.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import org.medscribe.capture.ui.DocumentImporting;
import org.medscribe.common.MedScribeException;
import org.medscribe.capture.ui.SourceItem;
import org.medscribe.capture.ui.SourcesViewModel;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.diagnosis.ui.SuggestionsViewModel;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.models.ui.CatalogEntry;
import org.medscribe.models.ui.EngineStatusViewModel;
import org.medscribe.models.ui.ModelInspection;
import org.medscribe.models.ui.ModelSetupViewModel;
import org.medscribe.review.ui.EncounterListViewModel;
import org.medscribe.review.ui.Encounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.ui.CurrentSettings;
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

    /** The services the workspace runs on; the composition root adapts each feature to its port. */
    public record Services(LanguageEngine engine, Optional<Path> crashedDuringLoad, ModelInspection inspection,
                           Supplier<List<CatalogEntry>> catalog, RecordDrafting drafting,
                           DiagnosticSuggesting suggesting, Encounters encounters, DocumentImporting importing) {
    }

    private final AppDirectories directories;
    private final Services services;
    private final CurrentSettings settings;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RunningWork running;
    private final EngineStatusViewModel engineStatus;
    private final ModelSetupViewModel modelSetup;
    private final SourcesViewModel sources;
    private final RecordViewModel record;
    private final SuggestionsViewModel suggestions;
    private final EncounterListViewModel encounterList;
    private final ReadOnlyObjectWrapper<Encounters.Item> openEncounter = new ReadOnlyObjectWrapper<>();

    public Workspace(AppDirectories directories, Services services, CurrentSettings settings, BackgroundTasks tasks,
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
        sources = new SourcesViewModel(services.importing(), tasks, dialogs, running);
        record = new RecordViewModel(services.drafting(), tasks, frames, running, dialogs, this::sourceTexts,
                engineStatus::isReady);
        record.selectTemplate(settings.get().defaultTemplate());
        record.useTextLayout(new ExportRecordText(openEncounter::get));
        record.engineAvailable().bind(engineStatus.state().isEqualTo(EngineState.READY)
                .or(engineStatus.state().isEqualTo(EngineState.GENERATING)));
        record.hasSources().bind(sources.hasText());
        suggestions = new SuggestionsViewModel(services.suggesting(), tasks, running, this::sourceMap,
                () -> record.template().get() == null ? "en" : record.template().get().language());
        encounterList = new EncounterListViewModel(services.encounters(), tasks, dialogs);
        encounterList.setOnOpen(this::open);
        // Clicking a statement or a finding shows its evidence in the sources.
        record.highlightedEvidence().addListener((ListChangeListener.Change<?> change) ->
                sources.highlight(List.copyOf(record.highlightedEvidence())));
        suggestions.highlightedEvidence().addListener((ListChangeListener.Change<?> change) ->
                sources.highlight(List.copyOf(suggestions.highlightedEvidence())));
    }

    /** Starts following the engine and loads the configured model. */
    public void start() {
        engineStatus.start();
        engineStatus.loadAtStart(services.crashedDuringLoad());
        encounterList.refresh();
    }

    /** Stops following the engine (the engine itself is closed by the application). */
    public void close() {
        running.cancelAll();
        engineStatus.close();
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
            Optional<List<String>> patient = dialogs.askText("encounters.new.title",
                    List.of("encounters.new.patientName", "encounters.new.recordNumber"));
            if (patient.isEmpty() || patient.get().get(0).isBlank()) {
                return;
            }
            Encounters.Content content = content();
            tasks.io(() -> {
                Encounters.Item created = services.encounters().create(patient.get().get(0).strip(),
                        patient.get().get(1).strip());
                services.encounters().save(created.id(), content);
                return created;
            }).onSuccess(created -> {
                openEncounter.set(created);
                encounterList.refresh();
                dialogs.notify("encounters.message.saved");
            }).onError(MedScribeException.class, this::saveFailed);
            return;
        }
        Encounters.Content content = content();
        tasks.io(() -> services.encounters().save(current.id(), content))
                .onSuccess(ignored -> dialogs.notify("encounters.message.saved"))
                .onError(MedScribeException.class, this::saveFailed);
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
                        source.pageCount()));
            }
        }
        List<Encounters.Section> sections = record.snapshot().stream()
                .map(s -> new Encounters.Section(s.id(), s.text(), s.editedByDoctor(), s.notDocumented())).toList();
        String template = record.template().get() == null ? settings.get().defaultTemplate()
                : record.template().get().id();
        return new Encounters.Content(sources.note().text().get(), documents, template, sections);
    }

    /** Opens {@code item}: the current work is saved first if it belongs to an encounter. */
    public void open(Encounters.Item item) {
        Encounters.Item previous = openEncounter.get();
        if (previous != null && previous.id().equals(item.id())) {
            return;
        }
        if (record.isStreaming()) {
            record.cancel();
        }
        Encounters.Content leaving = previous == null ? null : content();
        tasks.io(() -> {
            if (previous != null) {
                services.encounters().save(previous.id(), leaving);
            }
            return services.encounters().open(item.id());
        }).onSuccess(content -> {
            openEncounter.set(item);
            List<SourceItem> documents = content.documents().stream()
                    .map(d -> new SourceItem(d.id(), SourceItem.Kind.DOCUMENT, d.label(), d.pageCount(), d.text()))
                    .toList();
            sources.restore(content.note(), documents);
            record.restore(content.templateId(), content.sections().stream()
                    .map(s -> new RecordViewModel.SavedSection(s.id(), s.text(), s.editedByDoctor(), s.notDocumented()))
                    .toList());
            suggestions.clear();
        });
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

    public CurrentSettings settings() {
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

    public DialogService dialogs() {
        return dialogs;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }
}
