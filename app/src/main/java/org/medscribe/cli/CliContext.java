package org.medscribe.cli;

import java.io.PrintWriter;
import org.medscribe.i18n.Messages;
import org.medscribe.models.Engines;
import org.medscribe.services.Services;
import org.medscribe.settings.AppDirectories;

/**
 * What every subcommand gets from the composition root: the user's directories, the message
 * bundle of the current language, and the output streams (stdout carries results, stderr progress
 * and the one-line reason of a failure).
 */
public record CliContext(AppDirectories directories, Messages messages, PrintWriter out, PrintWriter err) {

    /** The one services factory, as the desktop and the self-check build theirs. */
    public Services services() {
        return new Services(directories);
    }

    /** The language engines, in the user's engine folders, with the model admission check. */
    public Engines engines() {
        return services().engines();
    }
}
