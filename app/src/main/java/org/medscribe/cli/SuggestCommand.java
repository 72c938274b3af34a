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
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medscribe suggest --model M --in FILE [--answers FILE]}: diagnostic suggestions for a note
 * or transcript, as JSON. With {@code --answers} (a JSON object of question → answer) the
 * suggestions are made again taking the doctor's answers into account.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true, description = "Diagnostic suggestions (differential, red flags, investigations, questions). Prints JSON.")
final class SuggestCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--in", required = true, description = "the note or transcript (UTF-8 text)")
    Path in;

    @Option(names = "--answers", description = "JSON object: follow-up question -> the patient's answer")
    Path answers;

    @Option(names = "--language", description = "language of the suggestions: en or zh (default: the note's)")
    String language;

    @Mixin
    JsonOutput output;

    @Mixin
    SeedOption seed;

    private final CliContext context;

    SuggestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Source source = ModelSession.readNote(in);
        Map<String, String> answered = answers == null ? Map.of() : readAnswers(answers);
        RecordLanguage lang = null;
        if (language != null) {
            try {
                lang = RecordLanguage.fromCode(language);
            } catch (IllegalArgumentException e) {
                throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.language", language);
            }
        }
        try (ModelSession session = model.open(context)) {
            Suggestions suggestions = session.diagnosis().suggest(
                    new SuggestionRequest(List.of(source), answered, lang, seed.draftOptions()),
                    ModelSession.progressListener(context), CancellationToken.none());
            output.print(context, RecordJson.mapper().writeValueAsString(suggestions));
        }
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
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isValueNode() || entry.getKey().isBlank()) {
                throw new MedScribeException(Category.BAD_INPUT, "diagnosis.error.answersUnreadable", file.toString());
            }
            answers.put(entry.getKey(), entry.getValue().asText());
        }
        return answers;
    }
}
