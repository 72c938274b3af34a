package org.medscribe.draft.ui;

import java.util.List;
import org.medscribe.common.CancellationToken;
import org.medscribe.inference.FinishReason;
import org.medscribe.record.Flag;
import org.medscribe.record.Statement;
import org.medscribe.ui.MessageKey;

/**
 * Drafting as the record screen needs it. The composition root adapts the drafting service to it.
 * {@link #draft} blocks (minutes on a CPU): call it on the inference executor. Events arrive on the
 * engine's thread.
 */
public interface RecordDrafting {

    /** The record templates to pick from (SOAP, 门诊病历). */
    List<Template> templates();

    /**
     * Drafts a record of {@code templateId} from {@code sources}. Cancelling keeps what was drafted:
     * the result then has {@link FinishReason#CANCELLED}.
     *
     * @throws org.medscribe.common.MedScribeException for input refused before generation, an engine
     *         failure or crash ({@code EngineCrashedException})
     */
    Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel);

    /** A template and its sections, titled in the record's language. */
    record Template(String id, String title, String language, List<SectionSpec> sections) {
    }

    record SectionSpec(String id, String title, boolean required) {
    }

    /** A source as the model sees it. */
    record SourceText(String id, String label, String text) {
    }

    /**
     * A finished section: the draft's statements with their evidence, or not documented.
     *
     * @param flags fact-check flags on its statements ({@link Flag#statement()} indexes {@code statements})
     */
    record Section(String id, List<Statement> statements, List<Flag> flags, boolean notDocumented) {

        public Section {
            statements = List.copyOf(statements);
            flags = List.copyOf(flags);
        }

        public Section(String id, List<Statement> statements, boolean notDocumented) {
            this(id, statements, List.of(), notDocumented);
        }

        /** The flags on statement {@code index}, as messages. */
        public List<MessageKey> flagsOn(int index) {
            return flags.stream().filter(flag -> flag.statement() != null && flag.statement() == index)
                    .map(RecordDrafting::message).toList();
        }
    }

    /**
     * What goes between {@code before} and the next statement when a section's statements run on as
     * prose: nothing at the start or after a Chinese sentence end (full-width punctuation takes no
     * space after it), else a space.
     */
    static String spaceAfter(CharSequence before) {
        if (before.length() == 0) {
            return "";
        }
        char last = before.charAt(before.length() - 1);
        return last == '。' || last == '；' || last == '！' || last == '？' ? "" : " ";
    }

    /** A fact-check flag as the doctor reads it. */
    static MessageKey message(Flag flag) {
        return new MessageKey(flag.messageKey(), flag.args().toArray());
    }

    /**
     * The whole draft.
     *
     * @param flags      fact-check flags on a whole section or the whole record (no statement)
     * @param provenance how it was made (model, parameters, timings), to keep with the version; null
     *                   when the drafting cannot tell
     */
    record Result(List<Section> sections, List<Flag> flags, FinishReason finishReason, double tokensPerSecond,
                  Provenance provenance) {

        public Result(List<Section> sections, List<Flag> flags, FinishReason finishReason, double tokensPerSecond) {
            this(sections, flags, finishReason, tokensPerSecond, null);
        }
    }

    /**
     * How a draft was made, as JSON for the encounter store's version row (none holds patient text).
     *
     * @param templateVersion the template's version
     * @param modelJson       model file, name, hash, engine and app versions
     * @param parametersJson  sampling and extraction parameters
     * @param timingsJson     where the time went
     */
    record Provenance(String templateVersion, String modelJson, String parametersJson, String timingsJson) {
    }

    /** Streaming callbacks; called on the engine's thread, so implementations only buffer. */
    interface Events {
        /** The model began writing {@code sectionId}. */
        void sectionStarted(String sectionId);

        /**
         * Text of the section being written (for a live preview), as it streams: pieces that run on
         * (the caller puts any space between them). The finished section replaces it.
         */
        void sectionText(String sectionId, String piece);

        /** {@code section} is complete and checked. */
        void sectionDone(Section section);

        /** {@code count} more tokens were generated (for tokens per second). */
        void tokens(int count);

        /** The current phase (a message key) and its progress 0..1, or negative when unknown. */
        default void phase(String phaseKey, double fraction) {
        }

        /** A long encounter is read in {@code count} parts; part {@code index} (from 1) begins. */
        default void part(int index, int count) {
        }
    }
}
