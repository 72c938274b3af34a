package org.medscribe.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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

    private RecordJson() {
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
}
