package org.medscribe.capture.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.pdmodel.interactive.form.PDXFAResource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Values entered into a PDF form. PDFBox's text stripper reads only the page content, and a filled
 * field's value lives in the form, so a filled referral form would otherwise come out blank.
 * AcroForm fields are read with their page; XFA form data (an XML packet) is read as label/value
 * pairs from its data section, without the XFA layout.
 */
final class FormFields {

    private static final int MAX_FIELDS = 5_000;
    private static final int MAX_VALUE_CHARS = 4_000;
    private static final int MAX_XFA_BYTES = 20 * 1024 * 1024;
    private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)");
    private static final Pattern DATASETS_OPEN = Pattern.compile("<([A-Za-z_][\\w.-]*:)?datasets[\\s>]");

    private FormFields() {
    }

    static List<FormFieldValue> acroForm(PDDocument document) {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        List<FormFieldValue> values = new ArrayList<>();
        if (form == null) {
            return values;
        }
        Map<COSDictionary, Integer> widgetPages = widgetPages(document);
        for (PDField field : form.getFieldTree()) {
            if (values.size() >= MAX_FIELDS) {
                break;
            }
            if (!(field instanceof PDTerminalField terminal) || field instanceof PDSignatureField) {
                continue;
            }
            String value = value(terminal);
            if (value == null || value.isBlank()) {
                continue;
            }
            InvisibleCharacters.Cleaned cleaned = InvisibleCharacters.clean(value);
            String visible = cleaned.text().strip();
            if (!visible.isEmpty() || cleaned.removed() > 0) {
                values.add(new FormFieldValue(page(terminal, widgetPages), label(field), cap(visible), cleaned.removed(),
                        cap(cleaned.smuggled())));
            }
        }
        return values;
    }

    private static String value(PDTerminalField field) {
        try {
            if (field instanceof PDCheckBox box) {
                return box.isChecked() ? "yes" : null;
            }
            String value = field.getValueAsString();
            if (field instanceof PDButton && "Off".equals(value)) {
                return null;
            }
            return value;
        } catch (RuntimeException broken) {
            return null;
        }
    }

    private static String label(PDField field) {
        String alternate = field.getAlternateFieldName();
        if (alternate != null && !alternate.isBlank()) {
            return cap(InvisibleCharacters.clean(alternate).text().strip().replaceAll("\\s+", " "));
        }
        String partial = field.getPartialName();
        return partial == null ? "" : cap(partial);
    }

    private static int page(PDTerminalField field, Map<COSDictionary, Integer> widgetPages) {
        for (PDAnnotationWidget widget : field.getWidgets()) {
            Integer page = widgetPages.get(widget.getCOSObject());
            if (page != null) {
                return page;
            }
        }
        return 1;
    }

    private static Map<COSDictionary, Integer> widgetPages(PDDocument document) {
        Map<COSDictionary, Integer> pages = new IdentityHashMap<>();
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            try {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationWidget) {
                        pages.putIfAbsent(annotation.getCOSObject(), number);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // a page whose annotations do not parse simply places no fields
            }
        }
        return pages;
    }

    /**
     * The data section of an XFA form as "name: value" lines, or an empty list when there is none.
     */
    static List<String> xfaData(PDDocument document) {
        List<String> lines = new ArrayList<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null || !form.hasXFA()) {
            return lines;
        }
        PDXFAResource xfa = form.getXFA();
        try {
            byte[] bytes = xfa.getBytes();
            if (bytes.length > MAX_XFA_BYTES) {
                return lines;
            }
            // Only the datasets packet: the template packet of real forms is often not well-formed XML.
            String packets = new String(bytes, StandardCharsets.UTF_8);
            Matcher open = DATASETS_OPEN.matcher(packets);
            if (!open.find()) {
                return lines;
            }
            String closeTag = "</" + (open.group(1) == null ? "" : open.group(1)) + "datasets>";
            int end = packets.indexOf(closeTag, open.start());
            if (end < 0) {
                return lines;
            }
            // Adobe's writers leave bare ampersands in list values; escape them so a strict parser accepts it.
            String datasets = BARE_AMPERSAND.matcher(packets.substring(open.start(), end + closeTag.length()))
                    .replaceAll("&amp;");
            org.w3c.dom.Document xml = safeBuilder().parse(
                    new ByteArrayInputStream(datasets.getBytes(StandardCharsets.UTF_8)));
            NodeList children = xml.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element data && "data".equals(data.getLocalName())) {
                    collect(data, lines);
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException unreadable) {
            return lines;
        }
        return lines;
    }

    private static void collect(Node node, List<String> lines) {
        if (lines.size() >= MAX_FIELDS) {
            return;
        }
        NodeList children = node.getChildNodes();
        boolean hasElementChild = false;
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                hasElementChild = true;
                collect(child, lines);
            }
        }
        if (!hasElementChild && node instanceof Element element) {
            String text = element.getTextContent();
            if (text != null && !text.isBlank()) {
                String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
                String visible = InvisibleCharacters.clean(text).text().strip().replaceAll("\\s+", " ");
                if (!visible.isEmpty()) {
                    lines.add(cap(name) + ": " + cap(visible));
                }
            }
        }
    }

    /** XML from an untrusted file: no DTDs, no external entities, no XInclude. */
    private static DocumentBuilder safeBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
        return builder;
    }

    private static String cap(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS);
    }
}
