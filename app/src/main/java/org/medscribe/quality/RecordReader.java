package org.medscribe.quality;

import org.medscribe.record.Evidence;
import org.medscribe.record.RecordLanguage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;

/**
 * Reads a record's JSON (the draft contract: {@code template}, {@code language}, {@code sections[]}
 * with {@code id}, {@code title}, {@code status}, {@code statements[]} or a plain {@code text}) into
 * a {@link RecordUnderReview}. Tolerant: unknown fields are ignored, a missing template or language
 * is inferred, a section may be a plain string, {@code sections} may be an object keyed by id, and
 * the record may be wrapped in {@code {"record": …}} (as a store export would). Stateless and
 * thread-safe.
 */
public final class RecordReader {

    /** Larger than any real record; a bigger file is not a record. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final int MAX_SECTIONS = 200;
    private static final int MAX_STATEMENTS = 5_000;

    private final ObjectMapper json;

    public RecordReader() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    /**
     * @throws MedScribeException BAD_INPUT: {@code cli.error.fileNotFound}, {@code quality.error.recordTooLarge},
     *                            {@code quality.error.recordUnreadable}, {@code quality.error.recordInvalid}
     */
    public RecordUnderReview read(Path file) {
        String name = String.valueOf(file.getFileName());
        try {
            if (!Files.isRegularFile(file)) {
                throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", file.toString());
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new MedScribeException(Category.BAD_INPUT, "quality.error.recordTooLarge", name,
                        MAX_BYTES / (1024 * 1024));
            }
            return read(json.readTree(file.toFile()), name);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        } catch (NoSuchFileException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "cli.error.fileNotFound", file.toString());
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    /** Reads a record from JSON text; {@code name} names it in error messages. */
    public RecordUnderReview read(String text, String name) {
        try {
            return read(json.readTree(text), name);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    /** Reads a record from a parsed JSON tree. */
    public RecordUnderReview read(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            throw invalid(name, "not a JSON object");
        }
        JsonNode record = root;
        for (String wrapper : new String[] {"record", "draft"}) {
            if (!record.has("sections") && record.path(wrapper).isObject()) {
                record = record.get(wrapper);
            }
        }
        return review(text(record, "template"), text(record, "template_version"),
                RecordLanguage.parse(text(record, "language")), sections(record.get("sections"), name));
    }

    /**
     * Reads the record the desktop holds, as Java objects: the same reading as its kept JSON (each
     * section's text as shown; the draft's statements keep their verdicts where the doctor left them).
     */
    public RecordUnderReview read(KeptRecord record) {
        List<ReviewedSection> sections = new ArrayList<>();
        for (RecordSection section : record.sections()) {
            String title = section.title() == null ? "" : section.title().strip();
            String id = section.id() == null || section.id().isBlank() ? title : section.id().strip();
            if (id.isEmpty()) {
                throw invalid("record", "a section without id or title");
            }
            List<ReviewedStatement> drafted = new ArrayList<>();
            if (!section.editedByDoctor()) {
                for (Statement statement : section.statements()) {
                    if (!statement.text().isBlank()) {
                        drafted.add(new ReviewedStatement(statement.text(), -1, -1, statement.supported(),
                                statement.unsupportedReason() == null ? null
                                        : statement.unsupportedReason().messageKey(), statement.evidence()));
                    }
                }
            }
            sections.add(plain(id, title, section.text(), section.status(), drafted));
        }
        return review(record.template() == null ? "" : record.template().strip(), "",
                RecordLanguage.parse(record.language()), sections);
    }

    private static RecordUnderReview review(String template, String templateVersion, RecordLanguage stated,
                                            List<ReviewedSection> sections) {
        RecordLanguage language = stated;
        if (language == null) {
            language = languageOf(template, sections);
        }
        if (template.isEmpty()) {
            template = language == RecordLanguage.ZH ? "outpatient-zh" : "soap-en";
        }
        return new RecordUnderReview(template, templateVersion, language, sections);
    }

    private List<ReviewedSection> sections(JsonNode node, String name) {
        List<ReviewedSection> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            throw invalid(name, "no sections");
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isObject()) {
                    out.add(section(element, text(element, "id"), name));
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    out.add(plain(entry.getKey(), "", value.asText(), null, List.of()));
                } else if (value.isObject()) {
                    out.add(section(value, entry.getKey(), name));
                }
            }
        } else {
            throw invalid(name, "sections is neither a list nor an object");
        }
        if (out.size() > MAX_SECTIONS) {
            throw invalid(name, "more than " + MAX_SECTIONS + " sections");
        }
        return out;
    }

    private ReviewedSection section(JsonNode node, String id, String name) {
        String sectionId = id.isEmpty() ? text(node, "section") : id;
        if (sectionId.isEmpty()) {
            sectionId = text(node, "title");
        }
        if (sectionId.isEmpty()) {
            throw invalid(name, "a section without id or title");
        }
        String title = text(node, "title");
        String status = text(node, "status").toLowerCase(Locale.ROOT);
        List<ReviewedStatement> drafted = new ArrayList<>();
        JsonNode statements = node.get("statements");
        if (statements != null && statements.isArray()) {
            if (statements.size() > MAX_STATEMENTS) {
                throw invalid(name, "more than " + MAX_STATEMENTS + " statements in a section");
            }
            for (JsonNode statement : statements) {
                String text = statement.isTextual() ? statement.asText() : text(statement, "text");
                if (!text.isBlank()) {
                    drafted.add(new ReviewedStatement(text, -1, -1, verdict(statement),
                            statement.isObject() && statement.hasNonNull("unsupported_reason")
                                    ? statement.get("unsupported_reason").asText() : null,
                            evidence(statement.get("evidence"))));
                }
            }
        }
        JsonNode plainText = node.get("text");
        if (plainText != null && plainText.isTextual()) {
            return plain(sectionId, title, plainText.asText(), status, drafted);
        }
        List<ReviewedStatement> located = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (ReviewedStatement statement : drafted) {
            if (joined.length() > 0) {
                joined.append('\n');
            }
            int start = joined.length();
            joined.append(statement.text());
            located.add(new ReviewedStatement(statement.text(), start, joined.length(), statement.supported(),
                    statement.unsupportedReason(), statement.evidence()));
        }
        SectionStatus sectionStatus = joined.isEmpty() || status.equals("not_documented")
                ? SectionStatus.NOT_DOCUMENTED : SectionStatus.DRAFTED;
        return new ReviewedSection(sectionId, title, sectionStatus, joined.toString(), located);
    }

    /**
     * A section given as plain text. Drafted statements that still appear in it, in order, keep
     * their evidence verdicts (the doctor left them alone); the rest of the text becomes sentences
     * without a verdict.
     */
    private static ReviewedSection plain(String id, String title, String text, String status,
                                         List<ReviewedStatement> drafted) {
        SectionStatus sectionStatus = text.isBlank() ? SectionStatus.NOT_DOCUMENTED
                : "drafted".equals(status) ? SectionStatus.DRAFTED : SectionStatus.EDITED;
        if (drafted.isEmpty()) {
            return new ReviewedSection(id, title, sectionStatus, text, Sentences.statementsOf(text));
        }
        List<ReviewedStatement> located = new ArrayList<>();
        int cursor = 0;
        for (ReviewedStatement statement : drafted) {
            int at = text.indexOf(statement.text(), cursor);
            if (at < 0) {
                continue;
            }
            for (ReviewedStatement between : Sentences.statementsOf(text.substring(cursor, at))) {
                located.add(shift(between, cursor));
            }
            located.add(new ReviewedStatement(statement.text(), at, at + statement.text().length(),
                    statement.supported(), statement.unsupportedReason(), statement.evidence()));
            cursor = at + statement.text().length();
        }
        for (ReviewedStatement rest : Sentences.statementsOf(text.substring(cursor))) {
            located.add(shift(rest, cursor));
        }
        return new ReviewedSection(id, title, sectionStatus, text, located);
    }

    private static ReviewedStatement shift(ReviewedStatement statement, int by) {
        return new ReviewedStatement(statement.text(), statement.start() + by, statement.end() + by,
                statement.supported(), statement.unsupportedReason(), statement.evidence());
    }

    private static Boolean verdict(JsonNode statement) {
        JsonNode supported = statement.get("supported");
        return supported != null && supported.isBoolean() ? supported.asBoolean() : null;
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

    private static RecordLanguage languageOf(String template, List<ReviewedSection> sections) {
        if (template.endsWith("-zh")) {
            return RecordLanguage.ZH;
        }
        if (template.endsWith("-en")) {
            return RecordLanguage.EN;
        }
        long han = 0;
        long letters = 0;
        for (ReviewedSection section : sections) {
            for (int i = 0; i < section.text().length(); i++) {
                char c = section.text().charAt(i);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    han++;
                } else if (Character.isLetter(c)) {
                    letters++;
                }
            }
        }
        // One Chinese character carries about as much as a short English word.
        return han * 3 >= letters && han > 0 ? RecordLanguage.ZH : RecordLanguage.EN;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText().strip();
    }

    private static MedScribeException invalid(String name, String what) {
        return new MedScribeException(Category.BAD_INPUT, "quality.error.recordInvalid", name, what);
    }
}
