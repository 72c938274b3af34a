package org.medscribe.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.review.ui.Encounters;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftEdit;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.EncounterSummary;
import org.medscribe.storage.NewEncounter;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.NewSource;
import org.medscribe.storage.OpenedEncounter;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.storage.Source;
import org.medscribe.storage.SourceKind;
import org.medscribe.storage.WorkingDraft;

/**
 * The worklist's {@link Encounters} on the encrypted encounter store. The note is kept as sources
 * (a new NOTE source when its text changed: sources are never rewritten, so every version the model
 * saw stays); the record is the store's autosaved working draft, as JSON
 * {@code {"template":…, "sections":[{"id","text","edited","not_documented"}]}}, with each section's
 * origin (AI, AI then doctor, doctor). Blocking: io executor.
 */
final class StoreEncounters implements Encounters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIST_LIMIT = 200;

    private final EncounterStore store;
    private final Clock clock;
    private final String defaultTemplate;
    private volatile String clinicianId;
    private final Map<String, Item> recent = new LinkedHashMap<>();

    StoreEncounters(EncounterStore store, Clock clock, String defaultTemplate) {
        this.store = store;
        this.clock = clock;
        this.defaultTemplate = defaultTemplate;
    }

    /** The workstation's clinician: the first registered, or one named after the OS user. */
    private String clinician() {
        String id = clinicianId;
        if (id == null) {
            List<Clinician> known = store.clinicians();
            id = known.isEmpty() ? store.addClinician(System.getProperty("user.name", "clinician"), "physician").id()
                    : known.get(0).id();
            clinicianId = id;
        }
        return id;
    }

    @Override
    public List<Item> search(String query) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            // The store lists nothing for an empty search; show what this session created or opened.
            synchronized (recent) {
                List<Item> items = new ArrayList<>(recent.values());
                items.sort(java.util.Comparator.comparing(Item::startedAt).reversed());
                return items;
            }
        }
        return store.searchEncounters(text, LIST_LIMIT).stream().map(this::item).toList();
    }

    private Item remember(Item item) {
        synchronized (recent) {
            recent.put(item.id(), item);
        }
        return item;
    }

    private Item item(EncounterSummary summary) {
        return new Item(summary.id(), summary.patientName(), summary.recordNumber() == null ? ""
                : summary.recordNumber(), summary.startedAt(), summary.status().name());
    }

    @Override
    public Item create(String patientName, String recordNumber) {
        Actor actor = Actor.clinician(clinician());
        String patientId = (recordNumber.isBlank() ? Optional.<org.medscribe.storage.Patient>empty()
                : store.findPatientByRecordNumber(recordNumber))
                .map(org.medscribe.storage.Patient::id)
                .orElseGet(() -> store.createPatient(new NewPatient(patientName,
                        recordNumber.isBlank() ? null : recordNumber, null, null), actor).id());
        return remember(item(store.createEncounter(patientId, new NewEncounter(clock.instant(), null, clinician()),
                actor)));
    }

    @Override
    public Content open(String encounterId) {
        OpenedEncounter opened = store.openEncounter(encounterId, Actor.clinician(clinician()));
        remember(item(opened.encounter()));
        String note = "";
        List<Document> documents = new ArrayList<>();
        for (Source source : opened.sources()) {
            if (source.kind() == SourceKind.DOCUMENT) {
                documents.add(new Document(source.id(), source.label(), source.text(), source.pages().size()));
            } else {
                note = source.text(); // sources come in order: the latest note wins
            }
        }
        Optional<WorkingDraft> draft = opened.workingDraft();
        if (draft.isEmpty()) {
            return new Content(note, documents, defaultTemplate, List.of());
        }
        return readDraft(note, documents, draft.get().contentJson());
    }

    private Content readDraft(String note, List<Document> documents, String json) {
        try {
            var tree = JSON.readTree(json);
            List<Section> sections = new ArrayList<>();
            tree.path("sections").forEach(node -> sections.add(new Section(node.path("id").asText(),
                    node.path("text").asText(""), node.path("edited").asBoolean(),
                    node.path("not_documented").asBoolean())));
            return new Content(note, documents, tree.path("template").asText(defaultTemplate), sections);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "encounters.error.unreadableDraft");
        }
    }

    @Override
    public void save(String encounterId, Content content) {
        Actor actor = Actor.clinician(clinician());
        OpenedEncounter opened = store.openEncounter(encounterId, actor);
        String savedNote = "";
        List<String> savedDocuments = new ArrayList<>();
        for (Source source : opened.sources()) {
            if (source.kind() == SourceKind.DOCUMENT) {
                savedDocuments.add(source.text());
            } else {
                savedNote = source.text();
            }
        }
        if (!content.note().isBlank() && !content.note().equals(savedNote)) {
            store.addSource(encounterId, NewSource.note(content.note()), actor);
        }
        for (Document document : content.documents()) {
            if (!savedDocuments.contains(document.text())) {
                store.addSource(encounterId, new NewSource(SourceKind.DOCUMENT, document.label(), document.text(),
                        "application/pdf", null, List.of()), actor);
            }
        }
        if (!content.sections().isEmpty()) {
            store.autosave(encounterId, new DraftEdit(draftJson(content), origins(content)));
            store.flushAutosaves();
        }
    }

    private static String draftJson(Content content) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("template", content.templateId());
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section section : content.sections()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", section.id());
            node.put("text", section.text());
            node.put("edited", section.editedByDoctor());
            node.put("not_documented", section.notDocumented());
            sections.add(node);
        }
        draft.put("sections", sections);
        try {
            return JSON.writeValueAsString(draft);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static Map<String, SectionOrigin> origins(Content content) {
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        for (Section section : content.sections()) {
            origins.put(section.id(), section.editedByDoctor() ? SectionOrigin.AI_EDITED : SectionOrigin.AI);
        }
        return origins;
    }
}
