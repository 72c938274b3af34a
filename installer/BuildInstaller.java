import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds MedScribe's app image and installers with the JDK's own jdeps, jlink and jpackage. One
 * program for every OS (Linux .deb, Windows .msi, macOS .dmg), run with the JDK 17 source launcher
 * from the project root after {@code ./mvnw -DskipTests package}:
 *
 * <pre>
 *   java installer/BuildInstaller.java --type app-image --type deb [--with-model FILE|DIR]
 *        [--app-version X.Y.Z] [--dest DIR]
 * </pre>
 *
 * What it does (installer/README.md explains why):
 * <ol>
 *   <li>stages {@code app/target/medscribe-app.jar} and {@code app/target/lib/*.jar}, taking the
 *       native libraries of this OS and CPU out of the jars into {@code natives/} (llama.cpp,
 *       SQLite, JavaFX) and dropping every other platform's copy;</li>
 *   <li>computes the JDK modules with jdeps over those jars, adds the few that jdeps cannot see,
 *       and links a trimmed runtime with jlink (keeping {@code bin/java}: the engine worker is a
 *       second JVM started from this runtime);</li>
 *   <li>runs jpackage for an app image whose launcher points every native loader at the image
 *       ({@code --java-options} with {@code $APPDIR}), then packages that image.</li>
 * </ol>
 * Nothing is ever unpacked into a shared temp directory at run time.
 */
public class BuildInstaller {

    static final String NAME = "MedScribe";
    static final String MAIN_JAR = "medscribe-app.jar";
    static final String MAIN_CLASS = "org.medscribe.app.Main";
    static final String DESCRIPTION = "Offline assistant for clinicians: drafts medical records with a local model";
    static final String VENDOR = "MedScribe";
    /** A placeholder (the .invalid domain cannot exist) until the project has a packaging contact. */
    static final String MAINTAINER = "packaging@medscribe.invalid";
    /** Fixed forever, so a newer .msi replaces an older one instead of installing beside it. */
    static final String WINDOWS_UPGRADE_UUID = "db78a839-e5e8-42d8-b5e4-aa172343e9a1";

    /**
     * Modules jdeps cannot see, because they are reached through service lookup or locale data
     * rather than a class reference. Justified one by one in installer/README.md.
     */
    static final List<String> EXTRA_MODULES = List.of(
            "jdk.crypto.ec",   // TLS with elliptic-curve suites for the (user-started) model download
            "jdk.localedata",  // zh_CN dates and numbers; trimmed to en + zh with --include-locales
            "jdk.charsets",    // GBK / GB18030 text files from Chinese Windows systems
            "jdk.zipfs",       // zip file system provider (FileSystems.newFileSystem on .zip/.jar)
            "jdk.unsupported", // sun.misc.Unsafe for JavaFX and others, also when reached reflectively
            "java.sql");       // JDBC for the encounter database (sqlite-jdbc)

    enum Os { LINUX, WINDOWS, MAC }

    final Path project;
    final Path dest;
    final List<String> types;
    final Optional<Path> model;
    final String appVersion;
    final List<String> extraJpackageOptions;
    final Os os = detectOs();
    final String arch = detectArch();

    BuildInstaller(Path project, Path dest, List<String> types, Optional<Path> model, String appVersion,
                   List<String> extraJpackageOptions) {
        this.extraJpackageOptions = extraJpackageOptions;
        this.project = project;
        this.dest = dest;
        this.types = types;
        this.model = model;
        this.appVersion = appVersion;
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path dest = null;
        List<String> types = new ArrayList<>();
        Optional<Path> model = Optional.empty();
        String version = null;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--type" -> {
                    for (String type : require(arg, value).split(",")) {
                        types.add(type.strip());
                    }
                    i++;
                }
                case "--with-model" -> {
                    model = Optional.of(Path.of(require(arg, value)));
                    i++;
                }
                case "--app-version" -> {
                    version = require(arg, value);
                    i++;
                }
                case "--dest" -> {
                    dest = Path.of(require(arg, value)).toAbsolutePath();
                    i++;
                }
                case "--jpackage-option" -> {
                    // Passed to every jpackage call, e.g. the macOS signing options.
                    if (value == null) {
                        fail(arg + " needs a value");
                    }
                    extra.add(value);
                    i++;
                }
                case "--project" -> {
                    project = Path.of(require(arg, value)).toAbsolutePath();
                    i++;
                }
                case "--help", "-h" -> {
                    System.out.println("usage: java installer/BuildInstaller.java --type app-image|tar.gz|deb|rpm|msi|exe|dmg|pkg"
                            + " [--type ...] [--with-model FILE|DIR] [--app-version X.Y.Z] [--dest DIR] [--project DIR]"
                            + " [--jpackage-option OPTION]...");
                    return;
                }
                default -> fail("unknown argument " + arg + " (try --help)");
            }
        }
        if (types.isEmpty()) {
            types.add("app-image");
        }
        if (dest == null) {
            dest = project.resolve("installer").resolve("target");
        }
        Path jar = project.resolve("app").resolve("target").resolve(MAIN_JAR);
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run ./mvnw -DskipTests package first");
        }
        BuildInstaller build = new BuildInstaller(project, dest, List.copyOf(types), model.map(BuildInstaller::pickModel),
                version != null ? version : packageVersion(projectVersion(jar)), List.copyOf(extra));
        build.run();
    }

    void run() throws IOException {
        long start = System.nanoTime();
        if (os == Os.MAC && appVersion.startsWith("0.")) {
            fail("macOS packages need an app version whose first number is not 0 (jpackage rule); "
                    + "pass --app-version, e.g. --app-version 1.0." + appVersion.substring(2).replace('.', '0'));
        }
        Path work = dest.resolve("work");
        Path input = work.resolve("input");
        deleteTree(input);
        Files.createDirectories(input);
        log("staging jars and native libraries for " + os.name().toLowerCase(Locale.ROOT) + "-" + arch);
        Staged staged = stage(input);
        model.ifPresent(file -> {
            try {
                Path models = Files.createDirectories(input.resolve("models"));
                Files.copy(file, models.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                log("bundling model " + file.getFileName() + " (" + megabytes(Files.size(file)) + " MB)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Set<String> modules = modules(input);
        Path runtime = runtime(work, modules);

        Path outputs = model.isPresent() ? dest.resolve("with-model") : dest;
        Files.createDirectories(outputs);
        Path image = outputs.resolve(os == Os.MAC ? NAME + ".app" : NAME);
        deleteTree(image);
        List<String> imageArgs = new ArrayList<>(List.of(
                "--type", "app-image",
                "--name", NAME,
                "--app-version", appVersion,
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--copyright", "MedScribe",
                "--input", input.toString(),
                "--main-jar", MAIN_JAR,
                "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(),
                "--icon", icon().toString(),
                "--dest", outputs.toString()));
        for (String option : launcherOptions(staged)) {
            imageArgs.add("--java-options");
            imageArgs.add(option);
        }
        if (os == Os.WINDOWS) {
            // The main launcher is a GUI program with no console; self-check and the other commands
            // need one that prints to the terminal.
            Path properties = work.resolve("cli-launcher.properties");
            Files.writeString(properties, "win-console=true\n");
            imageArgs.addAll(List.of("--add-launcher", NAME + "-CLI=" + properties));
        }
        if (os == Os.MAC) {
            imageArgs.addAll(List.of("--mac-package-identifier", "org.medscribe.desktop", "--mac-package-name", NAME));
        }
        jpackage(imageArgs);
        log("app image: " + image + " (" + megabytes(treeSize(image)) + " MB)");

        for (String type : types) {
            if (type.equals("app-image")) {
                continue;
            }
            if (type.equals("tar.gz")) {
                // Linux without an administrator: unpack anywhere in the home folder, run bin/MedScribe.
                Path archive = outputs.resolve("MedScribe-" + appVersion + "-linux-" + arch + ".tar.gz");
                tar(archive, image);
                log("tar.gz: " + archive + " (" + megabytes(size(archive)) + " MB)");
                continue;
            }
            List<String> packageArgs = new ArrayList<>(List.of(
                    "--type", type,
                    "--app-image", image.toString(),
                    "--name", NAME,
                    "--app-version", appVersion,
                    "--vendor", VENDOR,
                    "--description", DESCRIPTION,
                    "--copyright", "MedScribe",
                    "--icon", icon().toString(),
                    "--dest", outputs.toString()));
            packageArgs.addAll(switch (os) {
                case LINUX -> List.of(
                        "--linux-package-name", "medscribe",
                        "--linux-deb-maintainer", MAINTAINER,
                        "--linux-menu-group", "Office;MedicalSoftware;",
                        "--linux-app-category", "misc",
                        "--linux-shortcut",
                        "--resource-dir", project.resolve("installer").resolve("linux").toString());
                case WINDOWS -> List.of(
                        // Per-user install: no administrator needed, as in most clinics.
                        "--win-per-user-install",
                        // Beside, not inside, the data directory %LOCALAPPDATA%\MedScribe.
                        "--install-dir", "Programs\\" + NAME,
                        "--win-dir-chooser",
                        "--win-menu", "--win-menu-group", NAME,
                        "--win-shortcut",
                        "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID);
                case MAC -> List.of(
                        "--mac-package-identifier", "org.medscribe.desktop",
                        "--mac-package-name", NAME);
            });
            jpackage(packageArgs);
            try (Stream<Path> files = Files.list(outputs)) {
                files.filter(file -> file.getFileName().toString().endsWith("." + type))
                        .max(Comparator.comparing(BuildInstaller::modified))
                        .ifPresent(file -> log(type + ": " + file + " (" + megabytes(size(file)) + " MB)"));
            }
        }
        log(String.format(Locale.ROOT, "done in %.0f s", (System.nanoTime() - start) / 1e9));
    }

    /** What staging found, for the launcher options. */
    record Staged(boolean llama, boolean sqlite, boolean javafx) {
    }

    /**
     * Copies the jars into {@code input}, moving this platform's native libraries to
     * {@code input/natives/<library>/} and leaving every platform's copy out of the jars.
     */
    Staged stage(Path input) throws IOException {
        Path target = project.resolve("app").resolve("target");
        Files.copy(target.resolve(MAIN_JAR), input.resolve(MAIN_JAR));
        boolean llama = false;
        boolean sqlite = false;
        boolean javafx = false;
        List<Path> jars;
        try (Stream<Path> files = Files.list(target.resolve("lib"))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            Path out = input.resolve(name);
            if (name.startsWith("llama-")) {
                llama |= extractAndStrip(jar, out, entry -> entry.startsWith("de/kherud/llama/")
                                && isNativeLibrary(entry),
                        "de/kherud/llama/" + llamaPlatform() + "/", input.resolve("natives").resolve("llama"));
            } else if (name.startsWith("sqlite-jdbc-")) {
                sqlite |= extractAndStrip(jar, out, entry -> entry.startsWith("org/sqlite/native/")
                                && isNativeLibrary(entry),
                        "org/sqlite/native/" + llamaPlatform() + "/", input.resolve("natives").resolve("sqlite"));
            } else if (name.startsWith("javafx-")) {
                // JavaFX's platform jars carry their libraries at the root; left there, JavaFX
                // extracts them into ~/.openjfx/cache. Loaded from java.library.path instead.
                javafx |= extractAndStrip(jar, out, entry -> !entry.contains("/") && isNativeLibrary(entry),
                        "", input.resolve("natives").resolve("javafx"));
            } else {
                Files.copy(jar, out);
            }
        }
        if (!llama) {
            fail("no llama.cpp library for " + llamaPlatform() + " in the llama jar");
        }
        return new Staged(llama, sqlite, javafx);
    }

    /**
     * Writes {@code jar} to {@code out} without the entries {@code isNative} selects, and unpacks the
     * ones directly under {@code keepPrefix} into {@code nativesDir}. Returns whether any was unpacked.
     */
    static boolean extractAndStrip(Path jar, Path out, java.util.function.Predicate<String> isNative,
                                   String keepPrefix, Path nativesDir) throws IOException {
        boolean extracted = false;
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream stripped = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (isNative.test(name)) {
                    String rest = name.substring(Math.min(keepPrefix.length(), name.length()));
                    if (name.startsWith(keepPrefix) && !rest.contains("/")) {
                        Files.createDirectories(nativesDir);
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, nativesDir.resolve(rest), StandardCopyOption.REPLACE_EXISTING);
                        }
                        extracted = true;
                    }
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                stripped.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(stripped);
                }
                stripped.closeEntry();
            }
        }
        return extracted;
    }

    static boolean isNativeLibrary(String entry) {
        return entry.endsWith(".so") || entry.endsWith(".dll") || entry.endsWith(".dylib") || entry.endsWith(".jnilib");
    }

    /** The folder name both java-llama.cpp and sqlite-jdbc use for this platform, e.g. {@code Linux/x86_64}. */
    String llamaPlatform() {
        return switch (os) {
            case LINUX -> "Linux";
            case WINDOWS -> "Windows";
            case MAC -> "Mac";
        } + "/" + arch;
    }

    /** The launcher's JVM options: every native loader pointed at the image, never at a temp dir. */
    List<String> launcherOptions(Staged staged) {
        List<String> options = new ArrayList<>();
        options.add("-Dfile.encoding=UTF-8");
        // Read by org.medscribe.inference.llama.NativeLibraries; the engine worker inherits it.
        options.add("-Dde.kherud.llama.lib.path=$APPDIR/natives/llama");
        if (staged.sqlite()) {
            options.add("-Dorg.sqlite.lib.path=$APPDIR/natives/sqlite");
            options.add("-Dorg.sqlite.lib.name=" + switch (os) {
                case LINUX -> "libsqlitejdbc.so";
                case WINDOWS -> "sqlitejdbc.dll";
                case MAC -> "libsqlitejdbc.dylib";
            });
        }
        if (staged.javafx()) {
            options.add("-Djava.library.path=$APPDIR/natives/javafx");
        }
        // org.medscribe.models.BundledModels lists it; absent unless built --with-model.
        options.add("-Dmedscribe.bundled.models.dir=$APPDIR/models");
        // Main moves java.io.tmpdir into the user's data directory (the launcher cannot name it:
        // the configuration file knows no home directory).
        options.add("-Dmedscribe.tmpdir=user");
        return options;
    }

    /** jdeps over the staged jars, plus {@link #EXTRA_MODULES}. */
    Set<String> modules(Path input) throws IOException {
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps",
                "--print-module-deps"));
        try (Stream<Path> files = Files.list(input)) {
            files.filter(file -> file.toString().endsWith(".jar")).sorted().map(Path::toString).forEach(args::add);
        }
        String out = run("jdeps", args);
        Set<String> modules = new TreeSet<>();
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        for (String module : last.split(",")) {
            if (!module.isBlank()) {
                modules.add(module.strip());
            }
        }
        if (!modules.contains("java.base")) {
            fail("jdeps gave no module list: " + out);
        }
        log("jdeps: " + String.join(",", modules));
        modules.addAll(EXTRA_MODULES);
        return modules;
    }

    /** A jlinked runtime with {@code modules}, reused while the module list and the JDK stay the same. */
    Path runtime(Path work, Set<String> modules) throws IOException {
        Path runtime = work.resolve("runtime");
        Path stamp = work.resolve("runtime.stamp");
        String key = String.join(",", modules) + " " + System.getProperty("java.home") + " "
                + System.getProperty("java.runtime.version");
        if (Files.isDirectory(runtime) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(key)) {
            log("jlink: reusing " + runtime);
            return runtime;
        }
        deleteTree(runtime);
        Files.deleteIfExists(stamp);
        log("jlink: " + String.join(",", modules));
        run("jlink", List.of(
                "--add-modules", String.join(",", modules),
                "--output", runtime.toString(),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--include-locales=en,zh",
                "--compress=2"));
        // Not --strip-native-commands: the engine worker is started as <runtime>/bin/java.
        Files.writeString(stamp, key);
        log("runtime: " + megabytes(treeSize(runtime)) + " MB");
        return runtime;
    }

    Path icon() {
        return project.resolve("installer").resolve("icons").resolve(switch (os) {
            case LINUX -> "medscribe.png";
            case WINDOWS -> "medscribe.ico";
            case MAC -> "medscribe.icns";
        });
    }

    /** A gzipped tar of {@code folder} (permissions kept, so bin/MedScribe stays executable). */
    static void tar(Path archive, Path folder) throws IOException {
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", folder.getParent().toString(),
                folder.getFileName().toString()).inheritIO().start();
        try {
            if (tar.waitFor() != 0) {
                fail("tar failed with exit code " + tar.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while writing " + archive);
        }
    }

    void jpackage(List<String> args) {
        log("jpackage " + args.get(1));
        List<String> all = new ArrayList<>(args);
        all.addAll(extraJpackageOptions);
        run("jpackage", all);
    }

    static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (a JDK 17, not a JRE, is needed)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (code != 0) {
            System.err.print(out);
            System.err.print(err);
            fail(tool + " failed with exit code " + code);
        }
        return out.toString();
    }

    /** The model to bundle: the file, or the first {@code .gguf} of a folder (e.g. {@code models/}). */
    static Path pickModel(Path fileOrDir) {
        if (Files.isRegularFile(fileOrDir)) {
            return fileOrDir.toAbsolutePath();
        }
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> files = Files.list(fileOrDir)) {
                Optional<Path> first = files.filter(file -> file.toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                        .sorted().findFirst();
                if (first.isPresent()) {
                    return first.get().toAbsolutePath();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        fail("--with-model: no .gguf model at " + fileOrDir);
        return null;
    }

    /** The Maven project version, as the app jar's manifest carries it. */
    static String projectVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String version = file.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version == null) {
                fail(jar + " has no Implementation-Version");
            }
            return version;
        }
    }

    /** jpackage wants one to three numbers: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0}. */
    static String packageVersion(String projectVersion) {
        String numeric = projectVersion.replaceAll("[^0-9.].*$", "").replaceAll("\\.+$", "");
        if (numeric.isEmpty()) {
            fail("cannot make a package version of " + projectVersion + "; pass --app-version");
        }
        return numeric;
    }

    static Os detectOs() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MAC : Os.LINUX;
    }

    static String detectArch() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
    }

    static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(BuildInstaller::size).sum();
        }
    }

    static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    static String require(String option, String value) {
        if (value == null || value.startsWith("--")) {
            fail(option + " needs a value");
        }
        return value;
    }

    static final long STARTED = System.nanoTime();

    static void log(String line) {
        System.out.printf(Locale.ROOT, "[installer %5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, line);
    }

    static void fail(String reason) {
        System.err.println("[installer] error: " + reason);
        System.exit(2);
    }
}
