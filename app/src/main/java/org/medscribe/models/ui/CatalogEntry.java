package org.medscribe.models.ui;

/**
 * A recommended model, as the onboarding panel lists it.
 *
 * @param name       display name, e.g. {@code Qwen2.5 7B Instruct}
 * @param fileName   the GGUF file name to look for in the models folder
 * @param sizeBytes  download size
 * @param licence    licence name, e.g. {@code Apache-2.0}
 * @param languages  e.g. {@code zh, en}
 * @param note       one line of facts: architecture, parameters, quantization, memory needed at a context
 */
public record CatalogEntry(String name, String fileName, long sizeBytes, String licence, String languages,
                           org.medscribe.ui.MessageKey note) {
}
