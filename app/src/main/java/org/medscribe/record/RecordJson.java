package org.medscribe.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * The record's one JSON form, used only where a record leaves the process (the store, files, CLI
 * output); inside it the record travels as Java objects. Drafts, templates and suggestions follow
 * the same conventions: snake_case names, records, no surprises (see docs/draft-format.md).
 *
 * <p>A {@link KeptRecord} is written as {@code template}, {@code language}, {@code sections[]} with
 * {@code id}, {@code title}, {@code text} as shown, {@code status} (drafted / edited /
 * not_documented), {@code edited}, {@code not_documented}, {@code ai_written} and, for a section the
 * doctor left alone, the draft's {@code statements} with their evidence verdicts; plus
 * {@code note_draft}, the note typed since its last save point (only in the working draft).
 *
 * <p>{@link #readFile} reads a record file the way {@code bin/medscribe qc} and {@code export} take
 * it: this form, drafts, signed records and near shapes from other systems (see {@link RecordFile}).
 * Stateless and thread-safe.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Newer writers may add fields; an older reader keeps what it understands.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Record files nest a few levels; a deeper file is not a record (and must not exhaust the stack). */
    private static final ObjectMapper FILES = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build()).build();
    private static final int MAX_SECTIONS = 200;
    private static final int MAX_STATEMENTS = 5_000;

    private RecordJson() {
    }

    /** A file that is JSON but not a record; {@link #getMessage()} says what is wrong, in English. */
    public static final class NotARecord extends IOException {
        NotARecord(String what) {
            super(what);
        }
    }

    /** A shared, thread-safe mapper (do not reconfigure it; copy it if you need other settings). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A kept record read back, with the note draft if the working draft held one (else null). */
    public record Kept(KeptRecord record, String noteDraft) {
    }

    /** The record as kept JSON (compact); {@code noteDraft} (may be null) is the note not yet kept as a source. */
    public static String write(KeptRecord record, String noteDraft) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("template", record.template());
        if (record.language() != null) {
            root.put("language", record.language());
        }
        ArrayNode sections = root.putArray("sections");
        for (RecordSection section : record.sections()) {
            ObjectNode node = sections.addObject();
            node.put("id", section.id());
            if (section.title() != null) {
                node.put("title", section.title());
            }
            node.put("text", section.text());
            node.put("status", section.status());
            node.put("edited", section.editedByDoctor());
            node.put("not_documented", section.notDocumented());
            node.put("ai_written", section.aiWritten());
            if (!section.editedByDoctor() && !section.statements().isEmpty()) {
                ArrayNode statements = node.putArray("statements");
                for (Statement statement : section.statements()) {
                    ObjectNode s = statements.addObject();
                    s.put("text", statement.text());
                    s.put("supported", statement.supported());
                    if (statement.unsupportedReason() != null) {
                        s.put("unsupported_reason", statement.unsupportedReason().messageKey());
                    }
                    ArrayNode evidence = s.putArray("evidence");
                    for (Evidence span : statement.evidence()) {
                        evidence.addObject().put("source", span.source()).put("start", span.start())
                                .put("end", span.end());
                    }
                }
            }
        }
        if (noteDraft != null) {
            root.put("note_draft", noteDraft);
        }
        return root.toString();
    }

    /**
     * Reads the JSON of {@link #write} (also the earlier forms without titles, statements or origin).
     *
     * @throws MedScribeException FAILED {@code encounters.error.unreadableDraft} for JSON that does not parse
     */
    public static Kept read(String json, String defaultTemplate) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "encounters.error.unreadableDraft");
        }
        List<RecordSection> sections = new ArrayList<>();
        for (JsonNode node : tree.path("sections")) {
            String text = node.path("text").asText("");
            boolean edited = node.path("edited").asBoolean();
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : node.path("statements")) {
                List<Evidence> evidence = new ArrayList<>();
                for (JsonNode e : s.path("evidence")) {
                    int start = e.path("start").asInt(-1);
                    int end = e.path("end").asInt(-1);
                    if (start >= 0 && end >= start) {
                        evidence.add(Evidence.span(e.path("source").asText(), start, end));
                    }
                }
                statements.add(Statement.kept(s.path("text").asText(""), s.path("supported").asBoolean(true),
                        UnsupportedReason.named(s.hasNonNull("unsupported_reason")
                                ? s.get("unsupported_reason").asText() : null), evidence));
            }
            boolean aiWritten = node.has("ai_written") ? node.path("ai_written").asBoolean()
                    : !edited && !text.isEmpty();
            sections.add(new RecordSection(node.path("id").asText(),
                    node.hasNonNull("title") ? node.get("title").asText() : null, text, edited,
                    node.path("not_documented").asBoolean(), aiWritten, statements));
        }
        return new Kept(new KeptRecord(tree.path("template").asText(defaultTemplate),
                tree.hasNonNull("language") ? tree.get("language").asText() : null, sections),
                tree.hasNonNull("note_draft") ? tree.get("note_draft").asText() : null);
    }

    /**
     * The kept JSON without its note draft: what is signed and what becomes a version. The rest stays
     * as it was written (a signature's hash is taken over it).
     *
     * @throws MedScribeException FAILED {@code encounters.error.unreadableDraft} for JSON that is no kept record
     */
    public static String withoutNoteDraft(String json) {
        try {
            if (MAPPER.readTree(json) instanceof ObjectNode tree) {
                tree.remove("note_draft");
                return tree.toString();
            }
            throw new MedScribeException(Category.FAILED, "encounters.error.unreadableDraft");
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "encounters.error.unreadableDraft");
        }
    }

    /**
     * Reads a record file, tolerantly: unknown fields are ignored; the record may be wrapped in
     * {@code {"record": …}} or {@code {"draft": …}}; {@code sections} may be a list or an object keyed by
     * id whose values are sections or plain strings; a statement may be a string; snake_case and
     * camelCase names and a few other names (heading, content, dob, mrn…) are accepted.
     *
     * @throws NotARecord JSON that is no record (not an object, too many sections or statements)
     * @throws IOException the stream could not be read or is not JSON
     */
    public static RecordFile readFile(InputStream json) throws IOException {
        return readFile(FILES.readTree(json));
    }

    /** {@link #readFile(InputStream)} of a text. */
    public static RecordFile readFile(String json) throws IOException {
        return readFile(FILES.readTree(json));
    }

    private static RecordFile readFile(JsonNode root) throws NotARecord {
        if (root == null || !root.isObject()) {
            throw new NotARecord("not a JSON object");
        }
        JsonNode record = root;
        for (String wrapper : new String[] {"record", "draft"}) {
            if (!record.has("sections") && record.path(wrapper).isObject()) {
                record = record.get(wrapper);
            }
        }
        JsonNode patient = record.path("patient");
        return new RecordFile(text(record, "template"), text(record, "template_version"), text(record, "title"),
                text(record, "language"), text(record, "status"),
                new RecordFile.Patient(text(patient, "name"), text(patient, "sex"),
                        text(patient, "birth_date", "birthDate", "dob"), text(patient, "age"),
                        text(patient, "mrn", "medical_record_number", "id")),
                text(record, "encounter_date", "encounterDate", "date"), sections(record.get("sections")),
                signature(record));
    }

    private static List<RecordFile.Section> sections(JsonNode node) throws NotARecord {
        if (node == null || !node.isContainerNode()) {
            return null;
        }
        List<RecordFile.Section> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isObject()) {
                    out.add(section(element, text(element, "id", "section")));
                }
            }
        } else {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    out.add(new RecordFile.Section(entry.getKey(), null, null, value.asText(), List.of()));
                } else if (value.isObject()) {
                    out.add(section(value, entry.getKey()));
                }
            }
        }
        if (out.size() > MAX_SECTIONS) {
            throw new NotARecord("more than " + MAX_SECTIONS + " sections");
        }
        return out;
    }

    private static RecordFile.Section section(JsonNode node, String id) throws NotARecord {
        List<RecordFile.Line> lines = new ArrayList<>();
        JsonNode statements = node.get("statements");
        if (statements != null && statements.isArray()) {
            if (statements.size() > MAX_STATEMENTS) {
                throw new NotARecord("more than " + MAX_STATEMENTS + " statements in a section");
            }
            for (JsonNode statement : statements) {
                String text = statement.isTextual() ? statement.asText() : text(statement, "text");
                if (text != null && !text.isBlank()) {
                    JsonNode supported = statement.get("supported");
                    lines.add(new RecordFile.Line(text, supported != null && supported.isBoolean() ? supported.asBoolean()
                            : null, text(statement, "unsupported_reason"), evidence(statement.get("evidence"))));
                }
            }
        }
        String plain = null;
        for (String name : new String[] {"text", "content", "body"}) {
            if (plain == null && node.path(name).isTextual()) {
                plain = node.get(name).asText();
            }
        }
        return new RecordFile.Section(id, text(node, "title", "heading", "name"), text(node, "status"), plain, lines);
    }

    private static List<Evidence> evidence(JsonNode node) {
        List<Evidence> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode e : node) {
                if (e.isObject()) {
                    out.add(new Evidence(text(e, "source"), Evidence.segmentNumber(text(e, "segment")),
                            e.path("start").asInt(-1), e.path("end").asInt(-1), text(e, "quote"),
                            e.path("matched").asBoolean(true)));
                }
            }
        }
        return out;
    }

    private static RecordFile.Signature signature(JsonNode record) {
        JsonNode node = record.path("signature");
        Integer version = integer(node.get("version"));
        if (version == null) {
            version = integer(record.get("version"));
        }
        String hash = text(node, "content_hash", "contentHash");
        if (hash == null) {
            hash = text(record, "content_hash", "contentHash");
        }
        String signer = text(node, "signer", "signed_by", "signedBy");
        String signedAt = text(node, "signed_at", "signedAt");
        if (signer == null && signedAt == null && version == null && hash == null) {
            return null;
        }
        return new RecordFile.Signature(signer, signedAt, version, hash);
    }

    /** The first of {@code names} that holds a non-blank scalar, stripped; null when none does. */
    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node == null ? null : node.get(name);
            if (value != null && !value.isNull() && !value.isContainerNode() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return null;
    }

    private static Integer integer(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToInt()) {
            return value.asInt();
        }
        try {
            return Integer.valueOf(value.asText().strip());
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }
}
