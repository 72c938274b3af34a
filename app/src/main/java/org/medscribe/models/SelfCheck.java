package org.medscribe.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.medscribe.common.CancellationToken;
import org.medscribe.process.ChildJvm;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.draft.DraftListener;
import org.medscribe.record.DraftRecord;
import org.medscribe.draft.DraftRequest;
import org.medscribe.record.DraftSection;
import org.medscribe.record.DraftStatus;
import org.medscribe.record.DraftTimings;
import org.medscribe.draft.DraftingService;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.Source;
import org.medscribe.record.TemplateSection;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.storage.db.SqliteNatives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.medscribe.evidence.Segmenter;

/**
 * The post-install check a clinic runs on its own hardware: opens the database engine, loads a
 * model through the engine worker exactly as the desktop app does, checks that the worker runs on the app's own Java runtime
 * and native library, drafts a SOAP note of a bundled sample encounter (no patient data) and checks
 * its structure, timing each step.
 *
 * <p>Blocking: {@link #run} takes seconds to minutes (model load and draft); call it from a
 * background thread. Each run starts and stops its own engine worker.
 */
public final class SelfCheck {

    /** The sample encounter's draft: the English SOAP sections, each bounded, so a test model still terminates. */
    static final String TEMPLATE = "soap-en";
    /** Room for the drafting service's extraction schema and the sample encounter. */
    private static final int CONTEXT_SIZE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(SelfCheck.class);

    private final Path natives;
    private final Supplier<SupervisedEngine> engines;
    private final Function<LanguageEngine, DraftingService> drafting;

    /**
     * @param natives  where SQLite's native library is prepared, as the store prepares it
     * @param engines  a new supervised engine, as the app makes it
     * @param drafting the drafting service on an engine, as the app makes it
     */
    public SelfCheck(Path natives, Supplier<SupervisedEngine> engines,
                     Function<LanguageEngine, DraftingService> drafting) {
        this.natives = natives;
        this.engines = engines;
        this.drafting = drafting;
    }

    /** The checks, in the order they run. */
    public enum Check { DATABASE, MODEL_LOAD, WORKER_RUNTIME, DRAFT, STRUCTURE }

    /** What one check found. {@code detailKey} is a message key, {@code detailArgs} contain no patient text. */
    public record Step(Check check, boolean passed, String detailKey, Object... detailArgs) {
    }

    /**
     * The outcome of a self-check.
     *
     * @param model            the GGUF file checked
     * @param modelBytes       its size
     * @param loadMillis       worker start plus model load, as the app would wait for it
     * @param firstTokenMillis from sending the draft request to its first token
     * @param draftMillis      the whole draft
     * @param generatedTokens  tokens of the draft
     * @param tokensPerSecond  generation rate seen by the app
     * @param llamaTokensPerSecond generation rate llama.cpp reported (NaN if not seen)
     * @param appJava          the runtime's {@code java} that started the worker
     * @param workerJava       the executable the worker process actually runs, if the OS tells
     * @param nativeLibrary    the llama.cpp library the worker mapped (Linux only), if known
     * @param databaseLibrary  the SQLite library this process mapped (Linux only), if known
     * @param steps            each check, in order
     */
    public record Report(Path model, long modelBytes, double loadMillis, double firstTokenMillis, double draftMillis,
                         int generatedTokens, double tokensPerSecond, double llamaTokensPerSecond, Path appJava,
                         Optional<Path> workerJava, Optional<Path> nativeLibrary, Optional<Path> databaseLibrary,
                         List<Step> steps) {

        public boolean passed() {
            return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
        }
    }

    /**
     * The model to check when none is named: the one chosen in the settings (if the file is still
     * there), else the first model shipped with the app, else the first in the user's model folder.
     */
    public static Optional<Path> defaultModel(Path configured, List<Path> bundled, Path modelFolder) {
        if (configured != null && Files.isRegularFile(configured)) {
            return Optional.of(configured);
        }
        if (!bundled.isEmpty()) {
            return Optional.of(bundled.get(0));
        }
        return BundledModels.ggufFiles(modelFolder).stream().findFirst();
    }

