package org.medscribe.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a save dialog opens: the folder the user saved into last, while it exists; before that the
 * user's documents folder (or the home folder when there is none), never the folder the process
 * happened to start in. UI thread.
 */
public final class SaveFolder {

    private final Path home;
    private Path last;

    public SaveFolder(Path home) {
        this.home = home;
    }

    /** The user's home from the system properties. */
    public static SaveFolder ofUser() {
        return new SaveFolder(Path.of(System.getProperty("user.home")));
    }

    /** The folder to open the dialog in; null when not even the home folder exists. */
    public Path initial() {
        if (last != null && Files.isDirectory(last)) {
            return last;
        }
        for (String documents : new String[] {"Documents", "文档"}) {
            Path folder = home.resolve(documents);
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        return Files.isDirectory(home) ? home : null;
    }

    /** The user saved {@code file}: its folder is where the next dialog opens. */
    public void used(Path file) {
        if (file != null && file.toAbsolutePath().getParent() != null) {
            last = file.toAbsolutePath().getParent();
        }
    }
}
