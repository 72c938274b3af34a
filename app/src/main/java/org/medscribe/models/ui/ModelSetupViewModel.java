package org.medscribe.models.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.common.MedScribeException;
import org.medscribe.settings.Settings;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.SavedValue;

/**
 * The model onboarding panel: choose a GGUF file, see what its header says (architecture, size,
 * quantization, context, memory estimate, whether it fits), use it, or browse the recommended
 * catalog. A refused or corrupt file is an inline message, never an error dialog. UI thread.
 */
public final class ModelSetupViewModel {

    /** Where the panel is. */
    public enum State { EMPTY, INSPECTING, INSPECTED, REFUSED, LOADING }

    private final ModelInspection inspection;
    private final Supplier<List<CatalogEntry>> catalog;
    private final EngineStatusViewModel engine;
    private final SavedValue<Settings> settings;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final Path modelsFolder;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
    private final ReadOnlyObjectWrapper<ModelFacts> facts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MessageKey> error = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CatalogEntry> catalogEntries = FXCollections.observableArrayList();
    private long generation;

    public ModelSetupViewModel(ModelInspection inspection, Supplier<List<CatalogEntry>> catalog,
                               EngineStatusViewModel engine, SavedValue<Settings> settings, BackgroundTasks tasks,
                               DialogService dialogs, Path modelsFolder) {
        this.inspection = Objects.requireNonNull(inspection, "inspection");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.modelsFolder = Objects.requireNonNull(modelsFolder, "modelsFolder");
        engine.loadError().addListener((obs, old, now) -> {
            if (now != null && state.get() == State.LOADING) {
                error.set(now);
                state.set(facts.get() == null ? State.EMPTY : State.INSPECTED);
            }
        });
        engine.loading().addListener((obs, was, now) -> {
            if (!now && state.get() == State.LOADING) {
                state.set(State.INSPECTED);
            }
        });
    }

    /** Reads the catalog (a bundled file) off the UI thread. */
    public void refreshCatalog() {
        tasks.io(catalog::get).onSuccess(catalogEntries::setAll);
    }

    /** Opens the file chooser, then inspects the chosen file. */
    public void chooseFile() {
        dialogs.chooseModelFile(modelsFolder).ifPresent(this::inspect);
    }

    /** Inspects {@code file} on the io executor. */
    public void inspect(Path file) {
        long mine = ++generation;
        state.set(State.INSPECTING);
        facts.set(null);
        error.set(null);
        int context = settings.get().contextSize();
        tasks.io(() -> inspection.inspect(file, context))
                .onSuccess(found -> {
                    if (mine != generation) {
                        return;
                    }
                    facts.set(found);
                    error.set(found.refusal());
                    state.set(found.usable() ? State.INSPECTED : State.REFUSED);
                })
                .onError(MedScribeException.class, failure -> {
                    if (mine != generation) {
                        return;
                    }
                    error.set(MessageKey.of(failure));
                    state.set(State.REFUSED);
                });
    }

    /** Saves the inspected model as the user's choice and loads it. */
    public void useModel() {
        ModelFacts chosen = facts.get();
        if (chosen == null || !chosen.usable() || state.get() == State.LOADING) {
            return;
        }
        state.set(State.LOADING);
        error.set(null);
        Settings next = settings.get().withModelPath(chosen.file().toAbsolutePath());
        settings.update(current -> next);
        engine.load(next.engineSettings());
    }

    public void openModelsFolder() {
        dialogs.openFolder(modelsFolder);
    }

    public boolean canUse() {
        return state.get() == State.INSPECTED && facts.get() != null && facts.get().usable();
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelFacts> facts() {
        return facts.getReadOnlyProperty();
    }

    /** Why the chosen file cannot be used (corrupt, unsupported, too large, failed to load), or null. */
    public ReadOnlyObjectProperty<MessageKey> error() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<CatalogEntry> catalog() {
        return catalogEntries;
    }

    public Path modelsFolder() {
        return modelsFolder;
    }
}
