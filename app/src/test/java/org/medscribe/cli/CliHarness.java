package org.medscribe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.medscribe.i18n.Messages;
import org.medscribe.settings.AppDirectories;

/** Runs the command line in-process with captured output, in a temporary data directory. */
public final class CliHarness {

    /** What a command printed and returned. */
    public record Outcome(int exitCode, String out, String err) {
    }

    private CliHarness() {
    }

    public static Outcome run(Path dataDir, Locale locale, String... args) {
        return run(dataDir, locale, List.of(), args);
    }

    /** With the subcommands the app adds ({@code org.medscribe.app.Main}'s). */
    public static Outcome run(Path dataDir, Locale locale, List<Function<CliContext, Object>> moreCommands,
            String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new AppDirectories(dataDir), new Messages(locale),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = MedScribeCommand.run(context, moreCommands, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    public static Outcome run(Path dataDir, String... args) {
        return run(dataDir, Locale.ROOT, args);
    }
}
