package org.medscribe.inference.gguf;

/**
 * {@code general.file_type}: the quantization recipe llama.cpp's quantizer applied to the whole
 * model (a "mostly Q4_K_M" file holds Q4_K and Q6_K tensors plus F32 norms). Ids as in llama.cpp's
 * {@code llama_ftype}; values the build no longer writes are absent.
 */
public enum LlamaFileType {
    ALL_F32(0, "F32"),
    MOSTLY_F16(1, "F16"),
    MOSTLY_Q4_0(2, "Q4_0"),
    MOSTLY_Q4_1(3, "Q4_1"),
    MOSTLY_Q8_0(7, "Q8_0"),
    MOSTLY_Q5_0(8, "Q5_0"),
    MOSTLY_Q5_1(9, "Q5_1"),
    MOSTLY_Q2_K(10, "Q2_K"),
    MOSTLY_Q3_K_S(11, "Q3_K_S"),
    MOSTLY_Q3_K_M(12, "Q3_K_M"),
    MOSTLY_Q3_K_L(13, "Q3_K_L"),
    MOSTLY_Q4_K_S(14, "Q4_K_S"),
    MOSTLY_Q4_K_M(15, "Q4_K_M"),
    MOSTLY_Q5_K_S(16, "Q5_K_S"),
    MOSTLY_Q5_K_M(17, "Q5_K_M"),
    MOSTLY_Q6_K(18, "Q6_K"),
    MOSTLY_IQ2_XXS(19, "IQ2_XXS"),
    MOSTLY_IQ2_XS(20, "IQ2_XS"),
    MOSTLY_Q2_K_S(21, "Q2_K_S"),
    MOSTLY_IQ3_XS(22, "IQ3_XS"),
    MOSTLY_IQ3_XXS(23, "IQ3_XXS"),
    MOSTLY_IQ1_S(24, "IQ1_S"),
    MOSTLY_IQ4_NL(25, "IQ4_NL"),
    MOSTLY_IQ3_S(26, "IQ3_S"),
    MOSTLY_IQ3_M(27, "IQ3_M"),
    MOSTLY_IQ2_S(28, "IQ2_S"),
    MOSTLY_IQ2_M(29, "IQ2_M"),
    MOSTLY_IQ4_XS(30, "IQ4_XS"),
    MOSTLY_IQ1_M(31, "IQ1_M"),
    MOSTLY_BF16(32, "BF16"),
    MOSTLY_TQ1_0(36, "TQ1_0"),
    MOSTLY_TQ2_0(37, "TQ2_0");

    /** llama.cpp sets this bit when the file type was guessed rather than recorded by the quantizer. */
    public static final int GUESSED = 1024;

    private final int id;
    private final String label;

    LlamaFileType(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** The name users know from file names and model pages: {@code Q4_K_M}, {@code Q8_0}, {@code F16}. */
    public String label() {
        return label;
    }

    /** The file type with {@code id} (ignoring the guessed flag), or null if unknown. */
    public static LlamaFileType byId(long id) {
        long plain = id & ~GUESSED;
        for (LlamaFileType type : values()) {
            if (type.id == plain) {
                return type;
            }
        }
        return null;
    }
}
