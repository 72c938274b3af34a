package org.medscribe.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.Records;
import org.medscribe.record.Severity;
import org.medscribe.settings.AppDirectories;

class RulePacksTest {

    @TempDir
    Path data;

    @Test
    void bothBuiltInPacksLoadWithTheirLanguageAndSections() {
        RulePacks packs = RulePacks.builtIn();
        RulePack zh = packs.forTemplate("outpatient-zh").orElseThrow();
        RulePack en = packs.forTemplate("soap-en").orElseThrow();
        assertThat(zh.sections()).extracting(SectionSpec::id).contains("chief_complaint", "present_illness",
                "allergy_history", "diagnosis", "treatment");
        assertThat(en.sections()).extracting(SectionSpec::id).contains("chief_complaint", "hpi", "allergies",
                "assessment", "plan");
        assertThat(zh.rule("cc.too_long").orElseThrow().params().path("max").asInt()).isEqualTo(20);
        assertThat(zh.sectionSpec("chief_complaint").orElseThrow().names("主诉")).isTrue();
        assertThat(en.sectionSpec("hpi").orElseThrow().names("History of Present Illness")).isTrue();
    }

    @Test
    void modelRulesAreNeverCritical() {
        for (RulePack pack : RulePacks.builtIn().all()) {
            pack.rules().stream().filter(r -> r.kind().equals("model_check"))
                    .forEach(r -> assertThat(r.severity()).isNotEqualTo(Severity.CRITICAL));
        }
    }

    @Test
    void everyMessageAndFixKeyIsInBothBundles() throws IOException {
        Properties english = bundle("/org/medscribe/messages.properties");
        Properties chinese = bundle("/org/medscribe/messages_zh_CN.properties");
        Set<String> keys = new HashSet<>();
        for (RulePack pack : RulePacks.builtIn().all()) {
            for (RuleSpec rule : pack.rules()) {
                keys.add(rule.messageKey());
                keys.add(rule.fixKey());
            }
        }
        assertThat(keys).allSatisfy(key -> {
            assertThat(english).containsKey(key);
            assertThat(chinese).containsKey(key);
        });
    }

    private static Properties bundle(String resource) throws IOException {
        Properties properties = new Properties();
        try (var in = RulePacksTest.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theClinicFileSwitchesRulesOffEverywhereOrInOneTemplate() throws IOException {
        AppDirectories directories = new AppDirectories(data);
        Files.writeString(directories.clinicRulesFile(), """
                {"rules": {"cc.no_duration": false, "outpatient-zh:personal.missing": true}}""");
        RulePacks packs = RulePacks.builtIn(ClinicRuleSettings.load(directories.clinicRulesFile()));

        assertThat(packs.forTemplate("outpatient-zh").orElseThrow().rule("cc.no_duration").orElseThrow().enabled())
                .isFalse();
        assertThat(packs.forTemplate("soap-en").orElseThrow().rule("cc.no_duration").orElseThrow().enabled()).isFalse();
        assertThat(packs.forTemplate("outpatient-zh").orElseThrow().rule("personal.missing").orElseThrow().enabled())
                .isTrue();

        var sections = Records.outpatientZh();
        sections.put("主诉", "咳嗽");
        sections.remove("个人史");
        var findings = new QualityControl(packs, null).check(Records.zh(sections)).findings();
        assertThat(findings).extracting(f -> f.rule()).doesNotContain("cc.no_duration").contains("personal.missing");
    }

    @Test
    void withoutAClinicFileEveryRuleIsAsShipped() {
        AppDirectories directories = new AppDirectories(data);
        assertThat(RulePacks.builtIn(ClinicRuleSettings.load(directories.clinicRulesFile())).forTemplate("outpatient-zh").orElseThrow()
                .rule("personal.missing").orElseThrow().enabled()).isFalse();
    }

    @Test
    void aSwitchNamingNoRuleIsRefusedNotIgnored() throws IOException {
        Path file = data.resolve("quality-rules.json");
        Files.writeString(file, "{\"rules\": {\"cc.too_lnog\": false}}");
        assertThatThrownBy(() -> RulePacks.builtIn(ClinicRuleSettings.load(file)))
                .isInstanceOfSatisfying(MedScribeException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("quality.error.clinicRuleUnknown");
                    assertThat(e.isBadInput()).isTrue();
                });
        Files.writeString(file, "{\"rules\": {\"cc.too_long\": \"off\"}}");
        assertThatThrownBy(() -> ClinicRuleSettings.load(file)).isInstanceOfSatisfying(MedScribeException.class,
                e -> assertThat(e.messageKey()).isEqualTo("quality.error.clinicRulesInvalid"));
    }

    @Test
    void savedSwitchesLoadBack() {
        Path file = data.resolve("sub").resolve("quality-rules.json");
        ClinicRuleSettings.none().with("units.case", false).with("soap-en:meds.missing", false).save(file);
        assertThat(ClinicRuleSettings.load(file).switches())
                .containsEntry("units.case", false).containsEntry("soap-en:meds.missing", false);
    }
}
