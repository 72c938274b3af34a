package org.medscribe.storage;

import org.medscribe.record.Severity;
/** A quality finding to keep: the rule, severity, the section it points at, its JSON (message, fix; encrypted). */
public record NewFinding(String ruleId, Severity severity, String sectionId, String contentJson) {
}
