package org.medscribe.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.storage.db.Durability;

/**
 * Measures the store on a synthetic clinic: insertion through the API (every durability step) and in
 * bulk up to the target size, reopening (quick_check + decrypting the search index), search and
 * open-encounter latency, autosave and signing latency, backup time. Generated names and notes only;
 * never touches the user's database.
 */
public final class StoreBenchmark {

    /** What to measure. */
    public record Plan(int encounters, int encountersPerPatient, int apiEncounters, int queries, int opens,
                       int autosaves, int signs, boolean backup, long seed) {
    }

    private static final String[] FAMILY = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martin", "Lopez", "Wilson", "Moore", "王", "李", "张",
        "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Anna", "James",
        "Maria", "David", "Sofia", "Peter", "Grace", "Omar", "伟", "芳", "敏", "静", "磊", "燕", "军", "慧"};
    private static final String[] COMPLAINTS = {"cough", "fever", "chest pain", "headache", "abdominal pain",
        "back pain", "rash", "dizziness", "knee pain", "follow-up diabetes", "hypertension review", "咳嗽", "发热",
        "头痛", "腹痛", "胸闷"};

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreBenchmark() {
    }

    /** Runs {@code plan} on a fresh store laid out by {@code layout}; returns the figures as JSON. */
    public static ObjectNode run(StoreLayout layout, Plan plan, ProgressListener progress) throws IOException {
        KeyFileKeySource keys = KeyFileKeySource.forStore(layout);
        StoreOptions options = StoreOptions.defaults().withDailyBackups(false, 0)
                .withAutosaveDelay(Duration.ofMillis(1000), Duration.ofMillis(2000));
        Random random = new Random(plan.seed());
        ObjectNode result = MAPPER.createObjectNode();
        result.put("encounters", plan.encounters());
        result.put("patients", Math.max(1, plan.encounters() / plan.encountersPerPatient()));
        List<String> encounterIds = new ArrayList<>();
        List<String[]> patients = new ArrayList<>();
        try (EncounterStore store = EncounterStore.open(layout, keys, options)) {
            Clinician clinician = store.patients().addClinician("Dr Bench", "physician");
            progress.progress("bench.api", 0.0);
            long apiStart = System.nanoTime();
            for (int i = 0; i < plan.apiEncounters(); i++) {
                String name = name(random);
                String mrn = "MRN" + (1_000_000 + patients.size());
                Patient patient = store.patients().createPatient(new NewPatient(name, mrn, "1970-01-01", "F"),
                        Actor.clinician(clinician.id()));
                patients.add(new String[] {patient.id(), name, mrn});
                EncounterSummary encounter = store.encounters().createEncounter(patient.id(),
                        new NewEncounter(Instant.now(), complaint(random), clinician.id()), Actor.clinician(clinician.id()));
                store.sources().addSource(encounter.id(), NewSource.note(note(random)), Actor.clinician(clinician.id()));
                store.drafts().saveGeneratedDraft(encounter.id(), new GeneratedDraft("soap-en", "1", "en", draft(random),
                        "{\"model\":\"bench\"}", "{\"temperature\":0.2}", "{\"total_ms\":1000}"));
                encounterIds.add(encounter.id());
            }
            double apiSeconds = (System.nanoTime() - apiStart) / 1e9;
            result.put("api_insert_encounters", plan.apiEncounters());
            result.put("api_insert_encounters_per_s", round(plan.apiEncounters() / apiSeconds));
            result.put("api_insert_note", "per encounter: patient + encounter + source + AI draft version, "
                    + "4 transactions with synchronous=FULL and audit rows");

            long bulkStart = System.nanoTime();
            int bulk = bulkLoad(store, plan, random, clinician.id(), patients, encounterIds, progress);
            double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
            result.put("bulk_insert_encounters", bulk);
            result.put("bulk_insert_encounters_per_s", round(bulk / Math.max(bulkSeconds, 1e-9)));
        }
        result.put("database_bytes", Files.size(layout.databaseFile()));

        progress.progress("bench.reopen", 0.5);
        long openStart = System.nanoTime();
        try (EncounterStore store = EncounterStore.open(layout, keys, options)) {
            result.put("reopen_ms", round((System.nanoTime() - openStart) / 1e6));
            result.put("reopen_note", "quick_check + unwrapping the key + decrypting names and titles for search");

            progress.progress("bench.search", 0.6);
            double[] search = new double[plan.queries()];
            long hits = 0;
            for (int i = 0; i < plan.queries(); i++) {
                String[] patient = patients.get(random.nextInt(patients.size()));
                String query = switch (i % 3) {
                    case 0 -> patient[1].split(" ")[0];
                    case 1 -> patient[2];
                    default -> COMPLAINTS[random.nextInt(COMPLAINTS.length)];
                };
                long start = System.nanoTime();
                hits += store.encounters().searchEncounters(query, 50).size();
                search[i] = (System.nanoTime() - start) / 1e6;
            }
            result.set("search_ms", percentiles(search));
            result.put("search_note", "one third each: family name (substring, in memory), record number "
                    + "(blind index), complaint word; at most 50 results; mean hits " + (hits / Math.max(1, plan.queries())));

            progress.progress("bench.open", 0.7);
            double[] opens = new double[plan.opens()];
            for (int i = 0; i < plan.opens(); i++) {
                String id = encounterIds.get(random.nextInt(encounterIds.size()));
                long start = System.nanoTime();
                store.encounters().openEncounter(id, Actor.system());
                opens[i] = (System.nanoTime() - start) / 1e6;
            }
            result.set("open_encounter_ms", percentiles(opens));

            progress.progress("bench.autosave", 0.8);
            double[] saves = new double[plan.autosaves()];
            String editing = encounterIds.get(0);
            for (int i = 0; i < plan.autosaves(); i++) {
                long start = System.nanoTime();
                store.drafts().autosave(editing, new DraftEdit(draft(random), Map.of("subjective", SectionOrigin.AI_EDITED)));
                store.drafts().flushAutosaves();
                saves[i] = (System.nanoTime() - start) / 1e6;
            }
            result.set("autosave_commit_ms", percentiles(saves));
            result.put("autosave_note", "autosave + immediate flush, synchronous=NORMAL (the timer adds up to 1 s)");

            double[] signs = new double[plan.signs()];
            for (int i = 0; i < plan.signs(); i++) {
                String id = encounterIds.get(1 + i);
                long start = System.nanoTime();
                store.signedRecords().sign(id, clinicianOf(store));
                signs[i] = (System.nanoTime() - start) / 1e6;
            }
            result.set("sign_ms", percentiles(signs));

            if (plan.backup()) {
                progress.progress("bench.backup", 0.9);
                long start = System.nanoTime();
                var info = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
                result.put("backup_ms", round((System.nanoTime() - start) / 1e6));
                result.put("backup_bytes", info.manifest().sizeBytes());
                result.put("backup_note", "verify live (integrity_check, audit chain, every signed record and "
                        + "version decrypted and hashed) + VACUUM INTO + verify copy + SHA-256");
            }
        }
        return result;
    }

    private static String clinicianOf(EncounterStore store) {
        return store.patients().clinicians().get(0).id();
    }

    /** Fills the store to the planned size in large transactions, encrypting and auditing like the API. */
    private static int bulkLoad(EncounterStore store, Plan plan, Random random, String clinicianId,
                                List<String[]> patients, List<String> encounterIds, ProgressListener progress) {
        int remaining = plan.encounters() - encounterIds.size();
        int batch = 2_000;
        int done = 0;
        var cipher = store.cipher();
        var blind = store.blindIndex();
        var audit = store.auditLog();
        while (done < remaining) {
            int size = Math.min(batch, remaining - done);
            List<String[]> newPatients = new ArrayList<>();
            List<String[]> newEncounters = new ArrayList<>();
            store.database().write(Durability.NORMAL, c -> {
                String now = Timestamps.format(Instant.now());
                try (PreparedStatement patient = c.prepareStatement(
                        "INSERT INTO patients (id, mrn_index, mrn, name, birth_date, sex, created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement encounter = c.prepareStatement(
                             "INSERT INTO encounters (id, patient_id, clinician_id, started_at, title, created_at, "
                                     + "updated_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN')");
                     PreparedStatement source = c.prepareStatement(
                             "INSERT INTO sources (id, encounter_id, position, kind, label, content, media_type, "
                                     + "added_by, added_at) VALUES (?, ?, 1, 'NOTE', NULL, ?, 'text/plain', ?, ?)");
                     PreparedStatement version = c.prepareStatement(
                             "INSERT INTO draft_versions (id, encounter_id, version_no, kind, template_id, "
                                     + "template_version, language, author_kind, content, content_sha256, created_at) "
                                     + "VALUES (?, ?, 1, 'AI_GENERATION', 'soap-en', '1', 'en', 'AI', ?, ?, ?)")) {
                    String patientId = null;
                    for (int i = 0; i < size; i++) {
                        if (patientId == null || (encounterIds.size() + newEncounters.size()) % plan.encountersPerPatient() == 0) {
                            patientId = UUID.randomUUID().toString();
                            String name = name(random);
                            String mrn = "MRN" + (1_000_000 + patients.size() + newPatients.size());
                            patient.setString(1, patientId);
                            patient.setBytes(2, blind.recordNumber(mrn));
                            patient.setBytes(3, cipher.encrypt("patients", "mrn", patientId, mrn));
                            patient.setBytes(4, cipher.encrypt("patients", "name", patientId, name));
                            patient.setBytes(5, cipher.encrypt("patients", "birth_date", patientId, "1980-05-05"));
                            patient.setBytes(6, cipher.encrypt("patients", "sex", patientId, "M"));
                            patient.setString(7, now);
                            patient.setString(8, now);
                            patient.executeUpdate();
                            store.seal(c, "patients", patientId);
                            newPatients.add(new String[] {patientId, name, mrn});
                            audit.append(c, new AuditEvent("SYSTEM", null, AuditAction.PATIENT_CREATED,
                                    AuditEvent.Outcome.SUCCESS, patientId, "patient", patientId, "{}"));
                        }
                        String encounterId = UUID.randomUUID().toString();
                        String started = Timestamps.format(Instant.now().minusSeconds(random.nextInt(3 * 365 * 86400)));
                        encounter.setString(1, encounterId);
                        encounter.setString(2, patientId);
                        encounter.setString(3, clinicianId);
                        encounter.setString(4, started);
                        encounter.setBytes(5, cipher.encrypt("encounters", "title", encounterId, complaint(random)));
                        encounter.setString(6, now);
                        encounter.setString(7, now);
                        encounter.executeUpdate();
                        store.seal(c, "encounters", encounterId);
                        String sourceId = UUID.randomUUID().toString();
                        source.setString(1, sourceId);
                        source.setString(2, encounterId);
                        source.setBytes(3, cipher.encrypt("sources", "content", sourceId, note(random)));
                        source.setString(4, clinicianId);
                        source.setString(5, now);
                        source.executeUpdate();
                        store.seal(c, "sources", sourceId);
                        String versionId = UUID.randomUUID().toString();
                        String content = CanonicalJson.canonicalise(draft(random));
                        version.setString(1, versionId);
                        version.setString(2, encounterId);
                        version.setBytes(3, cipher.encrypt("draft_versions", "content", versionId, content));
                        version.setString(4, CanonicalJson.sha256(content));
                        version.setString(5, now);
                        version.executeUpdate();
                        newEncounters.add(new String[] {encounterId, patientId, started});
                        audit.append(c, new AuditEvent("SYSTEM", null, AuditAction.ENCOUNTER_CREATED,
                                AuditEvent.Outcome.SUCCESS, patientId, "encounter", encounterId, "{}"));
                    }
                }
                return null;
            });
            patients.addAll(newPatients);
            for (String[] e : newEncounters) {
                encounterIds.add(e[0]);
            }
            done += size;
            progress.progress("bench.bulk", (double) done / remaining);
        }
        return done;
    }

    private static ObjectNode percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("n", sorted.length);
        if (sorted.length == 0) {
            return node;
        }
        node.put("p50", round(sorted[(int) Math.floor(0.50 * (sorted.length - 1))]));
        node.put("p95", round(sorted[(int) Math.floor(0.95 * (sorted.length - 1))]));
        node.put("max", round(sorted[sorted.length - 1]));
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    private static String name(Random random) {
        return FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]
                + (char) ('A' + random.nextInt(26));
    }

    private static String complaint(Random random) {
        return COMPLAINTS[random.nextInt(COMPLAINTS.length)] + " for " + (1 + random.nextInt(14)) + " days";
    }

    private static String note(Random random) {
        StringBuilder text = new StringBuilder(1200);
        while (text.length() < 1000) {
            text.append("Patient reports ").append(COMPLAINTS[random.nextInt(COMPLAINTS.length)])
                    .append(" since ").append(1 + random.nextInt(10)).append(" days; no fever; vitals stable. ");
        }
        return text.toString();
    }

    private static String draft(Random random) {
        ObjectNode draft = MAPPER.createObjectNode();
        draft.put("template", "soap-en");
        draft.put("language", "en");
        ArrayNode sections = draft.putArray("sections");
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("subjective", "Subjective");
        titles.put("objective", "Objective");
        titles.put("assessment", "Assessment");
        titles.put("plan", "Plan");
        titles.forEach((id, title) -> {
            ObjectNode section = sections.addObject();
            section.put("id", id);
            section.put("title", title);
            ArrayNode statements = section.putArray("statements");
            for (int i = 0; i < 3; i++) {
                ObjectNode statement = statements.addObject();
                statement.put("text", "The patient has " + COMPLAINTS[random.nextInt(COMPLAINTS.length)]
                        + " of " + (1 + random.nextInt(10)) + " days, improving with rest and fluids.");
                statement.putArray("evidence").add(random.nextInt(1000));
            }
        });
        draft.putArray("flags");
        draft.putObject("provenance").put("model", "bench");
        draft.putObject("timings").put("total_ms", 1000 + random.nextInt(1000));
        return draft.toString();
    }
}
