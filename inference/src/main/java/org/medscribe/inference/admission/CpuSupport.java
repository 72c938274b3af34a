package org.medscribe.inference.admission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this CPU can run the bundled native engine. The x86-64 libraries inside
 * de.kherud:llama:4.2.0 are compiled for AVX2 with FMA and F16C (their code uses {@code vfmadd…} and
 * {@code vcvtph2ps} unconditionally); on a CPU without them the process dies with SIGILL at the first
 * matrix multiplication (upstream issues #25–#30), so the engine must refuse before loading them.
 *
 * <p>Linux reads the flags of {@code /proc/cpuinfo}; other systems, and ARM (where the libraries
 * need only the baseline NEON every 64-bit ARM CPU has), report {@link Status#UNKNOWN} or
 * {@link Status#SUPPORTED} and never block. Stateless and thread-safe.
 */
public final class CpuSupport {

    /** x86 features the bundled libraries use without checking. */
    public static final List<String> REQUIRED_X86_FEATURES = List.of("avx", "avx2", "fma", "f16c");

    /** The verdict. */
    public enum Status {
        /** The CPU has every feature the libraries need. */
        SUPPORTED,
        /** The CPU lacks a feature: loading the libraries would crash the process. */
        UNSUPPORTED,
        /** Could not tell (not Linux, or cpuinfo unreadable): do not block. */
        UNKNOWN
    }

    /**
     * @param status          the verdict
     * @param architecture    {@code os.arch} of the JVM
     * @param missingFeatures required features the CPU lacks (empty unless UNSUPPORTED)
     */
    public record CpuCheck(Status status, String architecture, List<String> missingFeatures) {
        public CpuCheck {
            missingFeatures = List.copyOf(missingFeatures);
        }

        /** False only when the libraries are known to crash on this CPU. */
        public boolean canRun() {
            return status != Status.UNSUPPORTED;
        }
    }

    private CpuSupport() {
    }

    /** Checks the running machine. */
    public static CpuCheck detect() {
        String osName = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        Optional<String> cpuinfo = Optional.empty();
        if (osName.toLowerCase(Locale.ROOT).startsWith("linux") && isX86(arch)) {
            try {
                cpuinfo = Optional.of(Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException unreadable) {
                cpuinfo = Optional.empty();
            }
        }
        return evaluate(arch, cpuinfo);
    }

    /** The verdict for a JVM {@code os.arch} and, on Linux x86, the text of /proc/cpuinfo. */
    static CpuCheck evaluate(String arch, Optional<String> cpuinfo) {
        String normalized = arch.toLowerCase(Locale.ROOT);
        if (normalized.equals("aarch64") || normalized.equals("arm64")) {
            return new CpuCheck(Status.SUPPORTED, arch, List.of());
        }
        if (!isX86(normalized) || cpuinfo.isEmpty()) {
            return new CpuCheck(Status.UNKNOWN, arch, List.of());
        }
        Optional<Set<String>> flags = flags(cpuinfo.get());
        if (flags.isEmpty()) {
            return new CpuCheck(Status.UNKNOWN, arch, List.of());
        }
        List<String> missing = new ArrayList<>();
        for (String feature : REQUIRED_X86_FEATURES) {
            if (!flags.get().contains(feature)) {
                missing.add(feature);
            }
        }
        return new CpuCheck(missing.isEmpty() ? Status.SUPPORTED : Status.UNSUPPORTED, arch, missing);
    }

    /** The flags of the first processor listed (all cores of a machine share them). */
    private static Optional<Set<String>> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return Optional.of(new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+"))));
            }
        }
        return Optional.empty();
    }

    private static boolean isX86(String arch) {
        String normalized = arch.toLowerCase(Locale.ROOT);
        return normalized.equals("amd64") || normalized.equals("x86_64") || normalized.equals("x86-64");
    }
}
