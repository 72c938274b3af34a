package org.medscribe.review.ui;

import org.medscribe.review.Encounters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.medscribe.quality.RecordQuality;

/**
 * Signing, amending and exporting records, as the signing panel needs them. The composition root
 * adapts the encounter store, quality control's signing gate and the export to it. Blocking: io
 * executor.
 */
public interface Signing {

    /**
     * The store's id for this clinician: {@code knownId} when the store knows it, else a new
     * registration (once per clinician).
     */
    String registerClinician(String knownId, String name, String role);

    /**
     * Runs the rule checks and signs when no critical finding stands, or when the doctor gave
     * {@code overrideReason} for them (kept with each overridden finding, beside the signature).
     *
     * @throws org.medscribe.common.MedScribeException BAD_INPUT for a reason too short, nothing to
     *         sign, an already signed record
     */
    Outcome sign(Request request, String clinicianId, String overrideReason);

    /** Signs the edited record as an amendment of the latest signed one, for {@code amendmentReason}. */
    Outcome amend(Request request, String clinicianId, String amendmentReason, String overrideReason);

    /** The encounter's signed records (oldest first) and draft versions. */
    History history(String encounterId);

    /**
     * The text of the encounter's signed record {@code version} exactly as it was signed (headings and
     * sections), for reading it or comparing it with another version.
     */
    default String signedText(String encounterId, int version) {
        return "";
    }

    /** Asks a supervising clinician to co-sign the latest signed record ({@code clinicianId} signed it). */
    default void requestCosignature(String encounterId, String clinicianId) {
    }

    /** Co-signs the latest signed record as {@code clinicianId} (not its signer), when it was asked. */
    default void cosign(String encounterId, String clinicianId) {
    }

    /** Writes the latest signed record of the encounter as a PDF with the clinic's letterhead. */
    void exportPdf(String encounterId, Letterhead letterhead, Path target);

    /** The encounter and its record and sources as they stand. */
    record Request(String encounterId, Encounters.Content content, List<RecordQuality.Source> sources) {
    }

    /** The clinic's letterhead (any part may be null). */
    record Letterhead(String name, String address, String logo) {
    }

    /** What a signing attempt came to. */
    sealed interface Outcome permits Signed, Blocked {
        RecordQuality.Report report();
    }

    /** Signed; {@code report} is the check it passed (or whose critical findings were overridden). */
    record Signed(SignedRecord record, RecordQuality.Report report) implements Outcome {
    }

    /** Not signed: critical findings stand and no reason was given. */
    record Blocked(RecordQuality.Report report, List<RecordQuality.Finding> blocking) implements Outcome {
    }

    /**
     * A signed record or amendment.
     *
     * @param overridden critical findings signed over, with the reason below
     */
    record SignedRecord(int version, String signer, String signerRole, Instant signedAt, String contentSha256,
                        String amendmentReason, int overridden, String overrideReason) {
    }

    /**
     * The co-signature of the latest signed record: asked for by {@code requestedBy}, given by
     * {@code cosignedBy} (names; null where not).
     */
    record Cosign(boolean requested, String requestedBy, String cosignedBy) {

        public static final Cosign NONE = new Cosign(false, null, null);

        public boolean awaiting() {
            return requested && cosignedBy == null;
        }
    }

    /** A version of the draft: {@code generated} by the model or edited by {@code author}. */
    record Version(int number, boolean generated, String author, Instant at) {
    }

    /**
     * @param amendmentInProgress the record was edited after its latest signature (an amendment not
     *                            yet signed): it opens editable, as an amendment
     */
    record History(List<SignedRecord> signed, List<Version> versions, boolean amendmentInProgress, Cosign cosign) {

        public History {
            signed = List.copyOf(signed);
            versions = List.copyOf(versions);
            cosign = cosign == null ? Cosign.NONE : cosign;
        }

        public History(List<SignedRecord> signed, List<Version> versions, boolean amendmentInProgress) {
            this(signed, versions, amendmentInProgress, Cosign.NONE);
        }

        public SignedRecord latest() {
            return signed.isEmpty() ? null : signed.get(signed.size() - 1);
        }
    }
}
