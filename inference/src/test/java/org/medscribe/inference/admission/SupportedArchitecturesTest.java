package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupportedArchitecturesTest {

    private final SupportedArchitectures architectures = SupportedArchitectures.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "qwen2moe", "gemma", "gemma2", "gemma3", "phi2", "phi3", "internlm2",
            "chatglm", "deepseek2", "command-r", "mpt"})
    void admitsTheTextArchitecturesOfTheBundledBuild(String architecture) {
        assertThat(architectures.isSupported(architecture)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "qwen3moe", "gemma3n", "llama4", "mistral3", "glm4", "", "LLAMA", "gptj",
            "bert", "nomic-bert", "t5encoder", "wavtokenizer-dec"})
    void refusesArchitecturesNewerThanTheBuildOrUnableToWriteText(String architecture) {
        assertThat(architectures.isSupported(architecture)).isFalse();
    }

    @Test
    void namesTheFamiliesDoctorsKnow() {
        assertThat(architectures.familiesSummary()).contains("Qwen2.5", "Llama 3.x", "Mistral", "Gemma 3", "Phi-4");
        assertThat(architectures.find("bert").orElseThrow().kind()).isEqualTo(SupportedArchitectures.Kind.EMBEDDING);
        assertThat(architectures.find("qwen3")).isEmpty();
    }

    /**
     * The list is data derived from the shipped binary; check it against that binary so a change of
     * the native dependency cannot silently leave it wrong. Every admitted architecture's name must be
     * in the library's name table (a NUL-terminated string) or have a graph builder
     * ({@code llm_build_<name>}); the newer architectures must have neither.
     */
    @Test
    void agreesWithTheNativeLibraryInsideTheJar() throws IOException {
        byte[] library = nativeLibrary();
        String text = new String(library, StandardCharsets.ISO_8859_1);

        for (String name : architectures.textArchitectures()) {
            boolean inNameTable = text.contains("\0" + name + "\0");
            boolean hasBuilder = text.contains("llm_build_" + name.replace('-', '_'));
            assertThat(inNameTable || hasBuilder).as("%s in libjllama.so", name).isTrue();
        }
        for (String newer : List.of("qwen3", "qwen3moe", "gemma3n", "llama4")) {
            assertThat(text).as(newer).doesNotContain("\0" + newer + "\0").doesNotContain("llm_build_" + newer);
        }
        assertThat(text).doesNotContain("llm_build_gptj");
    }

    @Test
    void refusesAMalformedList() {
        assertThatThrownBy(() -> SupportedArchitectures.parse(List.of("llama\ttext")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SupportedArchitectures.parse(List.of("llama\tchat\t-")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SupportedArchitectures.parse(List.of("llama\ttext\t-", "llama\ttext\t-")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] nativeLibrary() throws IOException {
        try (InputStream in = SupportedArchitectures.class.getClassLoader()
                .getResourceAsStream("de/kherud/llama/Linux/x86_64/libjllama.so")) {
            assertThat(in).as("libjllama.so inside de.kherud:llama on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
