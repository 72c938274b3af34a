package org.medscribe.capture.ocr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * The Tesseract OCR program, run as a child process (a crash on a hostile image stays there, and a
 * hard deadline kills it). Found via {@code -Dmedscribe.tesseract}, {@code MEDSCRIBE_TESSERACT},
 * the {@code PATH}, or the usual install folders on Windows and macOS; language data via
 * {@code -Dmedscribe.tessdata} / {@code TESSDATA_PREFIX} or Tesseract's own default.
 *
 * <p>Thread-safe: each call starts its own process.
 */
public final class TesseractOcr {

    public static final String PROGRAM_PROPERTY = "medscribe.tesseract";
    public static final String PROGRAM_ENV = "MEDSCRIBE_TESSERACT";
    public static final String TESSDATA_PROPERTY = "medscribe.tessdata";

    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    private final Path executable;
    private final Path tessdata;
    private final Set<String> languages;

    private TesseractOcr(Path executable, Path tessdata, Set<String> languages) {
        this.executable = executable;
        this.tessdata = tessdata;
        this.languages = languages;
    }

    /** The installed Tesseract, or empty when none is found or it does not answer. */
    public static Optional<TesseractOcr> locate() {
        String tessdataSetting = System.getProperty(TESSDATA_PROPERTY);
        Path tessdata = tessdataSetting == null || tessdataSetting.isBlank() ? null : Path.of(tessdataSetting);
        for (Path candidate : candidates()) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                Optional<Set<String>> languages = listLanguages(candidate, tessdata);
                if (languages.isPresent()) {
                    return Optional.of(new TesseractOcr(candidate, tessdata, languages.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        for (String configured : new String[] {System.getProperty(PROGRAM_PROPERTY), System.getenv(PROGRAM_ENV)}) {
            if (configured != null && !configured.isBlank()) {
                candidates.add(Path.of(configured));
            }
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String name = windows ? "tesseract.exe" : "tesseract";
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        if (windows) {
            for (String env : new String[] {"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"}) {
                String base = System.getenv(env);
                if (base != null) {
                    candidates.add(Path.of(base, "Tesseract-OCR", name));
                    candidates.add(Path.of(base, "Programs", "Tesseract-OCR", name));
                }
            }
        } else {
            candidates.add(Path.of("/opt/homebrew/bin", name));
            candidates.add(Path.of("/usr/local/bin", name));
            candidates.add(Path.of("/opt/local/bin", name));
            candidates.add(Path.of("/usr/bin", name));
        }
        return candidates;
    }

    private static Optional<Set<String>> listLanguages(Path executable, Path tessdata) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (tessdata != null) {
            command.add("--tessdata-dir");
            command.add(tessdata.toString());
        }
        command.add("--list-langs");
        try {
            String output = run(command, Duration.ofSeconds(20));
            Set<String> languages = new LinkedHashSet<>();
            for (String line : output.split("\\R")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.contains(" ") && !trimmed.endsWith(":")) {
                    languages.add(trimmed);
                }
            }
            return Optional.of(languages);
        } catch (IOException | MedScribeException unusable) {
            return Optional.empty();
        }
    }

    public Path executable() {
        return executable;
    }

    /** Installed language packs, e.g. {@code eng}, {@code chi_sim}. */
    public Set<String> languages() {
        return Set.copyOf(languages);
    }

    /**
     * The language argument for a clinic working in Chinese and English: {@code chi_sim+eng} when
     * both are installed, else what there is of them, else the first installed language.
     */
    public String defaultLanguages() {
        List<String> wanted = new ArrayList<>();
        for (String language : List.of("chi_sim", "eng")) {
            if (languages.contains(language)) {
                wanted.add(language);
            }
        }
        if (wanted.isEmpty()) {
            return languages.stream().filter(l -> !l.equals("osd")).findFirst().orElse("eng");
        }
        return String.join("+", wanted);
    }

    /**
     * Recognises the text in {@code image}.
     *
     * @param scratchDir a private folder for the image handed to the program
     * @throws MedScribeException FAILED when the program fails or overruns {@code timeout}
     */
    public String recognise(BufferedImage image, String languageArgument, Path scratchDir, Duration timeout) {
        Path input = null;
        try {
            input = Files.createTempFile(scratchDir, "page-", ".png");
            ImageIO.write(image, "png", input.toFile());
            List<String> command = new ArrayList<>(List.of(executable.toString(), input.toString(), "stdout"));
            if (tessdata != null) {
                command.add("--tessdata-dir");
                command.add(tessdata.toString());
            }
            command.addAll(List.of("-l", languageArgument, "--psm", "3", "-c", "preserve_interword_spaces=1"));
            return tidy(run(command, timeout));
        } catch (IOException failed) {
            throw new MedScribeException(Category.FAILED, failed, "capture.ocr.failed");
        } finally {
            if (input != null) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException ignored) {
                    // the scratch folder is removed as a whole after the import
                }
            }
        }
    }

    private static String run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // One OpenMP thread. Measured on the 2-core build machine, a dense A4 scan at 300 dpi: eng
        // 7-11 s with one thread, 29 s with four; chi_sim+eng 22-26 s against 47-49 s.
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectErrorStream(false);
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            BoundedReader stdout = new BoundedReader(process.getInputStream(), MAX_OUTPUT_BYTES);
            BoundedReader stderr = new BoundedReader(process.getErrorStream(), 64 * 1024);
            stdout.start();
            stderr.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MedScribeException(Category.FAILED, "capture.ocr.timeout", timeout.toSeconds());
            }
            stdout.join(5_000);
            stderr.join(5_000);
            if (process.exitValue() != 0) {
                throw new MedScribeException(Category.FAILED, "capture.ocr.failed");
            }
            return stdout.text();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new MedScribeException(Category.CANCELLED, "common.cancelled");
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Tesseract separates Chinese characters with spaces and ends pages with a form feed; neither is
     * in the document.
     */
    static String tidy(String text) {
        String withoutFeeds = text.replace('\f', '\n').replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(withoutFeeds.length());
        int n = withoutFeeds.length();
        for (int i = 0; i < n; i++) {
            char c = withoutFeeds.charAt(i);
            if (c == ' ' && out.length() > 0 && isCjk(out.charAt(out.length() - 1))) {
                int j = i;
                while (j < n && withoutFeeds.charAt(j) == ' ') {
                    j++;
                }
                if (j < n && isCjk(withoutFeeds.charAt(j))) {
                    i = j - 1;
                    continue;
                }
            }
            out.append(c);
        }
        StringBuilder lines = new StringBuilder();
        int blank = 0;
        for (String line : out.toString().split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank()) {
                blank++;
                continue;
            }
            if (lines.length() > 0) {
                lines.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            lines.append(trimmed);
        }
        return lines.toString();
    }

    private static boolean isCjk(char c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** Drains a process stream on its own thread, keeping at most {@code cap} bytes. */
    private static final class BoundedReader extends Thread {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        BoundedReader(InputStream in, int cap) {
            super("tesseract-output");
            setDaemon(true);
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    int room = cap - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(room, read));
                    }
                }
            } catch (IOException closed) {
                // the process was killed; what was read so far is all there is
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
