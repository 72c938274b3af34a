package org.medscribe.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.record.Evidence;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.QualityJson;
import org.medscribe.quality.QualityReport;
import org.medscribe.record.RecordLanguage;
import org.medscribe.quality.RecordReader;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.ReviewedSection;
import org.medscribe.quality.SourceText;
import org.medscribe.quality.model.ModelReview;
import org.medscribe.quality.RecordQuality;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.NewFinding;
import org.medscribe.storage.QualityFinding;
import org.medscribe.storage.WorkingDraft;

/**
 * The Quality tab's {@link RecordQuality} on {@link QualityControl}: takes the editor's record as
 * {@link RecordReader} reads it for review, checks it against the encounter's sources (and
 * with the loaded model on demand), renders every message in both UI languages with
 * {@link QualityJson}, and keeps the findings with the encounter ({@link EncounterStore#recordFindings},
 * each finding's content being {@code QualityJson.finding}). Blocking: io (rules) or inference
 * (model) executor.
 */
final class ControlQuality implements RecordQuality {

    private static final int EXCERPT_MAX = 160;

    private final QualityControl quality;
    private final LanguageEngine engine;
    private final EncounterStore store;
    private final RecordReader reader = new RecordReader();
    private final Messages english = new Messages(Locale.ROOT);
    private final Messages chinese = new Messages(Messages.CHINESE);
    private final QualityJson stored = new QualityJson(english);

    /** @param store where findings are kept, or null when there is no encounter store */
    ControlQuality(QualityControl quality, LanguageEngine engine, EncounterStore store) {
        this.quality = quality;
        this.engine = engine;
        this.store = store;
    }

    /** A check as signing needs it: the service's report, the record it read and the stored findings. */
    record Checked(QualityReport report, RecordUnderReview record, List<QualityFinding> kept, Report shown) {
    }

    @Override
    public Report check(Request request, boolean withModel, CancellationToken cancel) {
        return checkAndKeep(request, withModel, cancel).shown();
    }

    Checked checkAndKeep(Request request, boolean withModel, CancellationToken cancel) {
        RecordUnderReview record = reader.read(request.record());
        List<SourceText> sources = request.sources().stream().filter(source -> !source.text().isBlank())
                .map(source -> new SourceText(source.id(), source.text())).toList();
        LanguageEngine model = null;
        if (withModel) {
            if (engine == null || engine.status().state() != EngineState.READY) {
                throw new MedScribeException(Category.BAD_INPUT, "record.error.noModel");
            }
            model = engine;
        }
        QualityReport report = quality.check(record, sources, model, cancel);
        List<QualityFinding> kept = List.of();
        if (store != null && request.encounterId() != null) {
            kept = store.findings().recordFindings(request.encounterId(), baseVersion(request.encounterId()),
                    report.findings().stream().map(f -> new NewFinding(f.rule(), f.severity(),
                            f.section(), stored.finding(f, record).toString())).toList());
        }
        return new Checked(report, record, kept, shown(report, record));
    }

    private String baseVersion(String encounterId) {
        return store.drafts().workingDraft(encounterId).map(WorkingDraft::baseVersionId).orElse(null);
    }

    private Report shown(QualityReport report, RecordUnderReview record) {
        List<RecordQuality.Finding> findings = new ArrayList<>();
        for (org.medscribe.quality.Finding finding : report.findings()) {
            findings.add(shown(finding, record));
        }
        ModelReview review = report.modelReview();
        String modelKey = review.status() == ModelReview.Status.NOT_RUN ? null
                : "quality.ui.model." + review.status().name().toLowerCase(Locale.ROOT);
        return new Report(report.language() == RecordLanguage.ZH ? "zh" : "en", report.score().value(),
                report.score().grade().name(), report.score().critical(), report.score().major(),
                report.score().minor(), report.signingBlocked(), findings, modelKey);
    }

    private RecordQuality.Finding shown(org.medscribe.quality.Finding finding, RecordUnderReview record) {
        ReviewedSection section = record.section(finding.section()).orElse(null);
        String title = section == null || section.title().isBlank() ? finding.section() : section.title();
        String excerpt = null;
        if (section != null && finding.end() > finding.start() && finding.end() <= section.text().length()) {
            excerpt = section.text().substring(finding.start(), finding.end());
            excerpt = excerpt.length() > EXCERPT_MAX ? excerpt.substring(0, EXCERPT_MAX) + "…" : excerpt;
        }
        List<Evidence> spans = new ArrayList<>();
        List<String> quotes = new ArrayList<>();
        for (Evidence ref : finding.evidence()) {
            if (ref.start() >= 0 && ref.end() >= ref.start() && !ref.source().isEmpty()) {
                spans.add(Evidence.span(ref.source(), ref.start(), ref.end()));
            }
            quotes.add(ref.quote());
        }
        return new RecordQuality.Finding(finding.rule(), finding.severity().code(), finding.source().code(),
                finding.section(), title, finding.start(), finding.end(),
                new Localized(QualityJson.render(english, finding.messageKey(), finding.arguments()),
                        QualityJson.render(chinese, finding.messageKey(), finding.arguments())),
                new Localized(QualityJson.render(english, finding.fixKey(), finding.arguments()),
                        QualityJson.render(chinese, finding.fixKey(), finding.arguments())),
                excerpt, detail(finding.detail()), spans, quotes);
    }

    /** The model's words stay as they are; a draft's reason code is put into words in each language. */
    private Localized detail(String detail) {
        if (detail == null) {
            return null;
        }
        for (String key : List.of(detail, "draft.unsupported." + detail)) {
            if (english.bundle().containsKey(key)) {
                return new Localized(english.get(key), chinese.get(key));
            }
        }
        return new Localized(detail, detail);
    }
}
