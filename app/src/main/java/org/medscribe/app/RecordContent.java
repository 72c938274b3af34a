package org.medscribe.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.review.ui.Encounters;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.record.Evidence;

/**
 * The desktop's record as JSON: what the store keeps as the working draft and as each version, and
 * what quality control reads. It follows the drafting contract that {@code RecordReader} and the
 * export read: {@code template}, {@code language}, {@code sections[]} with {@code id},
 * {@code title}, {@code text} as shown, {@code status} (drafted / edited / not_documented) and, for
 * a section the doctor left alone, the draft's {@code statements} with their evidence verdicts.
 * Besides: {@code edited}, {@code not_documented}, {@code ai_written} per section, and
 * {@code note_draft}, the note typed since its last save point (only in the working draft). Stateless.
 */
final class RecordContent {

    static final ObjectMapper JSON = new ObjectMapper();

    private RecordContent() {
    }

    /** The record as JSON; {@code noteDraft} (may be null) is the note not yet kept as a source. */
    static String toJson(Encounters.Content content, String noteDraft) {
        ObjectNode root = JSON.createObjectNode();
        root.put("template", content.templateId());
        if (content.language() != null) {
            root.put("language", content.language());
        }
        ArrayNode sections = root.putArray("sections");
        for (Encounters.Section section : content.sections()) {
            ObjectNode node = sections.addObject();
            node.put("id", section.id());
            if (section.title() != null) {
                node.put("title", section.title());
            }
            node.put("text", section.text());
            node.put("status", section.text().isBlank() ? "not_documented"
                    : section.editedByDoctor() || !section.aiWritten() ? "edited" : "drafted");
            node.put("edited", section.editedByDoctor());
            node.put("not_documented", section.notDocumented());
            node.put("ai_written", section.aiWritten());
            if (!section.editedByDoctor() && !section.statements().isEmpty()) {
                ArrayNode statements = node.putArray("statements");
                for (Encounters.Statement statement : section.statements()) {
                    ObjectNode s = statements.addObject();
                    s.put("text", statement.text());
                    s.put("supported", statement.supported());
                    if (statement.unsupportedReasonKey() != null) {
                        s.put("unsupported_reason", statement.unsupportedReasonKey());
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
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** A saved record read back: the sections, and the note draft if the working draft held one (else null). */
    record Read(String templateId, String language, List<Encounters.Section> sections, String noteDraft) {
    }

    /** Reads the JSON of {@link #toJson} (also the earlier form without titles, statements or origin). */
    static Read read(String json, String defaultTemplate) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "encounters.error.unreadableDraft");
        }
        List<Encounters.Section> sections = new ArrayList<>();
        for (JsonNode node : tree.path("sections")) {
            String text = node.path("text").asText("");
            boolean edited = node.path("edited").asBoolean();
            List<Encounters.Statement> statements = new ArrayList<>();
            for (JsonNode s : node.path("statements")) {
                List<Evidence> evidence = new ArrayList<>();
                for (JsonNode e : s.path("evidence")) {
                    int start = e.path("start").asInt(-1);
                    int end = e.path("end").asInt(-1);
                    if (start >= 0 && end >= start) {
                        evidence.add(Evidence.span(e.path("source").asText(), start, end));
                    }
                }
                statements.add(new Encounters.Statement(s.path("text").asText(""), s.path("supported").asBoolean(true),
                        s.hasNonNull("unsupported_reason") ? s.get("unsupported_reason").asText() : null, evidence));
            }
            boolean aiWritten = node.has("ai_written") ? node.path("ai_written").asBoolean()
                    : !edited && !text.isEmpty();
            sections.add(new Encounters.Section(node.path("id").asText(),
                    node.hasNonNull("title") ? node.get("title").asText() : null, text, edited,
                    node.path("not_documented").asBoolean(), aiWritten, statements));
        }
        return new Read(tree.path("template").asText(defaultTemplate),
                tree.hasNonNull("language") ? tree.get("language").asText() : null, sections,
                tree.hasNonNull("note_draft") ? tree.get("note_draft").asText() : null);
    }

    /**
     * Who wrote each section: the AI (drafted, untouched), the AI then the doctor, or the doctor
     * alone (typed into a section the draft left empty).
     */
    static Map<String, SectionOrigin> origins(Encounters.Content content) {
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        for (Encounters.Section section : content.sections()) {
            origins.put(section.id(), !section.editedByDoctor() ? SectionOrigin.AI
                    : section.aiWritten() ? SectionOrigin.AI_EDITED : SectionOrigin.HUMAN);
        }
        return origins;
    }
}
