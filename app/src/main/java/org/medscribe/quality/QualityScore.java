package org.medscribe.quality;

import org.medscribe.record.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's quality score, 0–100, and its grade, after the Chinese hospital convention for record
 * grading (甲 ≥ 90, 乙 75–89, 丙 &lt; 75) with a single-item veto (单项否决): any critical finding
 * caps the score at 74, i.e. grade C.
 *
 * <p>Deductions: a rule finding costs 15 (critical), 5 (major) or 1 (minor) points; a model finding
 * 3 (major) or 1 (minor), because it is a model's judgement (model findings are never critical). A
 * rule counts at most twice, so one defect repeated in every line does not erase the score.
 *
 * @param value    0–100
 * @param grade    A, B or C
 * @param critical number of critical findings
 * @param major    number of major findings
 * @param minor    number of minor findings
 */
public record QualityScore(int value, Grade grade, int critical, int major, int minor) {

    /** 甲 (A), 乙 (B), 丙 (C). */
    public enum Grade { A, B, C }

    public static final int CRITICAL_CAP = 74;
    static final int MAX_COUNTED_PER_RULE = 2;

    public static QualityScore of(List<Finding> findings) {
        Map<String, Integer> counted = new HashMap<>();
        int deduction = 0;
        int critical = 0;
        int major = 0;
        int minor = 0;
        for (Finding finding : findings) {
            switch (finding.severity()) {
                case CRITICAL -> critical++;
                case MAJOR -> major++;
                case MINOR -> minor++;
            }
            String key = finding.source() + "/" + finding.rule();
            int times = counted.merge(key, 1, Integer::sum);
            if (times <= MAX_COUNTED_PER_RULE) {
                deduction += cost(finding);
            }
        }
        int value = Math.max(0, 100 - deduction);
        if (critical > 0) {
            value = Math.min(value, CRITICAL_CAP);
        }
        Grade grade = value >= 90 ? Grade.A : value >= 75 ? Grade.B : Grade.C;
        return new QualityScore(value, grade, critical, major, minor);
    }

    static int cost(Finding finding) {
        if (finding.source() == FindingSource.MODEL) {
            return finding.severity() == Severity.MINOR ? 1 : 3;
        }
        return switch (finding.severity()) {
            case CRITICAL -> 15;
            case MAJOR -> 5;
            case MINOR -> 1;
        };
    }
}
