package org.medscribe.inference.admission;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Memory the machine can give a model now, in bytes. Injectable so admission can be tested with any
 * amount.
 *
 * <p>{@link #current()}: on Linux {@code MemAvailable} from {@code /proc/meminfo} (free memory plus
 * reclaimable cache, the kernel's own estimate of what can be allocated without swapping); elsewhere
 * the JVM's {@code OperatingSystemMXBean} free physical memory (on Windows that is the available
 * memory including standby cache; on macOS it excludes inactive pages and so reads low).
 */
@FunctionalInterface
public interface SystemMemory {

    long availableBytes();

    /** Always {@code bytes} (tests, or a user-set limit). */
    static SystemMemory fixed(long bytes) {
        return () -> bytes;
    }

    /** The running machine. Thread-safe; reads fresh figures on every call. */
    static SystemMemory current() {
        return () -> memAvailable(Path.of("/proc/meminfo")).orElseGet(SystemMemory::freeFromJvm);
    }

    /** {@code MemAvailable} of a meminfo file, if it exists and carries the line. */
    static OptionalLong memAvailable(Path meminfo) {
        if (!Files.isReadable(meminfo)) {
            return OptionalLong.empty();
        }
        try {
            return parseMemAvailable(Files.readAllLines(meminfo, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseMemAvailable(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    long unit = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
                    return OptionalLong.of(value * unit);
                } catch (NumberFormatException malformed) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static long freeFromJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        // A runtime without the HotSpot bean cannot tell: do not refuse models on a guess.
        return Long.MAX_VALUE;
    }
}
