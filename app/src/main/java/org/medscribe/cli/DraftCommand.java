package org.medscribe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.record.RecordJson;
import org.medscribe.record.DraftRecord;
import org.medscribe.draft.DraftRequest;
import org.medscribe.record.Source;
import org.medscribe.record.TemplateLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medscribe draft --model M --template soap-en|outpatient-zh --in FILE [--out FILE]}: drafts a
 * record from a text file (a note or a transcript) and prints its JSON (or writes it to --out);
 * progress goes to stderr. Bad input (missing file, empty or binary note, unknown template, missing
 * model) exits 2 before the model is loaded.
 */
@Command(name = "draft", mixinStandardHelpOptions = true, description = "Draft a record from a note or transcript. Prints the draft JSON.")
final class DraftCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--template", required = true, description = "record template: soap-en or outpatient-zh")
    String template;

    @Option(names = "--in", required = true, description = "the note or transcript (UTF-8 text)")
    Path in;

    @Mixin
    JsonOutput output;

    @Mixin
    SeedOption seed;

    private final CliContext context;

    DraftCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        TemplateLibrary.builtIn().get(template);
        Source source = ModelSession.readNote(in);
        try (ModelSession session = model.open(context)) {
            DraftRecord record = session.drafting().draft(new DraftRequest(List.of(source), template,
                    seed.draftOptions()), ModelSession.progressListener(context), CancellationToken.none());
            output.print(context, RecordJson.mapper().writeValueAsString(record));
        }
        return MedScribeCommand.OK;
    }
}
