package org.medscribe.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordFile;
import org.medscribe.record.RecordJson;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;

/**
 * Reads a record into a {@link RecordUnderReview}: the desktop's {@link KeptRecord} as it is, or a
 * record file as {@link RecordJson#readFile} reads it (the draft contract: {@code template},
 * {@code language}, {@code sections[]} with {@code id}, {@code title}, {@code status},
 * {@code statements[]} or a plain {@code text}; tolerant of near shapes). A missing template or
 * language is inferred. Stateless and thread-safe.
 */
public final class RecordReader {

    /** Larger than any real record; a bigger file is not a record. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    /**
     * @throws MedScribeException BAD_INPUT: {@code cli.error.fileNotFound}, {@code quality.error.recordTooLarge},
     *                            {@code quality.error.recordUnreadable}, {@code quality.error.recordInvalid}
     */
    public RecordUnderReview read(Path file) {
        return read(file, String.valueOf(file.getFileName()));
    }

    /** {@link #read(Path)}, naming the file {@code name} in error messages. */
    public RecordUnderReview read(Path file, String name) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", file.toString());
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new MedScribeException(Category.BAD_INPUT, "quality.error.recordTooLarge", name,
                        MAX_BYTES / (1024 * 1024));
            }
            return read(Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "cli.error.fileNotFound", file.toString());
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    /** Reads a record from a file's bytes already in memory (any JSON encoding); {@code name} names it in errors. */
    public RecordUnderReview read(byte[] bytes, String name) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return review(RecordJson.readFile(in), name);
        } catch (RecordJson.NotARecord e) {
            throw invalid(name, e.getMessage());
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    /** Reads a record from JSON text; {@code name} names it in error messages. */
    public RecordUnderReview read(String text, String name) {
        try {
            return review(RecordJson.readFile(text), name);
        } catch (RecordJson.NotARecord e) {
            throw invalid(name, e.getMessage());
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    private static RecordUnderReview review(RecordFile file, String name) {
        if (file.sections() == null) {
            throw invalid(name, "no sections");
        }
        List<ReviewedSection> sections = new ArrayList<>();
        for (RecordFile.Section section : file.sections()) {
            sections.add(section(section, name));
        }
        return review(orEmpty(file.template()), orEmpty(file.templateVersion()), RecordLanguage.parse(file.language()),
                sections);
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

    private static ReviewedSection section(RecordFile.Section section, String name) {
        String sectionId = section.id() != null ? section.id() : section.title();
        if (sectionId == null) {
            throw invalid(name, "a section without id or title");
        }
        String title = orEmpty(section.title());
        String status = orEmpty(section.status()).toLowerCase(Locale.ROOT);
        List<ReviewedStatement> drafted = new ArrayList<>();
        for (RecordFile.Line line : section.statements()) {
            drafted.add(new ReviewedStatement(line.text(), -1, -1, line.supported(), line.unsupportedReason(),
                    line.evidence()));
        }
        if (section.text() != null) {
            return plain(sectionId, title, section.text(), status, drafted);
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

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static MedScribeException invalid(String name, String what) {
        return new MedScribeException(Category.BAD_INPUT, "quality.error.recordInvalid", name, what);
    }
}
