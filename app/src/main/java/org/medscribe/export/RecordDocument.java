package org.medscribe.export;

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
import org.medscribe.record.RecordFile;
import org.medscribe.record.RecordJson;

/**
 * What export needs of a medical record: the record a file gives ({@link RecordJson#readFile}, the
 * JSON that drafting and signing write, see {@code docs/export.md}; a section's statements joined
 * into paragraphs, else its plain text) or a signed record from the store. Immutable.
 *
 * @param template template id, e.g. {@code outpatient-zh}
 * @param title the record's title ("门诊病历"), or null to derive it from the language
 * @param language {@code zh} or {@code en} (from the template, not the UI)
 * @param status draft or signed; a record without a known status is a draft
 * @param patient patient block, fields may be null
 * @param encounterDate date of the encounter as written, or null
 * @param sections the record's sections in order
 * @param signature who signed and when, null for a draft
 * @param visitType the kind of visit ({@code FIRST}, {@code FOLLOW_UP}, {@code EMERGENCY}, or as written), or null
 */
public record RecordDocument(String template, String title, String language, Status status, RecordFile.Patient patient,
        String encounterDate, List<Section> sections, RecordFile.Signature signature, String visitType) {

    public RecordDocument(String template, String title, String language, Status status, RecordFile.Patient patient,
                          String encounterDate, List<Section> sections, RecordFile.Signature signature) {
        this(template, title, language, status, patient, encounterDate, sections, signature, null);
    }

    /** Draft (watermarked when exported) or signed. */
    public enum Status { DRAFT, SIGNED }

    /** One section: its heading and its text (statements joined into paragraphs). */
    public record Section(String id, String title, String text) {
        public Section {
            Objects.requireNonNull(text, "text");
        }
    }

    private static final java.util.regex.Pattern LIST_ITEM =
            java.util.regex.Pattern.compile("(?:\\d{1,2}\\s*[.、)．]|[(（]\\d{1,2}[)）]|[-•·]\\s)");

    public RecordDocument {
        Objects.requireNonNull(status, "status");
        patient = patient == null ? RecordFile.Patient.empty() : patient;
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
        RecordFile file;
        try {
            file = RecordJson.readFile(json);
        } catch (IOException malformed) {
            throw new MedScribeException(Category.BAD_INPUT, malformed, "export.record.invalid");
        }
        if (file.sections() == null || file.sections().isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "export.record.no.sections");
        }
        Status status = "signed".equalsIgnoreCase(file.status()) && file.signature() != null ? Status.SIGNED : Status.DRAFT;
        boolean chinese = file.language() != null && file.language().toLowerCase(Locale.ROOT).startsWith("zh");
        List<Section> sections = new ArrayList<>();
        for (RecordFile.Section section : file.sections()) {
            sections.add(new Section(section.id(), section.title(), sectionText(section, chinese)));
        }
        return new RecordDocument(file.template(), file.title(), file.language(), status, file.patient(),
                file.encounterDate(), sections, file.signature());
    }

    /** The statements joined into paragraphs when the section has any, else its plain text. */
    private static String sectionText(RecordFile.Section section, boolean chinese) {
        if (!section.statements().isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (RecordFile.Line line : section.statements()) {
                String sentence = line.text().strip();
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
        return section.text() == null ? "" : section.text().strip();
    }
}
