package org.medscribe.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.record.Source;
import org.medscribe.record.SourceKind;
import org.medscribe.clinical.ClinicalWords;

/**
 * Splits sources into numbered segments: transcript utterances (one per line, long ones split into
 * sentences) and note sentences. Numbers run on across sources, so a citation is one small integer.
 * Stateless and thread-safe.
 */
public final class Segmenter {

    /** Segments longer than this are split at clause boundaries, so a citation stays specific. */
    public static final int MAX_SEGMENT_CHARS = 280;

    private static final Pattern SPEAKER = Pattern.compile(
            "^\\s*(?:\\[\\s*([\\p{L} _-]{1,20})\\s*\\]|([\\p{IsHan}]{1,4}|[A-Za-z][A-Za-z .]{0,18})\\s*[:：])\\s*");
    private static final Set<String> SPEAKER_WORDS = ClinicalWords.standard().set("speaker_words");
    private static final Set<String> ABBREVIATIONS = ClinicalWords.standard().set("abbreviations");

    private final int maxSegmentChars;

    public Segmenter() {
        this(MAX_SEGMENT_CHARS);
    }

    public Segmenter(int maxSegmentChars) {
        if (maxSegmentChars < 40) {
            throw new IllegalArgumentException("segments shorter than 40 characters cut sentences apart");
        }
        this.maxSegmentChars = maxSegmentChars;
    }

    /** Segments every source, numbering from 1 across sources in the given order. */
    public SegmentedSources segment(List<Source> sources) {
        List<Segment> segments = new ArrayList<>();
        for (Source source : sources) {
            for (int[] span : spans(source)) {
                int start = span[0];
                int end = span[1];
                String speaker = null;
                if (span.length > 2 && span[2] >= 0) {
                    speaker = source.text().substring(span[2], span[3]).toLowerCase(Locale.ROOT);
                }
                segments.add(new Segment(segments.size() + 1, source.id(), start, end,
                        source.text().substring(start, end), speaker));
            }
        }
        return new SegmentedSources(sources, segments);
    }

    /** A note or a transcript, whichever the text looks like (most lines start with a speaker tag). */
    public static Source guess(String id, String text) {
        return new Source(id, looksLikeTranscript(text) ? SourceKind.TRANSCRIPT : SourceKind.NOTE, text);
    }

    /**
     * A source as the doctor gave it: an imported document's text is a document; the note typed or
     * pasted is a note or a transcript, whichever its text looks like. Every entry point (desktop,
     * command line, self-check) makes its sources here.
     */
    public static Source given(String id, String text, boolean document) {
        return document ? new Source(id, SourceKind.DOCUMENT, text) : guess(id, text);
    }

    /** True when most non-empty lines start with a speaker tag ({@code [doctor]}, {@code 患者：}). */
    public static boolean looksLikeTranscript(String text) {
        int lines = 0;
        int tagged = 0;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (speakerTag(line) != null) {
                tagged++;
            }
        }
        return lines >= 2 && tagged * 2 >= lines;
    }

    private static int[] speakerTag(String line) {
        Matcher m = SPEAKER.matcher(line);
        if (!m.find()) {
            return null;
        }
        int group = m.group(1) != null ? 1 : 2;
        String word = m.group(group).trim().toLowerCase(Locale.ROOT).replace(".", "");
        if (!SPEAKER_WORDS.contains(word)) {
            return null;
        }
        return new int[] {m.start(group), m.start(group) + m.group(group).trim().length(), m.end()};
    }

    private List<int[]> spans(Source source) {
        String text = source.text();
        List<int[]> result = new ArrayList<>();
        int lineStart = 0;
        boolean transcript = source.kind() == SourceKind.TRANSCRIPT || source.kind() == SourceKind.ANSWERS;
        while (lineStart <= text.length()) {
            int lineEnd = nextLineBreak(text, lineStart);
            String line = text.substring(lineStart, lineEnd);
            int contentStart = lineStart;
            int speakerStart = -1;
            int speakerEnd = -1;
            int[] tag = transcript ? speakerTag(line) : null;
            if (tag != null) {
                speakerStart = lineStart + tag[0];
                speakerEnd = lineStart + tag[1];
                contentStart = lineStart + tag[2];
            }
            List<int[]> pieces = transcript
                    ? splitLong(text, contentStart, lineEnd)
                    : splitSentences(text, contentStart, lineEnd);
            for (int[] piece : pieces) {
                result.add(new int[] {piece[0], piece[1], speakerStart, speakerEnd});
            }
            if (lineEnd >= text.length()) {
                break;
            }
            lineStart = lineEnd + (text.startsWith("\r\n", lineEnd) ? 2 : 1);
        }
        return result;
    }

    private static int nextLineBreak(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    /** An utterance is one segment unless it is long; then it is cut into sentences. */
    private List<int[]> splitLong(String text, int start, int end) {
        int[] trimmed = trim(text, start, end);
        if (trimmed == null) {
            return List.of();
        }
        if (trimmed[1] - trimmed[0] <= maxSegmentChars) {
            return List.of(trimmed);
        }
        return splitSentences(text, trimmed[0], trimmed[1]);
    }

    private List<int[]> splitSentences(String text, int start, int end) {
        List<int[]> sentences = new ArrayList<>();
        int sentenceStart = start;
        for (int i = start; i < end; i++) {
            if (isSentenceEnd(text, i, end)) {
                addPiece(text, sentenceStart, i + 1, sentences);
                sentenceStart = i + 1;
            }
        }
        addPiece(text, sentenceStart, end, sentences);
        return sentences;
    }

    private void addPiece(String text, int start, int end, List<int[]> out) {
        int[] trimmed = trim(text, start, end);
        if (trimmed == null) {
            return;
        }
        if (trimmed[1] - trimmed[0] <= maxSegmentChars) {
            out.add(trimmed);
            return;
        }
        // Too long for one citation: cut at the last clause boundary before the limit, else at a space.
        int from = trimmed[0];
        while (trimmed[1] - from > maxSegmentChars) {
            int cut = lastBoundary(text, from, from + maxSegmentChars);
            int[] piece = trim(text, from, cut);
            if (piece != null) {
                out.add(piece);
            }
            from = cut;
        }
        int[] rest = trim(text, from, trimmed[1]);
        if (rest != null) {
            out.add(rest);
        }
    }

    private static int lastBoundary(String text, int from, int limit) {
        for (String marks : new String[] {"；;", "，,、", " \t"}) {
            for (int i = limit - 1; i > from + 20; i--) {
                if (marks.indexOf(text.charAt(i)) >= 0) {
                    return i + 1;
                }
            }
        }
        return limit;
    }

    private static boolean isSentenceEnd(String text, int i, int end) {
        char c = text.charAt(i);
        if (c == '。' || c == '！' || c == '？' || c == '；') {
            return true;
        }
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        if (i + 1 < end && !Character.isWhitespace(text.charAt(i + 1))) {
            return false; // 38.5, e.g., 1.2.3
        }
        if (c == '.') {
            int w = i;
            while (w > 0 && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) {
                w--;
            }
            String word = text.substring(w, i).toLowerCase(Locale.ROOT);
            if (ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isUpperCase(text.charAt(w)))) {
                return false;
            }
        }
        return true;
    }

    private static int[] trim(String text, int start, int end) {
        while (start < end && isBlankOrSeparator(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return new int[] {start, end};
            }
        }
        return null; // punctuation only
    }

    private static boolean isBlankOrSeparator(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '，' || c == '\u3000';
    }
}
