package org.medscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.diagnosis.SuggestionRequest;
import org.medscribe.diagnosis.Suggestions;
import org.medscribe.record.RecordJson;
import org.medscribe.draft.DraftOptions;
import org.medscribe.draft.InputScreen;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.medscribe.draft.Segmenter;

/**
 * {@code medscribe suggest --model M --in FILE [--answers FILE]}: diagnostic suggestions for a note
 * or transcript, as JSON. With {@code --answers} (a JSON object of question → answer) the
 * suggestions are made again taking the doctor's answers into account.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true, description = "Diagnostic suggestions (differential, red flags, investigations, questions). Prints JSON.")
final class SuggestCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "GGUF model file")
    Path model;

    @Option(names = "--in", required = true, description = "the note or transcript (UTF-8 text)")
    Path in;

    @Option(names = "--answers", description = "JSON object: follow-up question -> the patient's answer")
    Path answers;

    @Option(names = "--language", description = "language of the suggestions: en or zh (default: the note's)")
    String language;

    @Option(names = "--out", description = "write the JSON here instead of stdout")
    Path out;

    @Option(names = "--context", defaultValue = "4096", description = "context window in tokens (default ${DEFAULT-VALUE})")
    int contextSize;

    @Option(names = "--seed", description = "sampling seed (default: random, recorded in the provenance)")
    Integer seed;

    private final CliContext context;

    SuggestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Source source = Segmenter.guess("note", ModelSession.readText(in));
        InputScreen.check(List.of(source));
        Map<String, String> answered = answers == null ? Map.of() : readAnswers(answers);
        RecordLanguage lang = null;
        if (language != null) {
            try {
                lang = RecordLanguage.fromCode(language);
            } catch (IllegalArgumentException e) {
                throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.language", language);
            }
        }
        DraftOptions options = seed == null ? DraftOptions.defaults() : DraftOptions.defaults().withSeed(seed);
        try (ModelSession session = ModelSession.open(context, model, contextSize)) {
            Suggestions suggestions = session.diagnosis().suggest(
                    new SuggestionRequest(List.of(source), answered, lang, options),
                    ModelSession.progressListener(context), CancellationToken.none());
            String json = RecordJson.mapper().writeValueAsString(suggestions);
            if (out != null) {
                ModelSession.write(out, json);
                context.err().println(context.messages().get("draft.cli.wrote", out.toString()));
            } else {
                context.out().println(json);
            }
        }
        context.out().flush();
        return MedScribeCommand.OK;
    }

    static Map<String, String> readAnswers(Path file) {
        String text = ModelSession.readText(file);
        JsonNode root;
        try {
            root = RecordJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.answersUnreadable", file.toString());
        }
        if (root == null || !root.isObject()) {
            throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.answersUnreadable", file.toString());
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getKey().isBlank()) {
                throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.answersUnreadable", file.toString());
            }
            answers.put(entry.getKey(), entry.getValue().asText());
        }
        return answers;
    }
}
