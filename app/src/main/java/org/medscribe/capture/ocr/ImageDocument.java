package org.medscribe.capture.ocr;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * A photo or scan file (PNG, JPEG, TIFF — one image per page), read page by page. Each image's size
 * is checked before its pixels are decoded, so a small file claiming a gigapixel image is refused
 * rather than decoded; a phone photo is turned upright by its EXIF orientation.
 *
 * <p>Not thread-safe. {@link #close()} releases the decoder and the file.
 */
public final class ImageDocument implements AutoCloseable {

    private final Path file;
    private final ImageInputStream input;
    private final ImageReader reader;
    private final int pages;
    private final long maxPixels;
    private final int orientation;

    private ImageDocument(Path file, ImageInputStream input, ImageReader reader, int pages, long maxPixels,
            int orientation) {
        this.file = file;
        this.input = input;
        this.reader = reader;
        this.pages = pages;
        this.maxPixels = maxPixels;
        this.orientation = orientation;
    }

    /**
     * @throws MedScribeException BAD_INPUT when no image decoder accepts the file
     */
    public static ImageDocument open(Path file, long maxPixels, int maxPages) {
        ImageInputStream input = null;
        try {
            input = ImageIO.createImageInputStream(file.toFile());
            if (input == null) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.image.unreadable");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.image.unreadable");
            }
            ImageReader reader = readers.next();
            reader.setInput(input, false, true);
            int count = reader.getNumImages(true);
            if (count < 1) {
                reader.dispose();
                throw new MedScribeException(Category.BAD_INPUT, "capture.image.unreadable");
            }
            String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
            int orientation = format.contains("jp") ? exifOrientation(file) : 1;
            return new ImageDocument(file, input, reader, Math.min(count, maxPages), maxPixels, orientation);
        } catch (IOException | RuntimeException broken) {
            closeQuietly(input);
            if (broken instanceof MedScribeException refused) {
                throw refused;
            }
            throw new MedScribeException(Category.BAD_INPUT, broken, "capture.image.unreadable");
        }
    }

    /** Pages that will be read (a multi-page TIFF may have more, up to the page cap). */
    public int pageCount() {
        return pages;
    }

    /** The image of page {@code index} (0-based), upright. */
    public BufferedImage page(int index) {
        try {
            long width = reader.getWidth(index);
            long height = reader.getHeight(index);
            if (width * height > maxPixels) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.image.too.large", width, height);
            }
            BufferedImage image = reader.read(index);
            return index == 0 ? upright(image, orientation) : image;
        } catch (IOException | RuntimeException broken) {
            if (broken instanceof MedScribeException refused) {
                throw refused;
            }
            throw new MedScribeException(Category.BAD_INPUT, broken, "capture.image.unreadable");
        }
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(input);
    }

    private static void closeQuietly(ImageInputStream input) {
        if (input != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Applies EXIF orientation 3 (upside down), 6 (turned right) or 8 (turned left). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        double quarterTurns = switch (orientation) {
            case 3 -> 2;
            case 6 -> 1;
            case 8 -> 3;
            default -> 0;
        };
        if (quarterTurns == 0) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = quarterTurns != 2;
        AffineTransform t = new AffineTransform();
        t.translate(swap ? h / 2.0 : w / 2.0, swap ? w / 2.0 : h / 2.0);
        t.rotate(quarterTurns * Math.PI / 2);
        t.translate(-w / 2.0, -h / 2.0);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h,
                image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_RGB : image.getType());
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }

    /**
     * The EXIF orientation tag (1..8) of a JPEG, 1 when absent. Reads only the APP1 segment headers,
     * bounded, and never trusts an offset outside the segment.
     */
    static int exifOrientation(Path jpeg) {
        try (InputStream raw = Files.newInputStream(jpeg); DataInputStream in = new DataInputStream(raw)) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            for (int segment = 0; segment < 32; segment++) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return 1;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                if (marker == 0xFFE1 && length >= 14) {
                    byte[] data = in.readNBytes(length);
                    if (data.length == length && data[0] == 'E' && data[1] == 'x' && data[2] == 'i' && data[3] == 'f') {
                        return orientationFromTiff(data, 6);
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
        } catch (EOFException | RuntimeException truncated) {
            return 1;
        } catch (IOException unreadable) {
            return 1;
        }
        return 1;
    }

    private static int orientationFromTiff(byte[] d, int base) {
        boolean little = d[base] == 'I' && d[base + 1] == 'I';
        int ifd = base + readInt(d, base + 4, little);
        if (ifd < base || ifd + 2 > d.length) {
            return 1;
        }
        int entries = readShort(d, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if (entry + 12 > d.length) {
                return 1;
            }
            if (readShort(d, entry, little) == 0x0112) {
                int value = readShort(d, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int readShort(byte[] d, int at, boolean little) {
        int a = d[at] & 0xFF;
        int b = d[at + 1] & 0xFF;
        return little ? a | (b << 8) : (a << 8) | b;
    }

    private static int readInt(byte[] d, int at, boolean little) {
        if (at + 4 > d.length) {
            return -1;
        }
        int a = d[at] & 0xFF;
        int b = d[at + 1] & 0xFF;
        int c = d[at + 2] & 0xFF;
        int e = d[at + 3] & 0xFF;
        return little ? a | (b << 8) | (c << 16) | (e << 24) : (a << 24) | (b << 16) | (c << 8) | e;
    }

    @Override
    public String toString() {
        return "ImageDocument[" + file.getFileName() + ", " + pages + " page(s)]";
    }
}
