package org.medscribe.record;

import java.util.List;

/**
 * A record as a file gives it ({@link RecordJson#readFile}): the kept JSON, a draft written by
 * {@code bin/medscribe draft}, a signed record, or a record from another system in a near shape. What
 * a reader of such files needs; each field as written (stripped), null when the file does not say.
 * Quality control reads it for review, export for printing. Immutable.
 *
 * @param template        template id, or null
 * @param templateVersion template version, or null
 * @param title           the record's title ("门诊病历"), or null
 * @param language        language code as written ({@code zh}, {@code en-GB}), or null
 * @param status          {@code draft}, {@code signed}…, or null
 * @param patient         the patient block (fields null when absent)
 * @param encounterDate   date of the encounter as written, or null
 * @param sections        the sections in file order; null when the file has none (no list or object)
 * @param signature       who signed and when, or null when the file names no signature
 */
public record RecordFile(String template, String templateVersion, String title, String language, String status,
                         Patient patient, String encounterDate, List<Section> sections, Signature signature) {

    public RecordFile {
        patient = patient == null ? Patient.empty() : patient;
        sections = sections == null ? null : List.copyOf(sections);
    }

    /** The patient block a record is printed with; fields may be null. */
    public record Patient(String name, String sex, String birthDate, String age, String mrn) {
        public static Patient empty() {
            return new Patient(null, null, null, null, null);
        }
    }

    /**
     * @param signer      the signing clinician's name
     * @param signedAt    when, as written (ISO-8601 expected)
     * @param version     record version, or null
     * @param contentHash hash of the signed content as the signing feature wrote it, or null
     * @param amendmentReason why this version amends an earlier signed one, or null for a first signature
     */
    public record Signature(String signer, String signedAt, Integer version, String contentHash,
                            String amendmentReason) {

        public Signature(String signer, String signedAt, Integer version, String contentHash) {
            this(signer, signedAt, version, contentHash, null);
        }

        /** An amendment: a version after the first, or one given with its reason. */
        public boolean amendment() {
            return amendmentReason != null || version != null && version > 1;
        }
    }

    /**
     * One section.
     *
     * @param id         its id (or key, or {@code section} field), or null when the file gives none
     * @param title      its heading, or null
     * @param status     as written ({@code drafted}, {@code edited}, {@code not_documented}), or null
     * @param text       its plain text exactly as written (may be ""), or null when it gives only statements
     * @param statements its statements, blank ones left out
     */
    public record Section(String id, String title, String status, String text, List<Line> statements) {
        public Section {
            statements = List.copyOf(statements);
        }
    }

    /**
     * A statement of a section as written.
     *
     * @param text              the statement
     * @param supported         the evidence verdict written with it, or null when none is
     * @param unsupportedReason why it is unsupported (a reason's wire name), or null
     * @param evidence          its evidence as written
     */
    public record Line(String text, Boolean supported, String unsupportedReason, List<Evidence> evidence) {
        public Line {
            evidence = List.copyOf(evidence);
        }
    }
}
