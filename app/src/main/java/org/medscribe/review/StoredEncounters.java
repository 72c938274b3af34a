package org.medscribe.review;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.medscribe.record.Evidence;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordJson;
import org.medscribe.record.Statement;
import org.medscribe.record.RecordSection;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.common.MedScribeException;
import org.medscribe.storage.Actor;
import org.medscribe.storage.AutosaveListener;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftEdit;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.EncounterSummary;
import org.medscribe.storage.GeneratedDraft;
import org.medscribe.storage.NewEncounter;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.NewSource;
import org.medscribe.storage.OpenedEncounter;
import org.medscribe.storage.PageSpan;
import org.medscribe.storage.Patient;
import org.medscribe.storage.Source;
import org.medscribe.record.SourceKind;
import org.medscribe.storage.VisitType;
import org.medscribe.storage.WorkingDraft;

/**
 * The worklist's {@link Encounters} on the encrypted encounter store. The record is the store's
 * autosaved working draft ({@link org.medscribe.record.RecordJson}'s JSON) with each section's origin (AI, AI then
 * doctor, doctor). The note is kept as sources at save points (a new NOTE source when its text
 * changed: sources are never rewritten, so every version the model saw stays); between save points
 * the note being typed rides in the working draft as {@code note_draft}, so a keystroke in the note
 * is on disk as soon as one in the record. Blocking: io executor, except {@link #autosave}.
 */
public final class StoredEncounters implements Encounters {

    private static final int LIST_LIMIT = 200;

    private final EncounterStore store;
    private final Clock clock;
    private final String defaultTemplate;
    private volatile String clinicianId;
    private volatile String preferredId;
    /** The latest note kept as a source, per encounter: an autosave carries the note only when it differs. */
    private final Map<String, String> savedNotes = new ConcurrentHashMap<>();
    /** A document's provisional id (read before the store kept it) -> the id the store gave it. */
    private final Map<String, String> keptIds = new ConcurrentHashMap<>();

    public StoredEncounters(EncounterStore store, Clock clock, String defaultTemplate) {
        this.store = store;
        this.clock = clock;
        this.defaultTemplate = defaultTemplate;
    }

    public EncounterStore store() {
        return store;
    }

    /** From now on, edits and new encounters are this clinician's (the signing clinician of the settings). */
    public void actAs(String id) {
        clinicianId = id;
    }

    /** The clinician of the settings, used once the store confirms it knows them. */
    public void prefer(String id) {
        preferredId = id;
    }

    /**
     * The workstation's clinician: the one set by {@link #actAs}, else the settings' one, else the
     * first registered, else one named after the OS user.
     */
    public String clinician() {
        String id = clinicianId;
        if (id == null) {
            List<Clinician> known = store.patients().clinicians();
            String preferred = preferredId;
            id = known.stream().filter(c -> c.id().equals(preferred)).map(Clinician::id).findFirst()
                    .orElseGet(() -> known.isEmpty()
                            ? store.patients().addClinician(System.getProperty("user.name", "clinician"), "physician").id()
                            : known.get(0).id());
            clinicianId = id;
        }
        return id;
    }

    @Override
    public List<Item> search(String query) {
        String text = query == null ? "" : query.strip();
        List<EncounterSummary> found = text.isEmpty() ? store.encounters().recentEncounters(LIST_LIMIT)
                : store.encounters().searchEncounters(text, LIST_LIMIT);
        return found.stream().map(StoredEncounters::item).toList();
    }

    private static Item item(EncounterSummary summary) {
        return new Item(summary.id(), summary.patientName(), summary.recordNumber() == null ? ""
                : summary.recordNumber(), summary.startedAt(), summary.status().name(),
                new Details(summary.sex(), summary.birthDate(), summary.patientAge(),
                        summary.visitType() == null ? null : summary.visitType().name(), summary.visitDate()));
    }

