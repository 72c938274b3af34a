package org.medscribe.common;

/**
 * Text from an untrusted file made safe to show in a message: control characters (terminal escape
 * sequences, NUL) and invisible format characters become a visible {@code ?}, line breaks and tabs a
 * space, and the text is cut to a length a one-line message can carry. A crafted model key or architecture name
 * must not repaint the terminal, forge a second output line, or fill the screen. Stateless.
 */
public final class PrintableText {

    /** Characters of one argument kept in a message; longer ones end in an ellipsis. */
    public static final int MAX_ARGUMENT_CHARS = 120;

    private PrintableText() {
    }

    /** {@code text} with control and format characters replaced and cut to {@code maxChars}. */
    public static String of(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 1));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (count == maxChars) {
                out.append('…');
                break;
            }
            int type = Character.getType(codePoint);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE;
            if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
                out.append(' ');
            } else if (hidden) {
                out.append('?');
            } else {
                out.appendCodePoint(codePoint);
            }
            count++;
        }
        return out.toString();
    }

    /** The arguments of a message with every text argument made printable; numbers stay as they are. */
    public static Object[] arguments(Object... arguments) {
        Object[] safe = arguments.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof CharSequence text) {
                safe[i] = of(text.toString(), MAX_ARGUMENT_CHARS);
            }
        }
        return safe;
    }
}
