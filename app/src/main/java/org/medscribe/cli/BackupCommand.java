package org.medscribe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.backup.BackupInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code medscribe backup [--to DIR]}: a verified backup of the encounter database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the encounter database (verified copy + manifest). Prints the manifest as JSON.")
final class BackupCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--to", paramLabel = "DIR", description = "Directory for the backup (default: the app's backups folder).")
    Path to;

    BackupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        try (EncounterStore store = StoreCommands.openExisting(context)) {
            BackupInfo info = store.backup(to, CancellationToken.none(), StoreCommands.progress(context));
            ObjectNode out = StoreCommands.JSON.valueToTree(info.manifest());
            out.put("file", info.file().toAbsolutePath().toString());
            out.put("manifest_file", info.manifestFile().toAbsolutePath().toString());
            context.out().println(StoreCommands.JSON.writeValueAsString(out));
            context.err().println(context.messages().get("storage.cli.backup.done", info.file().getFileName().toString()));
        }
        return MedScribeCommand.OK;
    }
}
