package org.medscribe.capture.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.pdfbox.text.TextPosition;

/**
 * Splits a page's glyphs into blocks read one after the other. Sorting a whole page by position keeps
 * table rows together (what lab reports need) but interleaves the lines of a two-column letter or
 * article. This finds a gutter down the middle that prose lines do not cross and, where both sides
 * hold real prose (long lines, many rows), reads the left column before the right one, band by band
 * between full-width lines (titles, tables spanning the page).
 */
final class ReadingOrder {

    private static final int MIN_GLYPHS = 200;
    private static final int MIN_ROWS_PER_SIDE = 6;
    private static final double MIN_PROSE_CHARS = 25;
    private static final float ROW_BUCKET = 2f;
    private static final float MERGE_GAP = 5f;
    private static final int MIN_GUTTER_WIDTH = 6;

    private ReadingOrder() {
    }

    private record Row(float y, List<TextPosition> glyphs, List<float[]> spans) {
    }

    static List<List<TextPosition>> blocks(List<TextPosition> glyphs) {
        if (glyphs.size() < MIN_GLYPHS) {
            return single(glyphs);
        }
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        for (TextPosition g : glyphs) {
            minX = Math.min(minX, g.getXDirAdj());
            maxX = Math.max(maxX, g.getXDirAdj() + g.getWidthDirAdj());
        }
        float width = maxX - minX;
        if (!(width > 100) || width > 20_000) {
            return single(glyphs);
        }
        List<Row> rows = rows(glyphs);
        float gutter = findGutter(rows, minX, width);
        if (Float.isNaN(gutter)) {
            return single(glyphs);
        }
        List<List<TextPosition>> blocks = new ArrayList<>();
        List<TextPosition> left = new ArrayList<>();
        List<TextPosition> right = new ArrayList<>();
        List<TextPosition> full = new ArrayList<>();
        int leftRows = 0;
        int rightRows = 0;
        long leftChars = 0;
        long rightChars = 0;
        for (Row row : rows) {
            if (crosses(row, gutter)) {
                if (!left.isEmpty() || !right.isEmpty()) {
                    addIfNotEmpty(blocks, left);
                    addIfNotEmpty(blocks, right);
                    left = new ArrayList<>();
                    right = new ArrayList<>();
                }
                full.addAll(row.glyphs());
            } else {
                if (!full.isEmpty()) {
                    blocks.add(full);
                    full = new ArrayList<>();
                }
                int l = 0;
                int r = 0;
                for (TextPosition g : row.glyphs()) {
                    if (g.getXDirAdj() + g.getWidthDirAdj() / 2 < gutter) {
                        left.add(g);
                        l++;
                    } else {
                        right.add(g);
                        r++;
                    }
                }
                if (l > 0) {
                    leftRows++;
                    leftChars += l;
                }
                if (r > 0) {
                    rightRows++;
                    rightChars += r;
                }
            }
        }
        addIfNotEmpty(blocks, full);
        addIfNotEmpty(blocks, left);
        addIfNotEmpty(blocks, right);
        boolean prose = leftRows >= MIN_ROWS_PER_SIDE && rightRows >= MIN_ROWS_PER_SIDE
                && (double) leftChars / leftRows >= MIN_PROSE_CHARS && (double) rightChars / rightRows >= MIN_PROSE_CHARS;
        return prose ? blocks : single(glyphs);
    }

    private static List<List<TextPosition>> single(List<TextPosition> glyphs) {
        List<List<TextPosition>> one = new ArrayList<>();
        one.add(new ArrayList<>(glyphs));
        return one;
    }

    private static void addIfNotEmpty(List<List<TextPosition>> blocks, List<TextPosition> block) {
        if (!block.isEmpty()) {
            blocks.add(block);
        }
    }

    private static List<Row> rows(List<TextPosition> glyphs) {
        TreeMap<Integer, List<TextPosition>> byBucket = new TreeMap<>();
        for (TextPosition g : glyphs) {
            byBucket.computeIfAbsent(Math.round(g.getYDirAdj() / ROW_BUCKET), k -> new ArrayList<>()).add(g);
        }
        List<Row> rows = new ArrayList<>();
        for (var entry : byBucket.entrySet()) {
            List<TextPosition> rowGlyphs = entry.getValue();
            rowGlyphs.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
            List<float[]> spans = new ArrayList<>();
            float[] current = null;
            for (TextPosition g : rowGlyphs) {
                float start = g.getXDirAdj();
                float end = start + Math.max(g.getWidthDirAdj(), 0);
                if (current != null && start - current[1] <= MERGE_GAP) {
                    current[1] = Math.max(current[1], end);
                } else {
                    current = new float[] {start, end};
                    spans.add(current);
                }
            }
            rows.add(new Row(entry.getKey() * ROW_BUCKET, rowGlyphs, spans));
        }
        return rows;
    }

    /** The x of the middle of the widest, least-crossed gap in the middle of the page, or NaN. */
    private static float findGutter(List<Row> rows, float minX, float width) {
        int bins = (int) Math.ceil(width);
        int[] covered = new int[bins + 1];
        for (Row row : rows) {
            for (float[] span : row.spans()) {
                int from = Math.max(0, (int) Math.floor(span[0] - minX));
                int to = Math.min(bins, (int) Math.ceil(span[1] - minX));
                for (int i = from; i < to; i++) {
                    covered[i]++;
                }
            }
        }
        int allowed = Math.max(1, rows.size() / 4);
        int from = (int) (width * 0.3);
        int to = (int) (width * 0.7);
        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        for (int i = from; i <= to + 1; i++) {
            boolean open = i <= to && covered[i] <= allowed;
            if (open && runStart < 0) {
                runStart = i;
            } else if (!open && runStart >= 0) {
                int length = i - runStart;
                if (length > bestLength) {
                    bestLength = length;
                    bestStart = runStart;
                }
                runStart = -1;
            }
        }
        return bestLength >= MIN_GUTTER_WIDTH ? minX + bestStart + bestLength / 2f : Float.NaN;
    }

    private static boolean crosses(Row row, float gutter) {
        for (float[] span : row.spans()) {
            if (span[0] < gutter - 1 && span[1] > gutter + 1) {
                return true;
            }
        }
        return false;
    }
}
