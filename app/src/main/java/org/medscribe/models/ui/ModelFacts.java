package org.medscribe.models.ui;

import java.nio.file.Path;
import org.medscribe.ui.MessageKey;

/**
 * What inspecting a model file found, as the onboarding panel shows it.
 *
 * @param file            the GGUF file
 * @param name            display name from the header (else the file name)
 * @param architecture    e.g. {@code qwen2}; empty when unknown
 * @param fileBytes       size of the file
 * @param quantization    e.g. {@code Q4_K_M}; empty when unknown
 * @param parameterCount  number of weights; 0 when unknown
 * @param trainedContext  context length the model was trained for; 0 when unknown
 * @param contextSize     the context the estimate is for (the user's setting)
 * @param estimatedBytes  memory needed at {@code contextSize}; 0 when unknown
 * @param availableBytes  memory free now; 0 when unknown
 * @param fits            estimated to fit in free memory
 * @param refusal         why the model will not be loaded (unsupported architecture, too large), or null
 */
public record ModelFacts(Path file, String name, String architecture, long fileBytes, String quantization,
                         long parameterCount, long trainedContext, int contextSize, long estimatedBytes,
                         long availableBytes, boolean fits, MessageKey refusal) {

    public boolean usable() {
        return refusal == null;
    }
}
