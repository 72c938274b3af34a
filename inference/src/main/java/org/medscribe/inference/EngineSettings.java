package org.medscribe.inference;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to load a model.
 *
 * @param modelPath        the GGUF file
 * @param threads          CPU threads for generation; 0 lets llama.cpp choose
 * @param contextSize      context window in tokens (prompt + answer)
 * @param batchSize        prompt-processing batch size; 0 for llama.cpp's default
 * @param gpuLayers        layers to offload to a GPU (needs a GPU-enabled native library); 0 for CPU only
 * @param customNativeDir  a directory holding a user-supplied {@code jllama} library (e.g. a CUDA or
 *                         Vulkan build of the same version), or null to use the bundled CPU build
 */
public record EngineSettings(
        Path modelPath,
        int threads,
        int contextSize,
        int batchSize,
        int gpuLayers,
        Path customNativeDir) {

    public static final int DEFAULT_CONTEXT = 4096;

    public EngineSettings {
        Objects.requireNonNull(modelPath, "modelPath");
        if (threads < 0 || contextSize < 256 || batchSize < 0 || gpuLayers < 0) {
            throw new IllegalArgumentException("invalid engine settings: threads=" + threads
                    + " context=" + contextSize + " batch=" + batchSize + " gpuLayers=" + gpuLayers);
        }
    }

    /** CPU defaults for a model: llama.cpp's thread choice, a 4,096-token context. */
    public static EngineSettings defaults(Path modelPath) {
        return new EngineSettings(modelPath, 0, DEFAULT_CONTEXT, 0, 0, null);
    }

    public EngineSettings withContextSize(int value) {
        return new EngineSettings(modelPath, threads, value, batchSize, gpuLayers, customNativeDir);
    }

    public EngineSettings withThreads(int value) {
        return new EngineSettings(modelPath, value, contextSize, batchSize, gpuLayers, customNativeDir);
    }
}