    @Override
    public Item create(String patientName, String recordNumber, Details details) {
        Actor actor = Actor.clinician(clinician());
        Optional<Patient> known = recordNumber.isBlank() ? Optional.empty()
                : store.patients().findPatientByRecordNumber(recordNumber);
        String patientId = known.map(patient -> store.patients().completePatient(patient.id(), details.sex(),
                        details.birthDate(), actor).id())
                .orElseGet(() -> store.patients().createPatient(new NewPatient(patientName,
                        recordNumber.isBlank() ? null : recordNumber, details.birthDate(), details.sex()), actor).id());
        VisitType visitType = details.visitType() == null ? null : VisitType.valueOf(details.visitType());
        return item(store.encounters().createEncounter(patientId, new NewEncounter(clock.instant(), null, clinician(),
                visitType, details.visitDate(), details.age()), actor));
    }

    @Override
    public Optional<Item> lastOpened() {
        return store.encounters().lastOpenedBy(clinician()).map(StoredEncounters::item);
    }

    @Override
    public Content open(String encounterId) {
        OpenedEncounter opened = store.encounters().openEncounter(encounterId, Actor.clinician(clinician()));
        String note = "";
        List<Document> documents = new ArrayList<>();
        for (Source source : opened.sources()) {
            if (source.kind() == SourceKind.DOCUMENT) {
                documents.add(new Document(source.id(), source.label(), source.text(), source.pages().size(),
                        provenance(source)));
            } else {
                note = source.text(); // sources come in order: the latest note wins
            }
        }
        savedNotes.put(encounterId, note);
        Optional<WorkingDraft> draft = opened.workingDraft();
        if (draft.isEmpty()) {
            return new Content(note, documents, defaultTemplate, null, List.of());
        }
        RecordJson.Kept read = RecordJson.read(draft.get().contentJson(), defaultTemplate);
        return new Content(read.noteDraft() != null ? read.noteDraft() : note, documents, read.record().template(),
                read.record().language(), read.record().sections());
    }

    @Override
    public void save(String encounterId, Content content) {
        Actor actor = Actor.clinician(clinician());
        OpenedEncounter opened = store.encounters().openEncounter(encounterId, actor);
        String savedNote = "";
        for (Source source : opened.sources()) {
            if (source.kind() != SourceKind.DOCUMENT) {
                savedNote = source.text(); // sources come in order: the latest note wins
            }
        }
        if (!content.note().isBlank() && !content.note().equals(savedNote)) {
            store.sources().addSource(encounterId, NewSource.note(content.note()), actor);
            savedNote = content.note();
        }
        savedNotes.put(encounterId, savedNote);
        List<Source> saved = new ArrayList<>(opened.sources());
        for (Document document : content.documents()) {
            keptId(encounterId, document, saved, actor);
        }
        if (!content.sections().isEmpty() || opened.workingDraft().isPresent()) {
            store.drafts().autosave(encounterId, edit(encounterId, content));
            if (hasRecordText(encounterId)) {
                // An explicit save (Ctrl+S, leaving the encounter) keeps the doctor's edits as a version.
                store.drafts().checkpointEdits(encounterId, actor);
            } else {
                store.drafts().flushAutosaves(); // an empty record is saved, but is no version worth keeping
            }
        }
    }

    @Override
    public Document keepDocument(String encounterId, Document document) {
        Actor actor = Actor.clinician(clinician());
        String id = keptId(encounterId, document, new ArrayList<>(store.encounters().openEncounter(encounterId, actor).sources()),
                actor);
        return new Document(id, document.label(), document.text(), document.pageCount(), document.provenance());
    }

    /**
     * The id the store keeps {@code document} under: its own when the store gave it, the one of the
     * same text kept before (a document is kept once), else a new source's (added to {@code saved}).
     */
    private String keptId(String encounterId, Document document, List<Source> saved, Actor actor) {
        String known = keptIds.get(document.id());
        if (known != null) {
            return known;
        }
        String id = saved.stream().filter(source -> source.kind() == SourceKind.DOCUMENT)
                .filter(source -> source.id().equals(document.id()) || source.text().equals(document.text()))
                .map(Source::id).findFirst()
                .orElseGet(() -> {
                    Source added = store.sources().addSource(encounterId, source(document), actor);
                    saved.add(added);
                    return added.id();
                });
        if (!id.equals(document.id())) {
            keptIds.put(document.id(), id);
        }
        return id;
    }

