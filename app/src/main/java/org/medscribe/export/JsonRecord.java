package org.medscribe.export;

import org.medscribe.record.RecordFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The record as structured JSON for systems that import records: a small, stable shape
 * ({@code format: "medscribe.record/1"}) independent of how drafting stores its drafts. Stateless.
 */
public final class JsonRecord {

    public static final String FORMAT = "medscribe.record/1";

    private JsonRecord() {
    }

    public static String render(RecordDocument record, ClinicHeader clinic) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("template", record.template());
        root.put("title", new RecordLabels(record).title(record));
        root.put("language", record.language());
        root.put("status", record.status().name().toLowerCase(java.util.Locale.ROOT));
        if (clinic != null && !clinic.isEmpty()) {
            ObjectNode c = root.putObject("clinic");
            c.put("name", clinic.name());
            c.put("address", clinic.address());
        }
        RecordFile.Patient p = record.patient();
        ObjectNode patient = root.putObject("patient");
        patient.put("name", p.name());
        patient.put("sex", p.sex());
        patient.put("birth_date", p.birthDate());
        patient.put("age", p.age());
        patient.put("mrn", p.mrn());
        root.put("encounter_date", record.encounterDate());
        ArrayNode sections = root.putArray("sections");
        for (RecordDocument.Section section : record.sections()) {
            ObjectNode s = sections.addObject();
            s.put("id", section.id());
            s.put("title", section.title());
            s.put("text", section.text());
        }
        RecordFile.Signature signature = record.signature();
        if (signature != null) {
            ObjectNode sig = root.putObject("signature");
            sig.put("signer", signature.signer());
            sig.put("signed_at", signature.signedAt());
            if (signature.version() != null) {
                sig.put("version", signature.version());
            }
            sig.put("content_hash", signature.contentHash());
        }
        root.put("content_hash", RecordFingerprint.of(record));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
