package org.medscribe.capture.pdf;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * How many decoded bytes of drawing instructions reading one page parses: its content streams (one
 * listed twice is parsed twice), and once each the form XObjects, tiling patterns and annotation
 * appearances it can reach through its resources. Fonts and images are not counted: PDFBox reads a
 * font once per document, and text extraction does not decode images. Stateless apart from the
 * size function; not thread-safe.
 */
final class PageContent {

    /** Resources nested deeper than this are not followed (PDFBox stops far earlier). */
    private static final int MAX_DEPTH = 64;
    private static final COSName PATTERN = COSName.PATTERN;

    private final ToLongFunction<COSStream> decodedSize;

    PageContent(ToLongFunction<COSStream> decodedSize) {
        this.decodedSize = decodedSize;
    }

    long bytes(COSDictionary page) {
        long total = 0;
        COSBase contents = page.getDictionaryObject(COSName.CONTENTS);
        if (contents instanceof COSStream stream) {
            total += decodedSize.applyAsLong(stream);
        } else if (contents instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSStream stream) {
                    total += decodedSize.applyAsLong(stream);
                }
            }
        }
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        total += resources(inheritedResources(page), seen, 0);
        if (page.getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations) {
            for (int i = 0; i < annotations.size(); i++) {
                if (annotations.getObject(i) instanceof COSDictionary annotation
                        && annotation.getDictionaryObject(COSName.AP) instanceof COSDictionary appearance) {
                    total += appearance(appearance.getDictionaryObject(COSName.N), seen);
                }
            }
        }
        return total;
    }

    /** A page's resources, or those of the nearest page-tree node above it that has them. */
    private static COSDictionary inheritedResources(COSDictionary page) {
        COSDictionary node = page;
        for (int depth = 0; node != null && depth < MAX_DEPTH; depth++) {
            if (node.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources) {
                return resources;
            }
            node = node.getDictionaryObject(COSName.PARENT) instanceof COSDictionary parent ? parent : null;
        }
        return null;
    }

    private long appearance(COSBase normal, Set<COSBase> seen) {
        if (normal instanceof COSStream stream) {
            return form(stream, seen, 0);
        }
        long total = 0;
        if (normal instanceof COSDictionary states) {
            for (COSName state : states.keySet()) {
                if (states.getDictionaryObject(state) instanceof COSStream stream) {
                    total += form(stream, seen, 0);
                }
            }
        }
        return total;
    }

    private long resources(COSDictionary resources, Set<COSBase> seen, int depth) {
        if (resources == null || depth > MAX_DEPTH || !seen.add(resources)) {
            return 0;
        }
        long total = 0;
        for (COSName category : new COSName[] {COSName.XOBJECT, PATTERN}) {
            if (resources.getDictionaryObject(category) instanceof COSDictionary entries) {
                for (COSName name : entries.keySet()) {
                    if (entries.getDictionaryObject(name) instanceof COSStream stream
                            && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                        total += form(stream, seen, depth + 1);
                    }
                }
            }
        }
        return total;
    }

    /** A form XObject, tiling pattern or appearance: its own instructions and what it draws on. */
    private long form(COSStream stream, Set<COSBase> seen, int depth) {
        if (!seen.add(stream)) {
            return 0;
        }
        long total = decodedSize.applyAsLong(stream);
        if (stream.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources) {
            total += resources(resources, seen, depth);
        }
        return total;
    }
}
