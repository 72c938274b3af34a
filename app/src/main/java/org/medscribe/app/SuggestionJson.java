package org.medscribe.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;

/** A suggested diagnosis as kept with the encounter: name, code, likelihood, findings and their evidence. */
final class SuggestionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuggestionJson() {
    }

    static String of(DiagnosticSuggesting.Diagnosis diagnosis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", diagnosis.name());
        out.put("icd10", diagnosis.icd10());
        out.put("likelihood", diagnosis.likelihood() == null ? null : diagnosis.likelihood().key());
        out.put("findings_for", findings(diagnosis.findingsFor()));
        out.put("findings_against", findings(diagnosis.findingsAgainst()));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> findings(List<DiagnosticSuggesting.ClinicalFinding> findings) {
        return findings.stream().map(finding -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("text", finding.text());
            one.put("supported", finding.supported());
            one.put("evidence", finding.evidence().stream()
                    .map(span -> Map.of("source", span.source(), "start", span.start(), "end", span.end())).toList());
            return one;
        }).toList();
    }
}
