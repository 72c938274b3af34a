package org.medscribe.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.medscribe.common.CancellationToken;

/**
 * A parent JVM for {@link ImportWorkerLifetimeTest}: imports {@code FILE} with the real
 * {@link DocumentImporter} (work folder {@code WORK}) under limits that never stop a slow OCR run,
 * and waits to be killed. Arguments: {@code FILE WORK}.
 */
public final class ImportParentDrill {

    private ImportParentDrill() {
    }

    public static void main(String[] args) throws Exception {
        ImportLimits limits = new ImportLimits(ImportLimits.defaults().pdf(), 200L * 1024 * 1024, 5,
                Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), "256m");
        Thread importing = new Thread(() -> {
            try {
                new DocumentImporter(Path.of(args[1]), limits).importFile(Path.of(args[0]), ImportOptions.defaults(),
                        (phase, fraction) -> { }, CancellationToken.none());
            } catch (RuntimeException ended) {
                System.err.println("import ended: " + ended);
            }
        }, "import");
        importing.start();
        new CountDownLatch(1).await(); // killed by the test
    }
}
