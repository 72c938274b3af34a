package org.medscribe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.crypto.KeyFileKeySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medscribe restore BACKUP}: replaces the database with a backup verified against its manifest. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore the encounter database from a backup after verifying it against its sealed manifest. "
                + "The replaced database is kept in the data folder.")
final class RestoreCommand extends BackupManifestCommand {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup's .db file (its .manifest.json beside it).")
    Path backup;

    @Option(names = "--accept-unsealed-manifest",
            description = "Also restore a backup made before manifests were sealed (MedScribe before manifest format 2); "
                    + "its manifest cannot prove it was not edited.")
    boolean acceptUnsealed;

    RestoreCommand(CliContext context) {
        super(context);
    }

    @Override
    Done work() {
        BackupManifest manifest = EncounterStore.restore(context.directories().store(),
                KeyFileKeySource.forStore(context.directories().store()), backup, acceptUnsealed,
                CancellationToken.none(), StoreCommands.progress(context));
        if (BackupManifest.FORMAT_UNSEALED.equals(manifest.format())) {
            context.err().println(context.messages().get("storage.cli.restore.unsealed", backup.getFileName().toString()));
        }
        return new Done(manifest, backup, List.of(Map.entry("restored_from", backup)), "storage.cli.restore.done");
    }
}
