package org.medscribe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.StoreBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medscribe bench-store}: storage figures on a synthetic clinic in a scratch directory (never
 * the user's database). Prints JSON: insertion rates, reopen time, search and open-encounter latency
 * p50/p95, autosave and signing latency, backup time.
 */
@Command(name = "bench-store", mixinStandardHelpOptions = true,
        description = "Benchmark the encounter store on generated data (search and open latency at N encounters).")
final class BenchStoreCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--encounters", defaultValue = "100000", description = "Encounters to create (default ${DEFAULT-VALUE}).")
    int encounters;

    @Option(names = "--per-patient", defaultValue = "5", description = "Encounters per patient (default ${DEFAULT-VALUE}).")
    int perPatient;

    @Option(names = "--api-encounters", defaultValue = "300",
            description = "Encounters created through the full API first (default ${DEFAULT-VALUE}).")
    int apiEncounters;

    @Option(names = "--queries", defaultValue = "300", description = "Searches to time (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--opens", defaultValue = "300", description = "Encounter opens to time (default ${DEFAULT-VALUE}).")
    int opens;

    @Option(names = "--dir", description = "Scratch directory (default: a new folder under the data directory, deleted after).")
    Path dir;

    @Option(names = "--keep", description = "Keep the scratch directory.")
    boolean keep;

    @Option(names = "--no-backup", description = "Skip timing a backup.")
    boolean noBackup;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    BenchStoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (encounters < 10 || perPatient < 1 || apiEncounters < 2 || apiEncounters > encounters) {
            throw new org.medscribe.common.MedScribeException(
                    org.medscribe.common.MedScribeException.Category.BAD_INPUT, "bench.error.plan");
        }
        Path scratch = dir != null ? Files.createDirectories(dir)
                : Files.createTempDirectory(AppDirectories.ensurePrivate(context.directories().root()), "bench-store-");
        try {
            StoreBenchmark.Plan plan = new StoreBenchmark.Plan(encounters, perPatient, apiEncounters, queries, opens,
                    100, Math.min(50, apiEncounters - 1), !noBackup, seed);
            String[] last = {null};
            ObjectNode result = StoreBenchmark.run(new AppDirectories(scratch).store(), plan, (phase, fraction) -> {
                String line = context.messages().get(phase)
                        + (fraction >= 0 ? " " + Math.round(fraction * 100) + "%" : "");
                if (!line.equals(last[0]) && (fraction < 0 || Math.round(fraction * 100) % 10 == 0)) {
                    last[0] = line;
                    context.err().println(line);
                    context.err().flush();
                }
            });
            result.put("cpus", Runtime.getRuntime().availableProcessors());
            result.put("java", System.getProperty("java.version"));
            context.out().println(StoreCommands.JSON.writeValueAsString(result));
        } finally {
            if (!keep && dir == null) {
                deleteTree(scratch);
            }
        }
        return MedScribeCommand.OK;
    }

    private static void deleteTree(Path root) throws IOException {
        // Deepest first, so that every folder is empty when its turn comes.
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
