package org.medscribe.capture.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.medscribe.common.MedScribeException;

/**
 * Decodes every stream of a document into a counting sink before PDFBox touches it, and refuses the
 * document when one would expand past the cap, or when all streams but images together would (many
 * streams each just under the cap). PDFBox decodes a stream into memory in one piece, so a few
 * kilobytes of Flate-compressed zeros would otherwise become gigabytes of heap. Then
 * {@link #checkPages} adds up what each page to be read draws on ({@link PageContent}): a stream
 * shared by every page is parsed again on every page.
 *
 * <p>Image codecs (JPEG, JPEG 2000, JBIG2, CCITT) are not run here: they decode to pixels, which the
 * declared image size already bounds and which {@link #checkImageSize} checks. Images do not count
 * towards the content budgets either: the pixel cap bounds them, and text extraction does not decode them.
 */
final class StreamBudget {

    private static final long MB = 1024 * 1024;

    private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private final long maxDecodedBytes;
    private final long maxImagePixels;
    private final PdfLimits limits;
    /** Decoded size of every stream but images, as measured by {@link #check}. */
    private final Map<COSStream, Long> decodedSizes = new IdentityHashMap<>();
    private long contentTotal;

    StreamBudget(PdfLimits limits) {
        this.limits = limits;
        this.maxDecodedBytes = limits.maxDecodedStreamBytes();
        this.maxImagePixels = limits.maxImagePixels();
    }

    /** Checks every stream the cross-reference table knows. Unreadable objects are left to the reader. */
    void check(COSDocument document) {
        for (COSObjectKey key : new ArrayList<>(document.getXrefTable().keySet())) {
            COSBase object;
            try {
                COSObject holder = document.getObjectFromPool(key);
                object = holder == null ? null : holder.getObject();
            } catch (RuntimeException broken) {
                continue;
            }
            if (object instanceof COSStream stream) {
                checkImageSize(stream);
                long size = checkDecodedSize(stream);
                if (!isImage(stream)) {
                    decodedSizes.put(stream, size);
                    contentTotal += size;
                    if (contentTotal > limits.maxContentBytesPerDocument()) {
                        throw new MedScribeException(MedScribeException.Category.BAD_INPUT,
                                "capture.pdf.content.too.large", limits.maxContentBytesPerDocument() / MB);
                    }
                }
            }
        }
    }

    /**
     * Refuses the document when one of its first {@code pages} pages draws on more decoded
     * instructions than a page may, or all of them together on more than a document may.
     */
    void checkPages(PDDocument document, int pages) {
        PageContent content = new PageContent(this::decodedSize);
        long total = 0;
        for (int index = 0; index < pages; index++) {
            long page;
            try {
                page = content.bytes(document.getPage(index).getCOSObject());
            } catch (IllegalStateException | IndexOutOfBoundsException broken) {
                continue; // a page PDFBox cannot find is the reader's problem
            }
            if (page > limits.maxContentBytesPerPage()) {
                throw new MedScribeException(MedScribeException.Category.BAD_INPUT,
                        "capture.pdf.page.content.too.large", index + 1, page / MB,
                        limits.maxContentBytesPerPage() / MB);
            }
            total += page;
            if (total > limits.maxContentBytesPerDocument()) {
                throw new MedScribeException(MedScribeException.Category.BAD_INPUT,
                        "capture.pdf.content.too.large", limits.maxContentBytesPerDocument() / MB);
            }
        }
    }

    /** The decoded size of a stream {@link #check} measured; measured now for one it did not see. */
    private long decodedSize(COSStream stream) {
        Long known = decodedSizes.get(stream);
        if (known != null) {
            return known;
        }
        long size = checkDecodedSize(stream);
        decodedSizes.put(stream, size);
        return size;
    }

    private static boolean isImage(COSStream stream) {
        return COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE));
    }

    void checkImageSize(COSStream stream) {
        if (!COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            return;
        }
        long width = Math.max(0, stream.getInt(COSName.WIDTH, stream.getInt(COSName.W, 0)));
        long height = Math.max(0, stream.getInt(COSName.HEIGHT, stream.getInt(COSName.H, 0)));
        if (width * height > maxImagePixels) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "capture.pdf.image.too.large",
                    width, height);
        }
    }

    /** What {@code stream} decodes to (as far as it decodes), in bytes; its raw length when it has no filter. */
    private long checkDecodedSize(COSStream stream) {
        List<COSName> filterNames = filterNames(stream);
        int generic = filterNames.size();
        while (generic > 0 && IMAGE_CODECS.contains(filterNames.get(generic - 1))) {
            generic--;
        }
        if (generic == 0) {
            return Math.max(0, stream.getLength());
        }
        CountingSink sink = new CountingSink(maxDecodedBytes);
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream input = raw;
            for (int i = 0; i < generic; i++) {
                Filter filter = FilterFactory.INSTANCE.getFilter(filterNames.get(i));
                boolean last = i == generic - 1;
                if (last) {
                    filter.decode(input, sink, stream, i);
                } else {
                    // Chained filters are rare; the intermediate result is bounded by the same cap.
                    BoundedBuffer buffer = new BoundedBuffer(maxDecodedBytes);
                    filter.decode(input, buffer, stream, i);
                    input = new ByteArrayInputStream(buffer.toByteArray());
                }
            }
        } catch (TooLarge tooLarge) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "capture.pdf.stream.too.large",
                    maxDecodedBytes / (1024 * 1024));
        } catch (IOException | RuntimeException corrupt) {
            // A stream that does not decode is the reader's problem (it skips or repairs it), not a bomb;
            // what decoded before the damage still counts.
        }
        return sink.count;
    }

    private static List<COSName> filterNames(COSStream stream) {
        COSBase filters = stream.getFilters();
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Thrown from inside a filter; unchecked so that no filter's own IOException handling swallows it. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class CountingSink extends OutputStream {
        private final long cap;
        private long count;

        CountingSink(long cap) {
            this.cap = cap;
        }

        @Override
        public void write(int b) {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            add(len);
        }

        private void add(long n) {
            count += n;
            if (count > cap) {
                throw new TooLarge();
            }
        }
    }

    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final long cap;

        BoundedBuffer(long cap) {
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1L > cap) {
                throw new TooLarge();
            }
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > cap) {
                throw new TooLarge();
            }
            super.write(b, off, len);
        }
    }
}
