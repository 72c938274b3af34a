package org.medscribe.common;

/** The user cancelled the operation. Not an error to report, only to stop on. */
public final class CancelledException extends MedScribeException {

    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super(Category.CANCELLED, "common.cancelled");
    }
}
