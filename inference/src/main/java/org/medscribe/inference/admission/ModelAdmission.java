package org.medscribe.inference.admission;

import java.nio.file.Path;
import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.gguf.GgufFile;
import org.medscribe.inference.gguf.GgufFormatException;
import org.medscribe.inference.gguf.GgufModelInfo;
import org.medscribe.inference.gguf.GgufReader;
import org.medscribe.inference.gguf.LoaderChecks;

/**
 * Decides, in Java and before any native code sees the file, whether a model may be loaded: the
 * GGUF header is read and checked ({@link GgufReader}, {@link LoaderChecks}), the architecture is
 * compared with what the bundled llama.cpp build runs ({@link SupportedArchitectures}) and the
 * memory need ({@link MemoryEstimate}) with the memory free now ({@link SystemMemory}).
 *
 * <p>Reads only the file's header, so it takes milliseconds even for a multi-gigabyte model; still,
 * call it off the UI thread (it does file I/O). Stateless apart from its collaborators: thread-safe.
 */
public final class ModelAdmission {

    /** Contexts below this are not useful for drafting; llama.cpp itself accepts any size. */
    public static final int MIN_CONTEXT = 256;
    /** Far above any model here (Qwen2.5 trains to 32k, Llama 3.x to 128k); guards absurd input. */
    public static final int MAX_CONTEXT = 1 << 20;
    /** The smallest context {@link AdmissionReport#suggestedContextSize()} offers. */
    public static final int MIN_SUGGESTED_CONTEXT = 512;

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final SystemMemory memory;
    private final SupportedArchitectures architectures;

    public ModelAdmission(SystemMemory memory) {
        this(memory, SupportedArchitectures.bundled());
    }

    ModelAdmission(SystemMemory memory, SupportedArchitectures architectures) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.architectures = Objects.requireNonNull(architectures, "architectures");
    }

    /**
     * Reads {@code model} and reports on it, even when it is unsupported or too large.
     *
     * @throws GgufFormatException if the file is not a usable GGUF model
     * @throws MedScribeException  BAD_INPUT if the file is missing or unreadable or the context size is
     *                             out of range
     */
    public AdmissionReport inspect(Path model, int contextSize) {
        Objects.requireNonNull(model, "model");
        requireContext(contextSize);
        return report(GgufReader.read(model), contextSize);
    }

    /**
     * Reports on an already parsed header (tests, or a caller that read it itself).
     *
     * @throws GgufFormatException if the header would crash llama.cpp's loader
     */
    public AdmissionReport report(GgufFile file, int contextSize) {
        requireContext(contextSize);
        LoaderChecks.check(file);
        GgufModelInfo info = GgufModelInfo.of(file);
        long available = memory.availableBytes();
        MemoryEstimate estimate = MemoryEstimate.of(info, contextSize);
        boolean fits = estimate.totalBytes() <= available;
        return new AdmissionReport(info, architectures.isSupported(info.architecture()), estimate, available, fits,
                suggestedContext(info, contextSize, available));
    }

    /**
     * As {@link #inspect}, but refuses a model that cannot be loaded as requested.
     *
     * @throws ModelRejectedException if the architecture is not supported, the file is one part of a split
     *                                model, or the model will not fit
     * @throws GgufFormatException    if the file is not a usable GGUF model
     */
    public AdmissionReport admit(Path model, int contextSize) {
        AdmissionReport report = inspect(model, contextSize);
        requireAdmissible(report);
        return report;
    }

    /** Throws the refusal for a report that is not admissible; returns quietly otherwise. */
    public void requireAdmissible(AdmissionReport report) {
        GgufModelInfo info = report.info();
        if (!report.supported()) {
            String families = architectures.familiesSummary();
            if (info.architecture().isEmpty()) {
                throw new ModelRejectedException(ModelRejectedException.Reason.ARCHITECTURE,
                        "model.rejected.architectureMissing", families);
            }
            if (architectures.find(info.architecture()).map(SupportedArchitectures.Architecture::kind)
                    .filter(kind -> kind != SupportedArchitectures.Kind.TEXT
                            && kind != SupportedArchitectures.Kind.NONE).isPresent()) {
                throw new ModelRejectedException(ModelRejectedException.Reason.ARCHITECTURE,
                        "model.rejected.notGenerative", info.architecture(), families);
            }
            throw new ModelRejectedException(ModelRejectedException.Reason.ARCHITECTURE,
                    "model.rejected.architecture", info.architecture(), families);
        }
        if (info.splitCount() > 1) {
            // The estimate would see one part's weights only; and the model would live in several files.
            throw new ModelRejectedException(ModelRejectedException.Reason.SPLIT_FILE, "model.rejected.splitFile",
                    info.splitCount());
        }
        if (!report.fits()) {
            double needed = report.estimate().totalBytes() / GIB;
            double available = report.availableBytes() / GIB;
            int context = report.estimate().contextSize();
            if (report.suggestedContextSize() > 0) {
                throw new ModelRejectedException(ModelRejectedException.Reason.MEMORY,
                        "model.rejected.memoryTryContext", needed, available, context, report.suggestedContextSize());
            }
            throw new ModelRejectedException(ModelRejectedException.Reason.MEMORY, "model.rejected.memory", needed,
                    available, context);
        }
    }

    /** Whether this machine's CPU can run the bundled native libraries. */
    public CpuSupport.CpuCheck checkCpu() {
        return CpuSupport.detect();
    }

    /**
     * Refuses to go on when the bundled libraries would crash this CPU (SIGILL); call before loading
     * them. An unknown CPU is let through.
     *
     * @throws ModelRejectedException with reason CPU
     */
    public void requireCpu() {
        CpuSupport.CpuCheck check = checkCpu();
        if (!check.canRun()) {
            throw new ModelRejectedException(ModelRejectedException.Reason.CPU, "model.rejected.cpu",
                    String.join(", ", check.missingFeatures()));
        }
    }

    private static int suggestedContext(GgufModelInfo info, int requested, long available) {
        for (int context = Integer.highestOneBit(requested); context >= MIN_SUGGESTED_CONTEXT; context >>= 1) {
            if (MemoryEstimate.of(info, context).totalBytes() <= available) {
                return context;
            }
        }
        return 0;
    }

    /**
     * Refuses a context size outside {@link #MIN_CONTEXT}..{@link #MAX_CONTEXT}.
     *
     * @throws MedScribeException BAD_INPUT {@code model.error.contextSize} naming the range
     */
    public static void requireContext(int contextSize) {
        if (contextSize < MIN_CONTEXT || contextSize > MAX_CONTEXT) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "model.error.contextSize",
                    contextSize, MIN_CONTEXT, MAX_CONTEXT);
        }
    }
}
