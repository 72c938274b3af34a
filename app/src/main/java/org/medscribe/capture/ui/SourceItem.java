package org.medscribe.capture.ui;

import org.medscribe.capture.DocumentProvenance;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.medscribe.capture.DocumentProvenance;

/**
 * One source of the encounter on screen: the typed or pasted note (editable), or an imported
 * document's text (read-only) with its page count and provenance. UI thread.
 */
public final class SourceItem {

    /** What the source is. */
    public enum Kind { NOTE, DOCUMENT }

    private final String id;
    private final Kind kind;
    private final String label;
    private final int pageCount;
    private final DocumentProvenance provenance;
    private final ReadOnlyStringWrapper text;

    public SourceItem(String id, Kind kind, String label, int pageCount, String text, DocumentProvenance provenance) {
        this.id = id;
        this.kind = kind;
        this.label = label;
        this.pageCount = pageCount;
        this.text = new ReadOnlyStringWrapper(text == null ? "" : text);
        this.provenance = provenance == null ? DocumentProvenance.UNKNOWN : provenance;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The file name of a document; null for the note (the view names it in the UI language). */
    public String label() {
        return label;
    }

    /** Pages of an imported document; 0 for the note. */
    public int pageCount() {
        return pageCount;
    }

    /** Where a document's text came from (file hash, media type, pages); {@link DocumentProvenance#UNKNOWN} for the note. */
    public DocumentProvenance provenance() {
        return provenance;
    }

    public ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }

    public boolean editable() {
        return kind == Kind.NOTE;
    }

    /** The doctor typed or pasted into the note. Ignored for imported documents. */
    public void edit(String value) {
        if (editable()) {
            text.set(value == null ? "" : value);
        }
    }
}
