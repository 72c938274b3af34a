package org.medscribe.capture.pdf;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationPopup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws the visible annotations (free text, stamps, typewriter notes) of each page into the page's
 * content, in this in-memory copy only, so their text is read in place like printed text. Viewers
 * show these on the page; the text stripper alone would miss them. Sticky-note icons, links, popups
 * and hidden annotations are left out: a reader does not see their text on the page.
 */
final class AnnotationAppearances {

    private static final int MAX_PER_PAGE = 500;

    private AnnotationAppearances() {
    }

    static void flatten(PDDocument document, int maxPages) {
        int number = 0;
        for (PDPage page : document.getPages()) {
            if (++number > maxPages) {
                return;
            }
            try {
                flatten(document, page);
            } catch (IOException | RuntimeException unreadable) {
                // a page whose annotations cannot be drawn keeps its own content
            }
        }
    }

    private static void flatten(PDDocument document, PDPage page) throws IOException {
        List<PDAnnotation> annotations = page.getAnnotations();
        if (annotations.isEmpty()) {
            return;
        }
        List<PDAnnotation> kept = new ArrayList<>();
        List<PDAnnotation> drawn = new ArrayList<>();
        for (PDAnnotation annotation : annotations) {
            if (drawn.size() < MAX_PER_PAGE && drawable(annotation)) {
                drawn.add(annotation);
            } else {
                kept.add(annotation);
            }
        }
        if (drawn.isEmpty()) {
            return;
        }
        try (PDPageContentStream content = new PDPageContentStream(document, page,
                PDPageContentStream.AppendMode.APPEND, true, true)) {
            for (PDAnnotation annotation : drawn) {
                PDAppearanceStream appearance = annotation.getNormalAppearanceStream();
                content.saveGraphicsState();
                content.transform(placement(annotation, appearance));
                content.drawForm(new PDFormXObject(appearance.getCOSObject()));
                content.restoreGraphicsState();
            }
        }
        page.setAnnotations(kept);
    }

    private static boolean drawable(PDAnnotation annotation) {
        if (annotation instanceof PDAnnotationWidget || annotation instanceof PDAnnotationLink
                || annotation instanceof PDAnnotationPopup || annotation instanceof PDAnnotationText) {
            return false;
        }
        if (annotation.isHidden() || annotation.isInvisible() || annotation.isNoView()) {
            return false;
        }
        PDAppearanceStream appearance = annotation.getNormalAppearanceStream();
        PDRectangle rect = annotation.getRectangle();
        if (appearance == null || rect == null || appearance.getBBox() == null) {
            return false;
        }
        return appearance.getBBox().getWidth() > 0 && appearance.getBBox().getHeight() > 0
                && rect.getWidth() > 0 && rect.getHeight() > 0;
    }

    /** Maps the appearance's transformed bounding box onto the annotation rectangle (PDF 32000, 12.5.5). */
    private static Matrix placement(PDAnnotation annotation, PDAppearanceStream appearance) {
        Rectangle2D box = appearance.getBBox().transform(appearance.getMatrix()).getBounds2D();
        PDRectangle rect = annotation.getRectangle();
        Matrix matrix = Matrix.getTranslateInstance(rect.getLowerLeftX(), rect.getLowerLeftY());
        matrix.scale((float) (rect.getWidth() / box.getWidth()), (float) (rect.getHeight() / box.getHeight()));
        matrix.translate((float) -box.getX(), (float) -box.getY());
        return matrix;
    }
}