    /**
     * The record with its evidence on the documents' kept ids: a document drafted from before the
     * store kept it (read while no encounter was open) is cited under its provisional id.
     */
    private KeptRecord keptRecord(Content content) {
        KeptRecord record = content.record();
        if (keptIds.isEmpty()) {
            return record;
        }
        return new KeptRecord(record.template(), record.language(), record.sections().stream()
                .map(section -> new RecordSection(section.id(), section.title(), section.text(),
                        section.editedByDoctor(), section.notDocumented(), section.aiWritten(),
                        section.statements().stream().map(this::keptStatement).toList()))
                .toList());
    }

    private Statement keptStatement(Statement statement) {
        return new Statement(statement.text(), statement.category(), statement.original(), statement.citations(),
                statement.supported(), statement.unsupportedReason(), statement.evidence().stream()
                .map(evidence -> new Evidence(keptIds.getOrDefault(evidence.source(), evidence.source()),
                        evidence.segment(), evidence.start(), evidence.end(), evidence.quote(), evidence.matched()))
                .toList());
    }

    /** An imported document as a source, with its file's hash and media type and its page spans. */
    private static NewSource source(Document document) {
        DocumentProvenance provenance = document.provenance();
        return new NewSource(SourceKind.DOCUMENT, document.label(), document.text(), provenance.mediaType(),
                provenance.fileSha256(), provenance.pages().stream()
                        .map(page -> new PageSpan(page.number(), page.start(), page.end())).toList());
    }

    private static DocumentProvenance provenance(Source source) {
        return new DocumentProvenance(source.mediaType(), source.fileSha256(), source.pages().stream()
                .map(span -> new DocumentProvenance.Page(span.page(), span.start(), span.end())).toList());
    }

    @Override
    public List<String> keepSuggestions(String encounterId, List<String> diagnosesJson, String provenanceJson) {
        String basedOn = store.drafts().draftVersions(encounterId).stream().reduce((first, second) -> second)
                .map(org.medscribe.storage.DraftVersion::id).orElse(null);
        return store.suggestions().addSuggestions(encounterId, basedOn, diagnosesJson.stream()
                        .map(json -> new org.medscribe.storage.NewSuggestion("diagnosis", json, provenanceJson)).toList())
                .stream().map(org.medscribe.storage.Suggestion::id).toList();
    }

    @Override
    public void decideSuggestion(String suggestionId, boolean kept) {
        store.suggestions().decideSuggestion(suggestionId, kept ? org.medscribe.storage.Decision.KEPT
                : org.medscribe.storage.Decision.DISCARDED, null, clinician());
    }

    /** A follow-up answer is a suggestion of its own kind, so it is kept (encrypted) beside the differential. */
    private static final String ANSWER_KIND = "follow_up_answer";

    @Override
    public void keepAnswer(String encounterId, String question, String answer) {
        com.fasterxml.jackson.databind.node.ObjectNode json = RecordJson.mapper().createObjectNode()
                .put("question", question).put("answer", answer);
        store.suggestions().addSuggestions(encounterId, null,
                List.of(new org.medscribe.storage.NewSuggestion(ANSWER_KIND, json.toString(), null)));
    }

