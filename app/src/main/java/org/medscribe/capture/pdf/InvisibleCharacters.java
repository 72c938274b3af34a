package org.medscribe.capture.pdf;

/**
 * Removes characters that take no space on the page but reach a language model intact: zero-width
 * spaces and joiners, bidi controls, invisible fillers, variation selectors and Unicode tag
 * characters (which can spell out a whole hidden ASCII sentence). Soft hyphens are dropped too but
 * not counted: they are ordinary typesetting.
 */
public final class InvisibleCharacters {

    /**
     * @param text the text without invisible characters
     * @param removed how many invisible characters were removed (soft hyphens not counted)
     * @param smuggled ASCII text spelled with Unicode tag characters, empty if none
     */
    public record Cleaned(String text, int removed, String smuggled) {
    }

    private InvisibleCharacters() {
    }

    public static Cleaned clean(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        StringBuilder smuggled = new StringBuilder();
        int removed = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x00AD) {
                continue;
            }
            if (isInvisible(cp)) {
                if (cp == 0xFEFF && kept.length() == 0) {
                    continue; // a byte-order mark at the very start is an encoding artefact, not content
                }
                removed++;
                if (cp >= 0xE0020 && cp <= 0xE007E) {
                    smuggled.append((char) (cp - 0xE0000));
                }
                continue;
            }
            kept.appendCodePoint(cp);
        }
        return new Cleaned(kept.toString(), removed, smuggled.toString());
    }

    static boolean isInvisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2064)
                || (cp >= 0x2066 && cp <= 0x206F)
                || cp == 0xFEFF || cp == 0x180E || cp == 0x034F
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0000 && cp <= 0xE007F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
