package org.medscribe.quality;

import java.util.List;
import java.util.Locale;
import org.medscribe.common.CancellationToken;
import org.medscribe.record.Evidence;
import org.medscribe.record.KeptRecord;

/**
 * Quality control as the screens need it (the Quality tab, signing). The composition root adapts
 * {@link org.medscribe.quality.QualityControl} to it and keeps each check's findings with the
 * encounter. Blocking: the rules take milliseconds (io executor); with the model a generation
 * (inference executor).
 */
public interface RecordQuality {

    /**
     * Checks the record: the rules and the checks against the sources always, the model review when
     * {@code withModel}. The findings are kept with {@code request.encounterId()} when there is one.
     *
     * @throws org.medscribe.common.MedScribeException BAD_INPUT for a record the checks cannot read;
     *         {@link org.medscribe.common.CancelledException} when cancelled
     */
    Report check(Request request, boolean withModel, CancellationToken cancel);

    /**
     * What to check.
     *
     * @param encounterId the open encounter, or null (findings are then not kept)
     * @param record      the record as the editor holds it (template, language, sections with their
     *                    text, status and the draft's statements with their evidence verdicts)
     * @param sources     the encounter's sources
     */
    record Request(String encounterId, KeptRecord record, List<Source> sources) {
    }

    /** A source of the encounter; its id is the one evidence spans name. */
    record Source(String id, String text) {
    }

    /** A text in both UI languages. */
    record Localized(String english, String chinese) {

        public String in(Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? chinese : english;
        }

        public String in(String languageCode) {
            return "zh".equals(languageCode) ? chinese : english;
        }
    }

    /**
     * One finding.
     *
     * @param rule          rule id ({@code plan.missing}, {@code model.contradiction})
     * @param severity      {@code critical}, {@code major} or {@code minor}
     * @param source        {@code rule} or {@code model}
     * @param sectionId     the record section it points at
     * @param sectionTitle  that section's title in the record's language
     * @param start         start of the span in the section's text as shown
     * @param end           end of the span (exclusive); equal to start for a missing section
     * @param message       what is wrong
     * @param fix           what to do
     * @param excerpt       the words the span covers, or null
     * @param detail        the model's explanation or the draft's reason, or null
     * @param evidence      where in the sources a model finding rests
     * @param quotes        the source words of each evidence span
     */
    record Finding(String rule, String severity, String source, String sectionId, String sectionTitle, int start,
                   int end, Localized message, Localized fix, String excerpt, Localized detail,
                   List<Evidence> evidence, List<String> quotes) {

        public Finding {
            evidence = List.copyOf(evidence);
            quotes = List.copyOf(quotes);
        }

        public boolean critical() {
            return "critical".equals(severity);
        }

        public boolean fromModel() {
            return "model".equals(source);
        }
    }

    /**
     * A check's outcome.
     *
     * @param recordLanguage  {@code en} or {@code zh}: the record's, whatever the UI's
     * @param score           0–100
     * @param grade           A, B or C
     * @param signingBlocked  a critical finding stands
     * @param modelStatusKey  message key of what the model review did, or null when it did not run
     */
    record Report(String recordLanguage, int score, String grade, int critical, int major, int minor,
                  boolean signingBlocked, List<Finding> findings, String modelStatusKey) {

        public Report {
            findings = List.copyOf(findings);
        }
    }
}
