package org.medscribe.capture.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Prepares a photo or scan for OCR: grey, contrast stretched to the full range, straightened, and
 * scaled so text is large enough (Tesseract reads best at roughly 300 dpi). Measured on rendered
 * pages made faint, skewed and blurred: see {@code OcrCleanupTest} for the figures.
 *
 * <p>Stateless and thread-safe.
 */
public final class ImageCleanup {

    /** What was done to an image. */
    public record Result(BufferedImage image, double skewDegrees, boolean contrastStretched, double scale) {
    }

    private static final double MAX_SKEW = 8.0;
    private static final double SKEW_STEP = 0.2;
    private static final int MIN_LONG_SIDE = 1600;
    private static final int MAX_LONG_SIDE = 4200;

    private ImageCleanup() {
    }

    public static Result clean(BufferedImage source) {
        BufferedImage grey = grey(source);
        double scale = scaleFor(grey);
        if (scale != 1.0) {
            grey = scaled(grey, scale);
        }
        boolean stretched = stretchContrast(grey);
        double skew = estimateSkew(grey);
        BufferedImage straight = Math.abs(skew) >= 0.3 ? rotated(grey, -skew) : grey;
        return new Result(straight, skew, stretched, scale);
    }

    static BufferedImage grey(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            copy.getRaster().setRect(source.getRaster());
            return copy;
        }
        BufferedImage grey = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            // A transparent PNG is text on nothing: put it on white, as on paper.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grey.getWidth(), grey.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    private static double scaleFor(BufferedImage image) {
        int longSide = Math.max(image.getWidth(), image.getHeight());
        if (longSide < MIN_LONG_SIDE) {
            return Math.min(3.0, (double) MIN_LONG_SIDE / longSide);
        }
        if (longSide > MAX_LONG_SIDE) {
            return (double) MAX_LONG_SIDE / longSide;
        }
        return 1.0;
    }

    private static BufferedImage scaled(BufferedImage image, double scale) {
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Maps the darkest ink (0.5th percentile) to black and the paper (95th percentile: text covers far
     * less than 5% of a page) to white, in place. Paper must end up white, not grey: the corners that
     * straightening adds are white, and a grey page beside white corners makes Tesseract's own
     * thresholding take the paper for ink (measured on a faint photo turned 6°: nothing recognised
     * with grey paper, every character with white).
     * Returns false when the image already spans the range or is blank.
     */
    static boolean stretchContrast(BufferedImage grey) {
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int[] histogram = new int[256];
        for (byte p : pixels) {
            histogram[p & 0xFF]++;
        }
        int low = percentile(histogram, pixels.length, 0.005);
        int high = percentile(histogram, pixels.length, 0.95);
        if (high - low < 16 || (low <= 8 && high >= 247)) {
            return false;
        }
        if (high - low < 100) {
            // A strong stretch would amplify sensor noise as much as the text: average it out first.
            smooth(grey);
            Arrays.fill(histogram, 0);
            for (byte p : pixels) {
                histogram[p & 0xFF]++;
            }
            low = percentile(histogram, pixels.length, 0.005);
            high = percentile(histogram, pixels.length, 0.95);
            if (high - low < 8) {
                return false;
            }
        }
        int[] map = new int[256];
        for (int v = 0; v < 256; v++) {
            int stretched = (int) Math.round((v - low) * 255.0 / (high - low));
            map[v] = Math.max(0, Math.min(255, stretched));
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) map[pixels[i] & 0xFF];
        }
        return true;
    }

    /** 3x3 mean filter in place. */
    static void smooth(BufferedImage grey) {
        int width = grey.getWidth();
        int height = grey.getHeight();
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        byte[] source = pixels.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < width) {
                            sum += source[yy * width + xx] & 0xFF;
                            n++;
                        }
                    }
                }
                pixels[y * width + x] = (byte) (sum / n);
            }
        }
    }

    private static int percentile(int[] histogram, int total, double fraction) {
        long target = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen >= target) {
                return v;
            }
        }
        return 255;
    }

    /**
     * The angle (degrees, counter-clockwise positive) of the text lines: the rotation whose
     * horizontal projection of dark pixels is sharpest (lines and gaps alternate most strongly).
     * Works on a reduced copy so a 12-megapixel photo takes well under a second.
     */
    static double estimateSkew(BufferedImage grey) {
        double reduce = Math.min(1.0, 1000.0 / Math.max(grey.getWidth(), grey.getHeight()));
        BufferedImage small = reduce < 1.0 ? scaled(grey, reduce) : grey;
        int width = small.getWidth();
        int height = small.getHeight();
        byte[] pixels = ((DataBufferByte) small.getRaster().getDataBuffer()).getData();
        int threshold = otsu(pixels);
        int count = 0;
        for (byte p : pixels) {
            if ((p & 0xFF) < threshold) {
                count++;
            }
        }
        // Too little ink (a word or two) gives no reliable line direction.
        if (count < 3_000 || count > pixels.length / 2) {
            return 0;
        }
        int[] xs = new int[count];
        int[] ys = new int[count];
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((pixels[y * width + x] & 0xFF) < threshold) {
                    xs[k] = x;
                    ys[k] = y;
                    k++;
                }
            }
        }
        double bestAngle = 0;
        double bestScore = -1;
        double levelScore = -1;
        int bins = width + height + 2;
        for (double angle = -MAX_SKEW; angle <= MAX_SKEW + 1e-9; angle += SKEW_STEP) {
            double radians = Math.toRadians(angle);
            double sin = Math.sin(radians);
            double cos = Math.cos(radians);
            int[] profile = new int[bins];
            for (int i = 0; i < count; i++) {
                int bin = (int) Math.round(ys[i] * cos - xs[i] * sin) + width;
                if (bin >= 0 && bin < bins) {
                    profile[bin]++;
                }
            }
            double score = 0;
            for (int i = 1; i < bins; i++) {
                double d = profile[i] - profile[i - 1];
                score += d * d;
            }
            if (Math.abs(angle) < 1e-9) {
                levelScore = score;
            }
            if (score > bestScore) {
                bestScore = score;
                bestAngle = angle;
            }
        }
        // Only trust a clear winner; on pictures without text lines every angle scores alike.
        return bestScore > levelScore * 1.10 ? -bestAngle : 0;
    }

    private static int otsu(byte[] pixels) {
        int[] histogram = new int[256];
        for (byte p : pixels) {
            histogram[p & 0xFF]++;
        }
        long total = pixels.length;
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += (double) v * histogram[v];
        }
        double sumBackground = 0;
        long weightBackground = 0;
        double bestVariance = -1;
        int threshold = 128;
        for (int v = 0; v < 256; v++) {
            weightBackground += histogram[v];
            if (weightBackground == 0) {
                continue;
            }
            long weightForeground = total - weightBackground;
            if (weightForeground == 0) {
                break;
            }
            sumBackground += (double) v * histogram[v];
            double meanBackground = sumBackground / weightBackground;
            double meanForeground = (sum - sumBackground) / weightForeground;
            double variance = (double) weightBackground * weightForeground
                    * (meanBackground - meanForeground) * (meanBackground - meanForeground);
            if (variance > bestVariance) {
                bestVariance = variance;
                threshold = v + 1;
            }
        }
        return threshold;
    }

    /** Rotates about the centre by {@code degrees} (counter-clockwise positive), white corners. */
    static BufferedImage rotated(BufferedImage grey, double degrees) {
        double radians = Math.toRadians(degrees);
        double sin = Math.abs(Math.sin(radians));
        double cos = Math.abs(Math.cos(radians));
        int width = (int) Math.ceil(grey.getWidth() * cos + grey.getHeight() * sin);
        int height = (int) Math.ceil(grey.getHeight() * cos + grey.getWidth() * sin);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            AffineTransform transform = new AffineTransform();
            transform.translate(width / 2.0, height / 2.0);
            // Image y points down, so a counter-clockwise turn on paper is a negative angle here.
            transform.rotate(-radians);
            transform.translate(-grey.getWidth() / 2.0, -grey.getHeight() / 2.0);
            g.drawImage(grey, transform, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
