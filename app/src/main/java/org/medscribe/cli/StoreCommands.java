package org.medscribe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.StoreStatus;
import org.medscribe.storage.crypto.KeyFileKeySource;

/** What the storage subcommands share: opening the user's existing store, printing JSON and progress. */
final class StoreCommands {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StoreCommands() {
    }

    /** Opens the existing store (never creates one: a command that finds none says so). */
    static EncounterStore openExisting(CliContext context) {
        EncounterStore.requireExistingDatabase(context.directories().store());
        EncounterStore store = EncounterStore.open(context.directories().store(),
                KeyFileKeySource.forStore(context.directories().store()),
                org.medscribe.storage.StoreOptions.defaults().withDailyBackups(false, 0));
        if (store.status().health() != StoreStatus.Health.OK) {
            String problem = store.status().problemKey();
            store.close();
            throw new MedScribeException(Category.FAILED, "storage.cli.damaged", context.messages().get(problem));
        }
        return store;
    }

    /** Progress lines on stderr: the phase's text, once per phase. */
    static ProgressListener progress(CliContext context) {
        String[] last = {null};
        return (phaseKey, fraction) -> {
            if (!phaseKey.equals(last[0])) {
                last[0] = phaseKey;
                context.err().println(context.messages().get(phaseKey));
                context.err().flush();
            }
        };
    }
}
