package org.medscribe.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * What export needs of a medical record, read from the record JSON that drafting and signing write
 * (see {@code docs/export.md}). Tolerant: unknown fields are ignored, snake_case and camelCase names
 * are both accepted, a section may carry {@code statements[].text} or a plain {@code text}.
 * Immutable.
 *
 * @param template template id, e.g. {@code outpatient-zh}
 * @param title the record's title ("门诊病历"), or null to derive it from the language
 * @param language {@code zh} or {@code en} (from the template, not the UI)
 * @param status draft or signed; a record without a known status is a draft
 * @param patient patient block, fields may be null
 * @param encounterDate date of the encounter as written, or null
 * @param sections the record's sections in order
 * @param signature who signed and when, null for a draft
 */
public record RecordDocument(String template, String title, String language, Status status, Patient patient,
        String encounterDate, List<Section> sections, Signature signature) {

    /** Draft (watermarked when exported) or signed. */
    public enum Status { DRAFT, SIGNED }

    public record Patient(String name, String sex, String birthDate, String age, String mrn) {
        public static Patient empty() {
            return new Patient(null, null, null, null, null);
        }
    }

    /** One section: its heading and its text (statements joined into paragraphs). */
    public record Section(String id, String title, String text) {
        public Section {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * @param signer the signing clinician's name
     * @param signedAt when, as written (ISO-8601 expected)
     * @param version record version, or null
     * @param contentHash hash of the signed content as the signing feature wrote it, or null
     * @param amendmentReason why this version amends the one before it, or null (an original record)
     */
    public record Signature(String signer, String signedAt, Integer version, String contentHash,
                            String amendmentReason) {

        public Signature(String signer, String signedAt, Integer version, String contentHash) {
            this(signer, signedAt, version, contentHash, null);
        }

        /** An amendment: a version after the first, or one given with its reason. */
        public boolean amendment() {
            return amendmentReason != null || version != null && version > 1;
        }
    }

    private static final java.util.regex.Pattern LIST_ITEM =
            java.util.regex.Pattern.compile("(?:\\d{1,2}\\s*[.、)．]|[(（]\\d{1,2}[)）]|[-•·]\\s)");

    public RecordDocument {
        Objects.requireNonNull(status, "status");
        patient = patient == null ? Patient.empty() : patient;
        sections = List.copyOf(sections);
        language = language == null || language.isBlank() ? "en" : language;
    }

    /** True for a Chinese record (zh, zh-CN, zh_Hans...). */
    public boolean chinese() {
        return language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    public Locale locale() {
        return chinese() ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    }

    public static RecordDocument read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException unreadable) {
            throw new MedScribeException(Category.BAD_INPUT, unreadable, "export.record.unreadable",
                    String.valueOf(file.getFileName()));
        }
    }

    public static RecordDocument read(InputStream json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException malformed) {
            throw new MedScribeException(Category.BAD_INPUT, malformed, "export.record.invalid");
        }
        if (root == null || !root.isObject()) {
            throw new MedScribeException(Category.BAD_INPUT, "export.record.invalid");
        }
        JsonNode record = root.has("record") && root.get("record").isObject() ? root.get("record") : root;
        Signature signature = signature(record);
        String status = text(record, "status");
        Status parsed = "signed".equalsIgnoreCase(status) && signature != null ? Status.SIGNED : Status.DRAFT;
        List<Section> sections = new ArrayList<>();
        JsonNode sectionNodes = record.path("sections");
        if (!sectionNodes.isArray() || sectionNodes.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "export.record.no.sections");
        }
        String language = text(record, "language");
        boolean chinese = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
        for (JsonNode section : sectionNodes) {
            sections.add(new Section(text(section, "id"), firstText(section, "title", "heading", "name"),
                    sectionText(section, chinese)));
        }
        JsonNode patient = record.path("patient");
        return new RecordDocument(text(record, "template"), text(record, "title"), language, parsed,
                new Patient(text(patient, "name"), text(patient, "sex"), firstText(patient, "birth_date", "birthDate", "dob"),
                        text(patient, "age"), firstText(patient, "mrn", "medical_record_number", "id")),
                firstText(record, "encounter_date", "encounterDate", "date"), sections, signature);
    }

    private static Signature signature(JsonNode record) {
        JsonNode node = record.path("signature");
        Integer version = integer(node, "version");
        if (version == null) {
            version = integer(record, "version");
        }
        String hash = firstText(node, "content_hash", "contentHash");
        if (hash == null) {
            hash = firstText(record, "content_hash", "contentHash");
        }
        String signer = firstText(node, "signer", "signed_by", "signedBy");
        String signedAt = firstText(node, "signed_at", "signedAt");
        if (signer == null && signedAt == null && version == null && hash == null) {
            return null;
        }
        return new Signature(signer, signedAt, version, hash);
    }

    private static String sectionText(JsonNode section, boolean chinese) {
        JsonNode statements = section.path("statements");
        if (statements.isArray() && !statements.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode statement : statements) {
                String sentence = statement.isTextual() ? statement.asText() : text(statement, "text");
                if (sentence == null || sentence.isBlank()) {
                    continue;
                }
                sentence = sentence.strip();
                if (text.length() > 0) {
                    // Numbered items ("1. …", "2、…", "(3) …") each start a line; sentences run on.
                    if (LIST_ITEM.matcher(sentence).lookingAt()) {
                        text.append('\n');
                    } else if (!chinese) {
                        text.append(' ');
                    }
                }
                text.append(sentence);
            }
            return text.toString();
        }
        String text = firstText(section, "text", "content", "body");
        return text == null ? "" : text.strip();
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text.strip();
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
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
