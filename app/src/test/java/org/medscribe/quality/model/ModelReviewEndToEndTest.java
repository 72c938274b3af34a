package org.medscribe.quality.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.models.Engines;
import org.medscribe.models.ModelChecks;
import org.medscribe.quality.Finding;
import org.medscribe.quality.FindingSource;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.QualityJson;
import org.medscribe.quality.QualityReport;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.Records;
import org.medscribe.quality.ReviewedSection;
import org.medscribe.record.Severity;
import org.medscribe.quality.SourceText;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.settings.AppDirectories;

/**
 * The model review on the real engine (supervised worker, llama.cpp) with the tiny random model:
 * its answers are gibberish, so only structure is asserted — the schema-constrained answer parses,
 * every proposal is either kept or discarded with a reason, and what is kept is well formed.
 */
class ModelReviewEndToEndTest {

    @TempDir
    static Path data;

    private static LanguageEngine engine;
    private final QualityControl quality = new QualityControl(RulePacks.builtIn(), null);

    @BeforeAll
    static void loadTheTinyModel() {
        AppDirectories directories = new AppDirectories(data);
        engine = new Engines(directories.natives(), directories.engineState(), ModelChecks.admission()).supervised();
        engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(4096), ProgressListener.NONE,
                CancellationToken.none());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static void assertWellFormed(QualityReport report, RecordUnderReview record) {
        ModelReview review = report.modelReview();
        System.out.printf("model review on %s: %s, proposed %d, kept %d, discarded %s, %d prompt tokens, "
                        + "%d generated tokens, %.0f ms%n", review.model(), review.status(), review.proposed(),
                review.findings().size(), review.discarded(), review.metrics().promptTokens(),
                review.metrics().generatedTokens(), review.metrics().totalMillis());
        assertThat(review.status()).isIn(ModelReview.Status.DONE, ModelReview.Status.INCOMPLETE);
        assertThat(review.model()).isNotBlank();
        assertThat(review.metrics().generatedTokens()).isPositive();
        assertThat(review.findings().size() + review.discardedCount()).isEqualTo(review.proposed());
        for (Finding finding : review.findings()) {
            assertThat(finding.source()).isEqualTo(FindingSource.MODEL);
            assertThat(finding.severity()).isNotEqualTo(Severity.CRITICAL);
            assertThat(finding.rule()).startsWith("model.");
            ReviewedSection section = record.section(finding.section()).orElseThrow();
            assertThat(finding.end()).isLessThanOrEqualTo(section.text().length());
            if (finding.rule().startsWith("model.omitted") || finding.rule().equals("model.contradiction")) {
                assertThat(finding.evidence()).isNotEmpty();
            }
        }
        assertThat(report.findings()).containsAll(review.findings());
        JsonNode json = new QualityJson(new Messages(Locale.ROOT)).report(report, record);
        assertThat(json.path("model_check").path("proposed").asInt()).isEqualTo(review.proposed());
    }

    @Test
    void aChineseRecordWithATranscript() {
        RecordUnderReview record = Records.zh(Records.outpatientZh());
        SourceText transcript = new SourceText("对话", """
                医生：哪里不舒服？
                患者：咳嗽三天了，昨天开始发烧，最高三十八度六。
                医生：平时吃什么药？
                患者：一直吃氨氯地平。""");
        QualityReport report = quality.check(record, List.of(transcript), engine, CancellationToken.none());
        assertWellFormed(report, record);
        assertThat(record).isEqualTo(Records.zh(Records.outpatientZh()));
    }

    @Test
    void anEnglishRecordWithoutSources() {
        RecordUnderReview record = Records.en(Records.soapEn());
        QualityReport report = quality.check(record, List.of(), engine, CancellationToken.none());
        assertWellFormed(report, record);
    }
}
