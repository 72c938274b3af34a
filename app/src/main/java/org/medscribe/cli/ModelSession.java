package org.medscribe.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.diagnosis.DiagnosticService;
import org.medscribe.draft.DraftListener;
import org.medscribe.draft.DraftingService;
import org.medscribe.draft.InputScreen;
import org.medscribe.evidence.Segmenter;
import org.medscribe.record.Source;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.services.Services;

/**
 * The model and the drafting services for one command: the engine is opened here and only here,
 * so every command gets it the same way (the supervised worker: a native crash ends the worker,
 * not the command). Closing it stops the worker.
 */
final class ModelSession implements AutoCloseable {

    private final LanguageEngine engine;
    private final DraftingService drafting;
    private final DiagnosticService diagnosis;

    private ModelSession(LanguageEngine engine, Services services) {
        this.engine = engine;
        this.drafting = services.drafting(engine);
        this.diagnosis = services.diagnosis(engine, drafting);
    }

    /** Loads {@code model} with a context of {@code contextSize} tokens, reporting progress on stderr. */
    static ModelSession open(CliContext context, Path model, int contextSize) {
        if (!Files.isRegularFile(model)) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.modelMissing", model.toString());
        }
        Services services = context.services();
        LanguageEngine engine = services.engine();
        try {
            engine.load(EngineSettings.defaults(model.toAbsolutePath()).withContextSize(contextSize),
                    (phase, fraction) -> progress(context, phase, fraction), CancellationToken.none());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new ModelSession(engine, services);
    }

    DraftingService drafting() {
        return drafting;
    }

    DiagnosticService diagnosis() {
        return diagnosis;
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Progress lines on stderr: the phase, and the percentage when it is known (only when it changes). */
    static DraftListener progressListener(CliContext context) {
        return new DraftListener() {
            private String lastLine = "";

            @Override
            public void progress(String phaseKey, double fraction) {
                String line = fraction >= 0
                        ? context.messages().get("draft.cli.progress", context.messages().get(phaseKey), Math.round(fraction * 100))
                        : context.messages().get(phaseKey);
                if (!line.equals(lastLine)) {
                    lastLine = line;
                    context.err().println(line);
                    context.err().flush();
                }
            }

            @Override
            public void sectionCompleted(org.medscribe.record.DraftSection section) {
                context.err().println(context.messages().get("draft.cli.section", section.title()));
                context.err().flush();
            }
        };
    }

    private static void progress(CliContext context, String phase, double fraction) {
        context.err().println(fraction >= 0
                ? context.messages().get("draft.cli.progress", context.messages().get(phase), Math.round(fraction * 100))
                : context.messages().get(phase));
        context.err().flush();
    }

    /**
     * The note or transcript in {@code file} as the model's source, screened before the model loads.
     *
     * @throws MedScribeException BAD_INPUT when it cannot be read or is no note (empty, too long…)
     */
    static Source readNote(Path file) {
        Source source = Segmenter.given("note", readText(file), false);
        InputScreen.check(List.of(source));
        return source;
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @throws MedScribeException BAD_INPUT when it is missing, unreadable or not text (NUL bytes, invalid UTF-8)
     */
    static String readText(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.fileMissing", file.toString());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "draft.error.fileUnreadable", file.toString());
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new MedScribeException(Category.BAD_INPUT, "draft.error.notText", file.toString());
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.notText", file.toString());
        }
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "draft.error.outputUnwritable", file.toString());
        }
    }
}
