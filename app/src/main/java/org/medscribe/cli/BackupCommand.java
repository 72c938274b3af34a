package org.medscribe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.backup.BackupInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code medscribe backup [--to DIR]}: a verified backup of the encounter database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the encounter database (verified copy + sealed manifest). Prints the manifest as JSON.")
final class BackupCommand extends BackupManifestCommand {

    @Option(names = "--to", paramLabel = "DIR", description = "Directory for the backup (default: the app's backups folder).")
    Path to;

    BackupCommand(CliContext context) {
        super(context);
    }

    @Override
    Done work() {
        try (EncounterStore store = StoreCommands.openExisting(context)) {
            BackupInfo info = store.backup(to, CancellationToken.none(), StoreCommands.progress(context));
            return new Done(info.manifest(), info.file(),
                    List.of(Map.entry("file", info.file()), Map.entry("manifest_file", info.manifestFile())), "storage.cli.backup.done");
        }
    }
}
