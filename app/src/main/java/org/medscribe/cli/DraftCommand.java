package org.medscribe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.record.RecordJson;
import org.medscribe.draft.DraftOptions;
import org.medscribe.record.DraftRecord;
import org.medscribe.draft.DraftRequest;
import org.medscribe.draft.InputScreen;
import org.medscribe.record.Source;
import org.medscribe.draft.TemplateLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.medscribe.draft.Segmenter;

/**
 * {@code medscribe draft --model M --template soap-en|outpatient-zh --in FILE [--out FILE]}: drafts a
 * record from a text file (a note or a transcript) and prints its JSON (or writes it to --out);
 * progress goes to stderr. Bad input (missing file, empty or binary note, unknown template, missing
 * model) exits 2 before the model is loaded.
 */
@Command(name = "draft", mixinStandardHelpOptions = true, description = "Draft a record from a note or transcript. Prints the draft JSON.")
final class DraftCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "GGUF model file")
    Path model;

    @Option(names = "--template", required = true, description = "record template: soap-en or outpatient-zh")
    String template;

    @Option(names = "--in", required = true, description = "the note or transcript (UTF-8 text)")
    Path in;

    @Option(names = "--out", description = "write the draft JSON here instead of stdout")
    Path out;

    @Option(names = "--context", defaultValue = "4096", description = "context window in tokens (default ${DEFAULT-VALUE})")
    int contextSize;

    @Option(names = "--seed", description = "sampling seed (default: random, recorded in the provenance)")
    Integer seed;

    private final CliContext context;

    DraftCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        TemplateLibrary.builtIn().get(template);
        Source source = Segmenter.guess("note", ModelSession.readText(in));
        InputScreen.check(List.of(source));
        DraftOptions options = seed == null ? DraftOptions.defaults() : DraftOptions.defaults().withSeed(seed);
        try (ModelSession session = ModelSession.open(context, model, contextSize)) {
            DraftRecord record = session.drafting().draft(new DraftRequest(List.of(source), template, options),
                    ModelSession.progressListener(context), CancellationToken.none());
            String json = RecordJson.mapper().writeValueAsString(record);
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
}
