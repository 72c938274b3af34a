package org.medscribe.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * What the store keeps with a signature made despite critical findings: who, when, why, and which
 * findings were overridden. Immutable.
 *
 * @param reason       the doctor's reason, as typed (stripped)
 * @param clinician    the signing clinician's id
 * @param overriddenAt when
 * @param findings     the critical findings that were overridden
 */
public record SigningOverride(String reason, String clinician, Instant overriddenAt, List<OverriddenFinding> findings) {

    /** The shortest reason accepted, in characters: "已核实" is a reason, "ok" or "." is not. */
    public static final int MIN_REASON_LENGTH = 3;
    public static final int MAX_REASON_LENGTH = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One overridden finding, as stored: enough to show later what was waived, without the record. */
    public record OverriddenFinding(String rule, String severity, String source, String section, int start, int end,
                                    String messageKey) {
    }

    public SigningOverride {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(clinician, "clinician");
        Objects.requireNonNull(overriddenAt, "overriddenAt");
        findings = List.copyOf(findings);
    }

    static SigningOverride of(SigningDecision.Blocked blocked, String reason, String clinician, Instant at) {
        String why = reason == null ? "" : reason.strip();
        if (why.codePoints().filter(Character::isLetterOrDigit).count() < MIN_REASON_LENGTH) {
            throw new MedScribeException(Category.BAD_INPUT, "quality.error.overrideReasonMissing", MIN_REASON_LENGTH);
        }
        if (why.length() > MAX_REASON_LENGTH) {
            throw new MedScribeException(Category.BAD_INPUT, "quality.error.overrideReasonTooLong", MAX_REASON_LENGTH);
        }
        if (clinician == null || clinician.isBlank()) {
            throw new MedScribeException(Category.BAD_INPUT, "quality.error.overrideClinicianMissing");
        }
        List<OverriddenFinding> waived = blocked.blocking().stream()
                .map(f -> new OverriddenFinding(f.rule(), f.severity().code(), f.source().code(), f.section(), f.start(),
                        f.end(), f.messageKey()))
                .toList();
        return new SigningOverride(why, clinician.strip(), at, waived);
    }

    /** The override as JSON, for the store's signature row (ISO-8601 time). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("reason", reason);
        root.put("clinician", clinician);
        root.put("overridden_at", overriddenAt.toString());
        ArrayNode list = root.putArray("findings");
        for (OverriddenFinding f : findings) {
            ObjectNode node = list.addObject();
            node.put("rule", f.rule());
            node.put("severity", f.severity());
            node.put("source", f.source());
            node.put("section", f.section());
            node.put("start", f.start());
            node.put("end", f.end());
            node.put("message_key", f.messageKey());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("override not serialisable", e);
        }
    }
}
