package org.medscribe.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.medscribe.cli.CliContext;
import org.medscribe.cli.MedScribeCommand;
import org.medscribe.settings.AppDirectories;

/**
 * Entry point of {@code bin/medscribe} and the installed launcher: the desktop window without
 * arguments, the command line with them.
 */
public final class Main {

    /**
     * Set to {@code user} by the installed launcher: temporary files then go to the user's data
     * directory instead of a shared {@code /tmp} that may be mounted noexec, be unwritable or be
     * readable by others. (The launcher's configuration cannot name a per-user directory itself.)
     */
    static final String PRIVATE_TMPDIR_PROPERTY = "medscribe.tmpdir";

    private Main() {
    }

    private static void usePrivateTemporaryDirectory(AppDirectories directories) {
        try {
            // Before anything reads java.io.tmpdir: the JDK caches it on first use.
            Path tmp = AppDirectories.ensurePrivate(directories.root().resolve("tmp"));
            System.setProperty("java.io.tmpdir", tmp.toString());
        } catch (IOException e) {
            // Keep the system's temporary directory; the data directory problem shows up, with a
            // message, as soon as the app writes anything there.
        }
    }

    public static void main(String[] args) {
        AppDirectories directories = AppDirectories.forCurrentUser();
        try {
            directories.preparePrivate();
        } catch (IOException e) {
            // The folder problem shows up, with a message, as soon as the app writes there.
        }
        if ("user".equals(System.getProperty(PRIVATE_TMPDIR_PROPERTY))) {
            usePrivateTemporaryDirectory(directories);
        }
        // Logback reads this when the first logger is created, so set it before anything logs.
        System.setProperty("medscribe.log.dir", directories.logs().toString());
        if (args.length == 0) {
            DesktopLauncher.launch(directories);
        } else {
            System.exit(MedScribeCommand.run(directories, commands(), args));
        }
    }

    /** The subcommands that need JavaFX, which the command-line package must not depend on. */
    static List<Function<CliContext, Object>> commands() {
        return List.of(UiProbeCommand::new);
    }
}