    @Override
    public List<Map.Entry<String, String>> answers(String encounterId) {
        List<Map.Entry<String, String>> answers = new ArrayList<>();
        for (org.medscribe.storage.Suggestion kept : store.suggestions().suggestions(encounterId)) {
            if (ANSWER_KIND.equals(kept.kind())) {
                try {
                    com.fasterxml.jackson.databind.JsonNode json = RecordJson.mapper().readTree(kept.contentJson());
                    answers.add(Map.entry(json.path("question").asText(""), json.path("answer").asText("")));
                } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                    throw new MedScribeException(MedScribeException.Category.FAILED, unreadable,
                            "encounters.error.unreadableDraft");
                }
            }
        }
        return answers;
    }

    @Override
    public long autosave(String encounterId, Content content) {
        return store.drafts().autosave(encounterId, edit(encounterId, content));
    }

    private DraftEdit edit(String encounterId, Content content) {
        String saved = savedNotes.get(encounterId);
        String noteDraft = content.note().equals(saved == null ? "" : saved) ? null : content.note();
        return new DraftEdit(RecordJson.write(keptRecord(content), noteDraft), origins(content));
    }

    @Override
    public void flush() {
        store.drafts().flushAutosaves();
    }

    @Override
    public void listen(AutosaveEvents events) {
        store.drafts().addAutosaveListener(new AutosaveListener() {
            @Override
            public void saved(String encounterId, long revision, Instant at) {
                events.saved(encounterId, revision);
            }

            @Override
            public void failed(String encounterId, long revision, MedScribeException failure) {
                events.failed(encounterId, revision, failure);
            }
        });
    }

    /** The note the model is about to read becomes a source; pending edits become a version. */
    @Override
    public void beforeGeneration(String encounterId, String note) {
        Actor actor = Actor.clinician(clinician());
        String saved = savedNotes.get(encounterId);
        if (note != null && !note.isBlank() && !note.equals(saved)) {
            store.sources().addSource(encounterId, NewSource.note(note), actor);
            savedNotes.put(encounterId, note);
        }
        dropNoteDraft(encounterId);
        if (hasRecordText(encounterId)) {
            store.drafts().saveBeforeGeneration(encounterId, clinician());
        } else {
            store.drafts().flushAutosaves(); // an empty record is saved, but is no version worth keeping
        }
    }

    private boolean hasRecordText(String encounterId) {
        String json = store.drafts().unsavedEdit(encounterId).map(DraftEdit::contentJson)
                .or(() -> store.drafts().workingDraft(encounterId).map(WorkingDraft::contentJson)).orElse(null);
        return json != null && RecordJson.read(json, defaultTemplate).record().sections().stream()
                .anyMatch(section -> !section.text().isBlank());
    }

    /** The note is now a source: the working draft (about to become a version) no longer carries it. */
    private void dropNoteDraft(String encounterId) {
        Optional<DraftEdit> pending = store.drafts().unsavedEdit(encounterId);
        Optional<DraftEdit> current = pending.isPresent() ? pending : store.drafts().workingDraft(encounterId)
                .map(working -> new DraftEdit(working.contentJson(), working.sectionOrigins()));
        if (current.isEmpty() || !current.get().contentJson().contains("\"note_draft\"")) {
            return;
        }
        store.drafts().autosave(encounterId, new DraftEdit(RecordJson.withoutNoteDraft(current.get().contentJson()),
                current.get().sectionOrigins()));
    }

    @Override
    public void keepGeneration(String encounterId, Content generated, Generation how) {
        store.drafts().saveGeneratedDraft(encounterId, new GeneratedDraft(generated.templateId(), how.templateVersion(),
                generated.language(), RecordJson.write(keptRecord(generated), null), how.modelJson(),
                how.parametersJson(), how.timingsJson()));
    }

    /**
     * Before signing: the note becomes a source and the record is queued without the note draft, so
     * the signed content is the record alone (signing writes the queued edit in its own transaction).
     */
    public void prepareForSigning(String encounterId, Content content) {
        Actor actor = Actor.clinician(clinician());
        String saved = savedNotes.get(encounterId);
        if (!content.note().isBlank() && !content.note().equals(saved)) {
            store.sources().addSource(encounterId, NewSource.note(content.note()), actor);
        }
        savedNotes.put(encounterId, content.note());
        store.drafts().autosave(encounterId, new DraftEdit(RecordJson.write(keptRecord(content), null), origins(content)));
    }

    /**
     * Who wrote each section: the AI (drafted, untouched), the AI then the doctor, or the doctor
     * alone (typed into a section the draft left empty).
     */
    private static Map<String, SectionOrigin> origins(Content content) {
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        for (RecordSection section : content.sections()) {
            origins.put(section.id(), !section.editedByDoctor() ? SectionOrigin.AI
                    : section.aiWritten() ? SectionOrigin.AI_EDITED : SectionOrigin.HUMAN);
        }
        return origins;
    }
}
