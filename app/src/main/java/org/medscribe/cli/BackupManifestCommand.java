package org.medscribe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medscribe.storage.backup.BackupManifest;

/**
 * What {@code backup} and {@code restore} share: each works on one backup, then prints its manifest as
 * JSON with the files involved, and one line on stderr naming the backup.
 */
abstract class BackupManifestCommand implements Callable<Integer> {

    /** The backup a command made or used: its manifest, the files to name, the closing line's key. */
    record Done(BackupManifest manifest, Path backup, List<Map.Entry<String, Path>> files, String messageKey) {
    }

    final CliContext context;

    BackupManifestCommand(CliContext context) {
        this.context = context;
    }

    /** Does the command's work (blocking) and says which backup it was. */
    abstract Done work();

    @Override
    public final Integer call() throws Exception {
        Done done = work();
        ObjectNode out = StoreCommands.JSON.valueToTree(done.manifest());
        for (Map.Entry<String, Path> file : done.files()) {
            out.put(file.getKey(), file.getValue().toAbsolutePath().toString());
        }
        context.out().println(StoreCommands.JSON.writeValueAsString(out));
        context.err().println(context.messages().get(done.messageKey(), done.backup().getFileName().toString()));
        return MedScribeCommand.OK;
    }
}