    /**
     * How the check loads {@code model}: the user's engine preferences ({@code preferred}: threads,
     * batch, GPU layers, custom engine library), so the figures are the ones the app will show, with a
     * context just large enough for the sample.
     */
    public static EngineSettings engineSettings(Path model, EngineSettings preferred) {
        return new EngineSettings(model.toAbsolutePath().normalize(), preferred.threads(), CONTEXT_SIZE,
                preferred.batchSize(), preferred.gpuLayers(), preferred.customNativeDir());
    }

    /**
     * Runs every check on the model of {@code settings}.
     *
     * @throws MedScribeException BAD_INPUT for a model file that is missing or refused; FAILED when the
     *                            engine cannot start or load it (a failed draft is a failed step instead)
     */
    public Report run(EngineSettings settings, ProgressListener progress, CancellationToken cancel) {
        Path model = settings.modelPath();
        if (!Files.isRegularFile(model)) {
            throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", model.toString());
        }
        long modelBytes;
        try {
            modelBytes = Files.size(model);
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "cli.error.fileNotFound", model.toString());
        }
        Path appJava = realPath(ChildJvm.javaExecutable());
        List<Step> steps = new ArrayList<>();
        steps.add(databaseEngine(natives));
        Optional<Path> databaseLibrary = mappedLibrary(ProcessHandle.current().pid(), System.mapLibraryName("sqlitejdbc"));
        try (SupervisedEngine engine = engines.get()) {
            progress.progress("selfcheck.phase.loading", ProgressListener.INDETERMINATE);
            long loadStart = System.nanoTime();
            LoadedModel loaded = engine.load(settings, ProgressListener.NONE, cancel);
            double loadMillis = (System.nanoTime() - loadStart) / 1e6;
            steps.add(new Step(Check.MODEL_LOAD, true, "selfcheck.detail.loaded", loaded.name(),
                    Math.round(loaded.loadMillis())));

            long pid = engine.workerPid();
            Optional<Path> workerJava = ProcessHandle.of(pid).flatMap(handle -> handle.info().command())
                    .map(Path::of).map(SelfCheck::realPath);
            steps.add(workerJava.map(java -> new Step(Check.WORKER_RUNTIME, java.equals(appJava),
                            java.equals(appJava) ? "selfcheck.detail.sameRuntime" : "selfcheck.detail.otherRuntime",
                            java.toString()))
                    .orElseGet(() -> new Step(Check.WORKER_RUNTIME, true, "selfcheck.detail.runtimeUnknown")));
            Optional<Path> nativeLibrary = mappedLibrary(pid, System.mapLibraryName("jllama"));

            progress.progress("selfcheck.phase.drafting", ProgressListener.INDETERMINATE);
            DraftRecord draft = null;
            try {
                DraftingService drafting = this.drafting.apply(engine);
                Source sample = Segmenter.given("sample", sampleEncounter(), false);
                draft = drafting.draft(DraftRequest.of(TEMPLATE, sample), DraftListener.NONE, cancel);
                boolean complete = draft.status() == DraftStatus.COMPLETE;
                steps.add(new Step(Check.DRAFT, complete,
                        complete ? "selfcheck.detail.drafted" : "selfcheck.detail.draftPartial",
                        complete ? draft.timings().generatedTokens() : String.valueOf(draft.partialReason())));
                steps.add(structureOf(draft, drafting.templates().get(TEMPLATE), sample));
            } catch (MedScribeException failure) {
                if (failure.category() == Category.CANCELLED) {
                    throw failure;
                }
                steps.add(new Step(Check.DRAFT, false, failure.messageKey(), failure.arguments()));
            }
            DraftTimings timings = draft == null ? null : draft.timings();
            return new Report(model.toAbsolutePath().normalize(), modelBytes, loadMillis,
                    timings == null ? Double.NaN : timings.timeToFirstTokenMillis(),
                    timings == null ? Double.NaN : timings.totalMillis(),
                    timings == null ? 0 : timings.generatedTokens(),
                    timings == null ? Double.NaN : timings.tokensPerSecond(),
                    // llama.cpp's own rate is per request; a draft may make several (bench reports it).
                    Double.NaN,
                    appJava, workerJava, nativeLibrary, databaseLibrary, List.copyOf(steps));
        }
    }

    /**
     * The structure check of the sample draft: every section of the template, in order, each either
     * drafted or marked not documented; every evidence span inside the sample's text; every statement
     * marked supported backed by matched evidence.
     */
    static Step structureOf(DraftRecord draft, RecordTemplate template, Source sample) {
        List<String> expected = template.sections().stream().map(TemplateSection::id).toList();
        List<String> present = draft.sections().stream().map(DraftSection::id).toList();
        if (!present.equals(expected)) {
            List<String> missing = expected.stream().filter(id -> !present.contains(id)).toList();
            return new Step(Check.STRUCTURE, false, "selfcheck.detail.sectionsMissing",
                    missing.isEmpty() ? String.join(", ", present) : String.join(", ", missing));
        }
        for (DraftSection section : draft.sections()) {
            if (section.status() != SectionStatus.DRAFTED && section.status() != SectionStatus.NOT_DOCUMENTED) {
                return new Step(Check.STRUCTURE, false, "selfcheck.detail.sectionsMissing", section.id());
            }
            for (org.medscribe.record.Statement statement : section.statements()) {
                for (Evidence evidence : statement.evidence()) {
                    if (evidence.start() < 0 || evidence.end() < evidence.start()
                            || evidence.end() > sample.text().length()) {
                        return new Step(Check.STRUCTURE, false, "selfcheck.detail.badEvidence", section.id());
                    }
                }
                if (statement.supported() && statement.evidence().stream().noneMatch(Evidence::matched)) {
                    return new Step(Check.STRUCTURE, false, "selfcheck.detail.badEvidence", section.id());
                }
            }
        }
        return new Step(Check.STRUCTURE, true, "selfcheck.detail.sections", present.size(), expected.size());
    }

    static String sampleEncounter() {
        try (InputStream in = SelfCheck.class.getResourceAsStream("self-check-encounter.txt")) {
            if (in == null) {
                throw new MedScribeException(Category.FAILED, "selfcheck.error.sampleMissing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "selfcheck.error.sampleMissing");
        }
    }

    /**
     * The database engine the encounter store uses: an in-memory SQLite database, so the native
     * library loads exactly as the store's will, without touching the user's records.
     */
    static Step databaseEngine(Path natives) {
        // The store's own preparation: the installed app's library, else an app-owned unpack folder.
        SqliteNatives.prepare(natives);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("select sqlite_version()")) {
            version.next();
            return new Step(Check.DATABASE, true, "selfcheck.detail.database", version.getString(1));
        } catch (SQLException | RuntimeException | LinkageError e) {
            LOG.warn("self-check: SQLite could not be opened", e);
            return new Step(Check.DATABASE, false, "selfcheck.detail.databaseFailed", e.getClass().getSimpleName());
        }
    }

    /** The first mapped library of process {@code pid} named {@code fileName}, from {@code /proc} (Linux); empty elsewhere. */
    static Optional<Path> mappedLibrary(long pid, String fileName) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        if (pid <= 0 || !Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.UTF_8)) {
            return lines.map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    // sqlite-jdbc names the copies it unpacks sqlite-<version>-<id>-libsqlitejdbc.so
                    .filter(path -> path.endsWith(fileName) && path.lastIndexOf('/') >= 0)
                    .findFirst()
                    .map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath();
        }
    }
}
