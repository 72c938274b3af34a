package org.medscribe.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a Java class's {@code main} in a child JVM of the same runtime and class path as this
 * process. Work that may crash, abort, hang or exhaust memory on hostile input (llama.cpp, PDF
 * parsing) runs there, so the application survives and the parent can kill it on a deadline.
 *
 * <p>The child uses {@code java.home} of this process, so an installed app's bundled runtime starts
 * its children too. Standard streams are pipes the caller reads and writes. A child that runs out of
 * Java heap exits at once with code {@value #OUT_OF_MEMORY_EXIT} ({@code -XX:+ExitOnOutOfMemoryError})
 * instead of lingering half-alive.
 */
public final class ChildJvm {

    /** The exit code of a child whose Java heap ran out ({@code -XX:+ExitOnOutOfMemoryError}). */
    public static final int OUT_OF_MEMORY_EXIT = 3;
    /**
     * The system property that tells a child its parent's process id, so that it can end when the
     * parent does ({@link ParentWire#claim()}).
     */
    public static final String PARENT_PID_PROPERTY = "medscribe.parent.pid";

    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private String maxHeap = "256m";
    private Path workingDirectory;

    private ChildJvm(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    /** Maximum heap, e.g. {@code "512m"}; native memory (model weights) is not counted in it. */
    public ChildJvm maxHeap(String value) {
        this.maxHeap = Objects.requireNonNull(value, "value");
        return this;
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(Objects.requireNonNull(option, "option"));
        return this;
    }

    public ChildJvm systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    public ChildJvm argument(String value) {
        arguments.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    public ChildJvm workingDirectory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    /** The full command line (for diagnostics; contains no patient data). */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        // An OutOfMemoryError can leave a child alive but stuck (the error escapes the request's catch,
        // or strikes the thread that would answer). Exiting (code 3) lets the parent see the death.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Xss4m");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.awt.headless=true");
        // Inherit settings the child must share with the parent (data directory, native paths, log dir).
        for (String inherited : List.of("medscribe.data.dir", "medscribe.log.dir", "medscribe.natives.dir",
                "medscribe.tesseract", "medscribe.tessdata", "de.kherud.llama.lib.path", "de.kherud.llama.tmpdir",
                "org.sqlite.lib.path", "org.sqlite.tmpdir",
                "java.io.tmpdir")) {
            String value = System.getProperty(inherited);
            if (value != null && !systemProperties.containsKey(inherited)) {
                command.add("-D" + inherited + "=" + value);
            }
        }
        command.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** Starts the child. Its stdin/stdout/stderr are pipes; the caller must drain stdout and stderr. */
    public Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder.start();
    }

    /** The {@code java} launcher of the running runtime. */
    public static Path javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path unix = bin.resolve("java");
        if (Files.isExecutable(unix)) {
            return unix;
        }
        Path windows = bin.resolve("java.exe");
        if (Files.isExecutable(windows)) {
            return windows;
        }
        throw new IllegalStateException("no java launcher in " + bin + File.separator);
    }
}
