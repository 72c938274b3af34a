package org.medscribe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.crypto.KeyFileKeySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code medscribe restore BACKUP}: replaces the database with a backup verified against its manifest. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore the encounter database from a backup after verifying it against its manifest. "
                + "The replaced database is kept in the data folder.")
final class RestoreCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup's .db file (its .manifest.json beside it).")
    Path backup;

    RestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        BackupManifest manifest = EncounterStore.restore(context.directories().store(),
                KeyFileKeySource.forStore(context.directories().store()), backup, CancellationToken.none(),
                StoreCommands.progress(context));
        ObjectNode out = StoreCommands.JSON.valueToTree(manifest);
        out.put("restored_from", backup.toAbsolutePath().toString());
        context.out().println(StoreCommands.JSON.writeValueAsString(out));
        context.err().println(context.messages().get("storage.cli.restore.done", backup.getFileName().toString()));
        return MedScribeCommand.OK;
    }
}
