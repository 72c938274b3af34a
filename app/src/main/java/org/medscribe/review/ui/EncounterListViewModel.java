package org.medscribe.review.ui;

import org.medscribe.review.Encounters;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;

/**
 * The worklist: search patients' encounters, start a new one, pick one to open. UI thread; the
 * store is read on the io executor.
 */
public final class EncounterListViewModel {

    private final Encounters encounters;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Encounters.Item> items = FXCollections.observableArrayList();
    private final ObjectProperty<Encounters.Item> selected = new SimpleObjectProperty<>();
    private Consumer<Encounters.Item> onOpen = item -> { };
    private long generation;

    public EncounterListViewModel(Encounters encounters, BackgroundTasks tasks, DialogService dialogs) {
        this.encounters = Objects.requireNonNull(encounters, "encounters");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        query.addListener((obs, old, now) -> refresh());
        selected.addListener((obs, old, now) -> {
            if (now != null && (old == null || !old.id().equals(now.id()))) {
                onOpen.accept(now);
            }
        });
    }

    /** Called when the doctor picks an encounter (the shell opens it into the workspace). */
    public void setOnOpen(Consumer<Encounters.Item> handler) {
        this.onOpen = Objects.requireNonNull(handler, "handler");
    }

    public StringProperty query() {
        return query;
    }

    public ObservableList<Encounters.Item> items() {
        return items;
    }

    public ObjectProperty<Encounters.Item> selected() {
        return selected;
    }

    /** Reloads the list for the current query; a newer query's answer wins over an older one's. */
    public void refresh() {
        long mine = ++generation;
        String text = query.get();
        String keep = selected.get() == null ? null : selected.get().id();
        tasks.io(() -> encounters.search(text)).onSuccess(found -> {
            if (mine != generation) {
                return;
            }
            items.setAll(found);
            if (keep != null) {
                found.stream().filter(item -> item.id().equals(keep)).findFirst().ifPresent(selected::set);
            }
        });
    }

    /** Asks for the patient, creates the encounter and opens it. */
    public void newEncounter() {
        dialogs.askText("encounters.new.title", List.of("encounters.new.patientName", "encounters.new.recordNumber"))
                .filter(fields -> !fields.get(0).isBlank())
                .ifPresent(fields -> create(fields.get(0).strip(), fields.get(1).strip()));
    }

    public void create(String patientName, String recordNumber) {
        tasks.io(() -> encounters.create(patientName, recordNumber)).onSuccess(item -> {
            justCreated = item.id();
            items.add(0, item);
            selected.set(item);
        });
    }

    /** True for the encounter this list created last (it is still empty when first opened). */
    public boolean isJustCreated(Encounters.Item item) {
        return item != null && item.id().equals(justCreated);
    }

    private String justCreated;
}
