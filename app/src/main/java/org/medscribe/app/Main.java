package org.medscribe.app;

import org.medscribe.cli.MedScribeCommand;
import org.medscribe.settings.AppDirectories;

/**
 * Entry point of {@code bin/medscribe} and the installed launcher: the desktop window without
 * arguments, the command line with them.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AppDirectories directories = AppDirectories.forCurrentUser();
        // Logback reads this when the first logger is created, so set it before anything logs.
        System.setProperty("medscribe.log.dir", directories.logs().toString());
        if (args.length == 0) {
            DesktopLauncher.launch(directories);
        } else if (args[0].equals("ui-probe")) {
            // Needs JavaFX, which the command-line package must not depend on: handled here.
            System.exit(UiProbeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        } else {
            System.exit(MedScribeCommand.run(directories, args));
        }
    }
}
