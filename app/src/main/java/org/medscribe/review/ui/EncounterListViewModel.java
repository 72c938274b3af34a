package org.medscribe.review.ui;

import org.medscribe.review.Encounters;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.FormField;

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
    private Supplier<LocalDate> today = LocalDate::now;

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

    /** The day a new encounter's visit defaults to (tests fix it). */
    public void setToday(Supplier<LocalDate> today) {
        this.today = Objects.requireNonNull(today, "today");
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

    /** What the new-encounter form answered. */
    public record NewEncounter(String patientName, String recordNumber, Encounters.Details details) {
    }

    /** Asks for the patient, creates the encounter and opens it. */
    public void newEncounter() {
        askNewEncounter().ifPresent(form -> create(form.patientName(), form.recordNumber(), form.details()));
    }

    /**
     * The new-encounter form: name, record number, sex, date of birth or age, kind and day of the visit
     * (today unless changed); empty when cancelled or no name was given.
     */
    public Optional<NewEncounter> askNewEncounter() {
        List<FormField> fields = List.of(FormField.text("encounters.new.patientName"),
                FormField.text("encounters.new.recordNumber"),
                FormField.choice("encounters.new.sex", "encounters.sex.", Encounters.Details.SEXES, ""),
                FormField.date("encounters.new.birthDate", ""),
                FormField.text("encounters.new.age"),
                FormField.choice("encounters.new.visitType", "encounters.visit.", Encounters.Details.VISIT_TYPES,
                        "FIRST"),
                FormField.date("encounters.new.visitDate", today.get().toString()));
        return dialogs.askForm("encounters.new.title", fields)
                .filter(answers -> !answers.isEmpty() && !answers.get(0).isBlank())
                .map(answers -> {
                    String visitDay = answer(answers, 6);
                    return new NewEncounter(answers.get(0).strip(), answer(answers, 1),
                            new Encounters.Details(answer(answers, 2), answer(answers, 3), age(answer(answers, 4)),
                                    answer(answers, 5), day(visitDay)));
                });
    }

    private LocalDate day(String iso) {
        try {
            return iso.isEmpty() ? today.get() : LocalDate.parse(iso);
        } catch (java.time.format.DateTimeParseException unreadable) {
            return today.get();
        }
    }

    private static String answer(List<String> answers, int index) {
        return index < answers.size() && answers.get(index) != null ? answers.get(index).strip() : "";
    }

    /** An age is whole years; anything else typed there is not kept as one. */
    private static String age(String typed) {
        return typed.matches("\\d{1,3}") ? typed : "";
    }

    public void create(String patientName, String recordNumber) {
        create(patientName, recordNumber, Encounters.Details.NONE);
    }

    public void create(String patientName, String recordNumber, Encounters.Details details) {
        tasks.io(() -> encounters.create(patientName, recordNumber, details)).onSuccess(item -> {
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
