package org.medscribe.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's JSON goes: {@code --out FILE}, else stdout. */
final class JsonOutput {

    @Option(names = "--out", description = "write the JSON here instead of stdout")
    Path out;

    /** Writes {@code json} to the file (saying so on stderr) or prints it. */
    void print(CliContext context, String json) {
        if (out != null) {
            ModelSession.write(out, json);
            context.err().println(context.messages().get("draft.cli.wrote", out.toString()));
        } else {
            context.out().println(json);
        }
        context.out().flush();
    }
}
