package org.medscribe.inference.llama;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where java-llama.cpp loads its native library from, before its loader runs.
 *
 * <p>Left alone, the binding extracts {@code libjllama} into {@code java.io.tmpdir} (world-writable,
 * possibly mounted {@code noexec}) and deletes every file starting with {@code jllama} or
 * {@code llama} it finds there. So MedScribe always points it at app-owned directories:
 * <ol>
 *   <li>the user-chosen directory of the settings holding a custom build (CUDA, Vulkan…) of the same
 *       version, if one is set; it must hold the library, else loading stops with
 *       {@code engine.error.customLibraryMissing} rather than quietly falling back to the CPU;</li>
 *   <li>else a directory already named by {@code -Dde.kherud.llama.lib.path} that holds the library
 *       (the installed app image ships the library unpacked and sets it);</li>
 *   <li>else the bundled CPU library, unpacked once into {@code <natives>/llama-4.2.0/<os>-<arch>/}
 *       and checked against the jar's copy by SHA-256.</li>
 * </ol>
 * The library loads once per JVM, so this is decided once; the engine worker is a fresh JVM and
 * decides again.
 */
public final class NativeLibraries {

    static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
    static final String BINDING_VERSION = "4.2.0";

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
    private static Path prepared;

    private NativeLibraries() {
    }

    /**
     * Makes the native library loadable from an app-owned directory and returns that directory.
     *
     * @param nativesRoot app-owned directory for the unpacked bundled library (and the binding's scratch dir)
     * @param customDir   user-supplied library directory, or null
     */
    public static synchronized Path prepare(Path nativesRoot, Path customDir) {
        String libraryName = System.mapLibraryName("jllama");
        if (prepared != null) {
            return prepared;
        }
        try {
            Path scratch = PrivateFiles.directory(nativesRoot.resolve("llama-scratch"));
            System.setProperty(TMPDIR_PROPERTY, scratch.toString());

            Path chosen = chooseDirectory(nativesRoot, customDir, System.getProperty(LIB_PATH_PROPERTY), libraryName);
            System.setProperty(LIB_PATH_PROPERTY, chosen.toString());
            LOG.info("native engine library directory: {}", chosen);
            prepared = chosen;
            return chosen;
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "engine.error.nativeUnpack", nativesRoot.toString());
        }
    }

    /**
     * The directory to load {@code libraryName} from, in the order of the class comment; unpacks the
     * bundled library only when neither the custom directory nor the preset one applies.
     *
     * @param preset the value of {@code -Dde.kherud.llama.lib.path}, or null
     * @throws MedScribeException BAD_INPUT ({@code engine.error.customLibraryMissing}) if {@code customDir}
     *                            is set but does not hold the library
     */
    static Path chooseDirectory(Path nativesRoot, Path customDir, String preset, String libraryName)
            throws IOException {
        if (customDir != null) {
            if (!Files.isRegularFile(customDir.resolve(libraryName))) {
                throw new MedScribeException(Category.BAD_INPUT, "engine.error.customLibraryMissing",
                        customDir.toString(), libraryName);
            }
            return customDir.toAbsolutePath();
        }
        if (preset != null && Files.isRegularFile(Path.of(preset).resolve(libraryName))) {
            return Path.of(preset).toAbsolutePath();
        }
        return unpackBundled(nativesRoot, libraryName);
    }

    /** The resource folder the binding's jar uses for this OS and CPU, e.g. {@code Linux/x86_64}. */
    static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osFolder = os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Mac" : "Linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archFolder = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        return osFolder + "/" + archFolder;
    }

    private static Path unpackBundled(Path nativesRoot, String libraryName) throws IOException {
        String folder = platformFolder();
        String resource = "/de/kherud/llama/" + folder + "/" + libraryName;
        byte[] bundled;
        try (InputStream in = de.kherud.llama.LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MedScribeException(Category.FAILED, "engine.error.unsupportedPlatform", folder);
            }
            bundled = in.readAllBytes();
        }
        Path dir = PrivateFiles.directory(nativesRoot.resolve("llama-" + BINDING_VERSION).resolve(folder.replace('/', '-')));
        Path target = dir.resolve(libraryName);
        if (Files.isRegularFile(target) && sha256(Files.readAllBytes(target)).equals(sha256(bundled))) {
            return dir;
        }
        PrivateFiles.write(target, bundled);
        LOG.info("unpacked bundled llama.cpp library to {}", target);
        return dir;
    }


    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
