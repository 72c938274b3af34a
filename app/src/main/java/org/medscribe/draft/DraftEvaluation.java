package org.medscribe.draft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.record.DraftRecord;
import org.medscribe.record.DraftSection;
import org.medscribe.record.Statement;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.DraftStatus;

/**
 * Aggregates drafts of an evaluation set into the summary figures: schema-valid rate,
 * supported-statement rate, not-documented rate, flags per case, latency percentiles, tokens per
 * second and, with references, ROUGE-L. Not thread-safe; one per run.
 */
public final class DraftEvaluation {

    private int cases;
    private int failures;
    private int complete;
    private int statements;
    private int supported;
    private int sections;
    private int notDocumented;
    private int flags;
    private long generatedTokens;
    private double modelMillis;
    private final List<Double> latencies = new ArrayList<>();
    private final List<Double> rouge = new ArrayList<>();

    /** Adds a drafted case; {@code rougeL} is null without a reference. */
    public void add(DraftRecord record, Double rougeL) {
        cases++;
        if (record.status() == DraftStatus.COMPLETE) {
            complete++;
        }
        for (DraftSection section : record.sections()) {
            sections++;
            if (section.status() == SectionStatus.NOT_DOCUMENTED) {
                notDocumented++;
            }
            for (Statement statement : section.statements()) {
                statements++;
                if (statement.supported()) {
                    supported++;
                }
            }
        }
        flags += record.flags().size();
        latencies.add(record.timings().totalMillis());
        generatedTokens += record.timings().generatedTokens();
        modelMillis += record.timings().extractionMillis() + record.timings().translationMillis();
        if (rougeL != null) {
            rouge.add(rougeL);
        }
    }

    /** Adds a case that failed (it counts in cases and failures, not in the rates). */
    public void addFailure() {
        cases++;
        failures++;
    }

    /** The summary, in the order it is printed. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        int drafted = cases - failures;
        s.put("cases", cases);
        s.put("failures", failures);
        s.put("schema_valid_rate", cases == 0 ? 0 : complete / (double) cases);
        s.put("supported_statement_rate", statements == 0 ? 0 : supported / (double) statements);
        s.put("statements", statements);
        s.put("not_documented_rate", sections == 0 ? 0 : notDocumented / (double) sections);
        s.put("flags_per_case", drafted == 0 ? 0 : flags / (double) drafted);
        s.put("latency_ms_p50", percentile(latencies, 0.5));
        s.put("latency_ms_p95", percentile(latencies, 0.95));
        s.put("tokens_per_second", modelMillis == 0 ? 0 : generatedTokens / (modelMillis / 1000.0));
        if (!rouge.isEmpty()) {
            s.put("rouge_l", rouge.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        }
        return s;
    }

    /** Nearest-rank percentile; 0 for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
