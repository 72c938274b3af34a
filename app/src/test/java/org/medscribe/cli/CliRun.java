package org.medscribe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.medscribe.i18n.Messages;
import org.medscribe.settings.AppDirectories;

/** One in-process run of {@code medscribe} on a data root, in English: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {

    static CliRun of(Path dataRoot, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MedScribeCommand.run(new CliContext(new AppDirectories(dataRoot), new Messages(Locale.ROOT),
                new PrintWriter(out), new PrintWriter(err)), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
