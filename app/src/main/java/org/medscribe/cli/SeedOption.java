package org.medscribe.cli;

import org.medscribe.draft.DraftOptions;
import picocli.CommandLine.Option;

/** {@code --seed}: the sampling seed, else a random one (recorded in the provenance). */
final class SeedOption {

    @Option(names = "--seed", description = "sampling seed (default: random, recorded in the provenance)")
    Integer seed;

    DraftOptions draftOptions() {
        return seed == null ? DraftOptions.defaults() : DraftOptions.defaults().withSeed(seed);
    }
}
