package org.medscribe.quality;

import org.medscribe.record.Evidence;
import org.medscribe.record.RecordLanguage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.medscribe.i18n.Messages;
import org.medscribe.quality.model.ModelReview;

/**
 * Quality reports and findings as JSON, with every message rendered in the UI language and in the
 * record's language ({@code message} / {@code message_record}, {@code fix} / {@code fix_record}),
 * beside the keys. The format of {@code medscribe qc} and of a finding's content in the store.
 * Immutable and thread-safe.
 */
public final class QualityJson {

    /** An excerpt longer than this is cut (the span itself stays exact). */
    static final int EXCERPT_MAX = 160;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Messages ui;
    private final Messages english;
    private final Messages chinese;

    /**
     * @param ui the UI language's messages
     */
    public QualityJson(Messages ui) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.english = new Messages(RecordLanguage.EN.bundleLocale());
        this.chinese = new Messages(RecordLanguage.ZH.bundleLocale());
    }

    /** The messages of a record language. */
    public Messages recordMessages(RecordLanguage language) {
        return language == RecordLanguage.ZH ? chinese : english;
    }

    /** A finding's message in {@code messages}' language; {@link Term} arguments are put in that language. */
    public static String render(Messages messages, String key, List<Object> arguments) {
        Object[] args = arguments.stream()
                .map(a -> a instanceof Term term ? term.in(messages.locale()) : a)
                .toArray();
        return messages.get(key, args);
    }

    public ObjectNode report(QualityReport report, RecordUnderReview record) {
        ObjectNode root = JSON.createObjectNode();
        root.put("template", report.template());
        root.put("language", report.language().code());
        root.put("ui_language", ui.locale().getLanguage().isEmpty() ? "en" : ui.locale().getLanguage());
        root.put("rule_pack", report.rulePack());
        root.put("score", report.score().value());
        root.put("grade", report.score().grade().name());
        root.put("signing_blocked", report.signingBlocked());
        ObjectNode counts = root.putObject("counts");
        counts.put("critical", report.score().critical());
        counts.put("major", report.score().major());
        counts.put("minor", report.score().minor());
        counts.put("rule", report.findings().stream().filter(f -> f.source() == FindingSource.RULE).count());
        counts.put("model", report.findings().stream().filter(f -> f.source() == FindingSource.MODEL).count());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            findings.add(finding(finding, record));
        }
        root.set("model_check", modelCheck(report.modelReview()));
        return root;
    }

    /** One finding; {@code record} (may be null) supplies the excerpt the span covers. */
    public ObjectNode finding(Finding finding, RecordUnderReview record) {
        Messages inRecordLanguage = recordMessages(record == null ? RecordLanguage.EN : record.language());
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", finding.rule());
        node.put("severity", finding.severity().code());
        node.put("source", finding.source().code());
        node.put("section", finding.section());
        node.put("start", finding.start());
        node.put("end", finding.end());
        node.put("message", render(ui, finding.messageKey(), finding.arguments()));
        node.put("message_record", render(inRecordLanguage, finding.messageKey(), finding.arguments()));
        node.put("fix", render(ui, finding.fixKey(), finding.arguments()));
        node.put("fix_record", render(inRecordLanguage, finding.fixKey(), finding.arguments()));
        node.put("message_key", finding.messageKey());
        node.put("fix_key", finding.fixKey());
        if (record != null) {
            record.section(finding.section()).ifPresent(section -> {
                if (finding.end() <= section.text().length() && finding.end() > finding.start()) {
                    String excerpt = section.text().substring(finding.start(), finding.end());
                    node.put("excerpt", excerpt.length() > EXCERPT_MAX ? excerpt.substring(0, EXCERPT_MAX) + "…" : excerpt);
                }
            });
        }
        if (finding.detail() != null) {
            node.put("detail", finding.detail());
        }
        ArrayNode evidence = node.putArray("evidence");
        for (Evidence ref : finding.evidence()) {
            ObjectNode e = evidence.addObject();
            e.put("source", ref.source());
            e.put("segment", ref.segment() == 0 ? "" : String.valueOf(ref.segment()));
            e.put("start", ref.start());
            e.put("end", ref.end());
            e.put("quote", ref.quote());
        }
        return node;
    }

    private ObjectNode modelCheck(ModelReview review) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", review.status().name().toLowerCase(Locale.ROOT));
        if (review.reasonKey() != null) {
            node.put("reason", ui.get(review.reasonKey()));
        }
        if (review.status() != ModelReview.Status.NOT_RUN) {
            node.put("model", review.model());
            node.put("seed", review.seed());
            node.put("proposed", review.proposed());
            node.put("kept", review.findings().size());
            ObjectNode discarded = node.putObject("discarded");
            review.discarded().forEach(discarded::put);
            if (review.metrics() != null) {
                node.put("prompt_tokens", review.metrics().promptTokens());
                node.put("generated_tokens", review.metrics().generatedTokens());
                node.put("millis", Math.round(review.metrics().totalMillis()));
            }
        }
        return node;
    }
}
