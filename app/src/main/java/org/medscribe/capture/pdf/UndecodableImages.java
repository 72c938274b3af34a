package org.medscribe.capture.pdf;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Finds the images of a page that cannot be decoded: JPEG 2000 (no decoder ships with MedScribe) and
 * JBIG2 or CCITT data that is damaged. PDFBox draws such an image as nothing and only logs it, so a
 * scan made of one would read as a blank page: "no text" instead of the true reason. Only these codecs
 * are tried; the pixel cap has bounded every image before this runs. Stateless.
 */
final class UndecodableImages {

    private static final Set<COSName> OPTIONAL_CODECS = Set.of(COSName.JPX_DECODE, COSName.JBIG2_DECODE,
            COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);
    private static final int MAX_DEPTH = 16;

    private UndecodableImages() {
    }

    /** Whether {@code page} draws on an image in one of those codecs that does not decode. */
    static boolean onPage(PDPage page) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return page.getResources() != null && inResources(page.getResources().getCOSObject(), seen, 0);
    }

    private static boolean inResources(COSBase resources, Set<COSBase> seen, int depth) {
        if (!(resources instanceof COSDictionary dictionary) || depth > MAX_DEPTH || !seen.add(dictionary)
                || !(dictionary.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary xobjects)) {
            return false;
        }
        for (COSName name : xobjects.keySet()) {
            if (!(xobjects.getDictionaryObject(name) instanceof COSStream stream) || !seen.add(stream)) {
                continue;
            }
            if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                if (usesOptionalCodec(stream) && !decodes(stream)) {
                    return true;
                }
            } else if (inResources(stream.getDictionaryObject(COSName.RESOURCES), seen, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesOptionalCodec(COSStream stream) {
        COSBase filters = stream.getFilters();
        if (filters instanceof COSName name) {
            return OPTIONAL_CODECS.contains(name);
        }
        return filters instanceof COSArray array && array.size() > 0
                && array.getObject(array.size() - 1) instanceof COSName last && OPTIONAL_CODECS.contains(last);
    }

    private static boolean decodes(COSStream stream) {
        try {
            return new PDImageXObject(new PDStream(stream), null).getImage() != null;
        } catch (IOException | RuntimeException undecodable) {
            return false;
        }
    }
}
