package org.medscribe.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllergyStatementsTest {

    private final AllergyStatements statements = AllergyStatements.standard();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"对青霉素过敏", "青霉素过敏史", "Allergic to penicillin", "penicillin allergy (rash)",
            "磺胺类药物不耐受", "anaphylaxis to peanuts"})
    void anAllergyIsStated(String clause) {
        assertThat(statements.speaksOfAllergy(clause)).isTrue();
        assertThat(statements.deniesAllergy(clause)).isFalse();
        assertThat(statements.statesAllergy(clause)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"否认药物过敏", "否认食物、药物过敏史", "无药物过敏史", "未发现药物过敏", "NKDA", "nkda",
            "No known drug allergies", "denies allergies", "Patient is not allergic to anything", "过敏史不详"})
    void aDenialIsADenial(String clause) {
        assertThat(statements.speaksOfAllergy(clause)).isTrue();
        assertThat(statements.deniesAllergy(clause)).isTrue();
        assertThat(statements.statesAllergy(clause)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"过敏原检测", "行过敏原检测（青霉素）", "检测过敏原", "allergy testing next week",
            "Allergy test for penicillin ordered", "screening for a latex allergy", "refer for allergy work-up",
            "建议查过敏原（花粉、尘螨）", "过敏原IgE检测（花粉/尘螨）", "tested for pollen and dust mite allergies",
            "screening for pollen or dust allergy"})
    void anAllergyTestIsNoAllergy(String clause) {
        assertThat(statements.speaksOfAllergyTest(clause)).isTrue();
        assertThat(statements.speaksOfAllergy(clause)).isFalse();
        assertThat(statements.statesAllergy(clause)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"过敏原检测示尘螨阳性，对青霉素过敏", "allergy testing done; allergic to sulfa"})
    void anAllergyBesideATestStillCounts(String text) {
        assertThat(statements.speaksOfAllergy(text)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"咳嗽3天", "cough for three days", "过敏性鼻炎病史"})
    void otherClausesSayNothingOfAllergyTests(String clause) {
        assertThat(statements.speaksOfAllergyTest(clause)).isFalse();
    }
}
