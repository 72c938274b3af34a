package org.medscribe.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medscribe.record.RecordLanguage;

class MedicationOrdersTest {

    private static Lexicon zh;
    private static Lexicon en;

    @BeforeAll
    static void load() {
        zh = Lexicon.load(RecordLanguage.ZH);
        en = Lexicon.load(RecordLanguage.EN);
    }

    @Test
    void twoCompleteChineseOrdersInOneSentence() {
        String plan = "予阿莫西林胶囊 0.5g 口服 每日三次、布洛芬缓释胶囊 0.3g 口服 必要时。";
        List<MedicationOrders.Mention> mentions = MedicationOrders.find(plan, zh);
        assertThat(mentions).hasSize(2);
        assertThat(mentions).allMatch(m -> m.order() && m.dose() && m.frequency() && m.route());
    }

    /** Drafting and quality control read one drug table: a name drafting knows is a drug to the rules too. */
    @Test
    void theDrugsAreTheClinicalKernelsOneTable() {
        var table = org.medscribe.clinical.ClinicalLexicon.standard();
        for (String name : List.of("lasix", "耐信", "磷霉素", "low molecular weight heparin")) {
            assertThat(table.drugNames(name)).as(name).isNotEmpty();
            assertThat(MedicationOrders.find(name + " 20 mg po qd", en)).as(name).hasSize(1);
        }
    }

    @Test
    void englishAbbreviationsInAChineseOrder() {
        MedicationOrders.Mention m = MedicationOrders.find("头孢克肟 0.1g po bid", zh).get(0);
        assertThat(m.dose() && m.frequency() && m.route()).isTrue();
    }

    @Test
    void aDosageFormImpliesTheRoute() {
        assertThat(MedicationOrders.find("Amoxicillin 500 mg capsules twice daily", en).get(0).route()).isTrue();
        assertThat(MedicationOrders.find("Ceftriaxone 1 g once", en).get(0).route()).isFalse();
    }

    @Test
    void continuedStoppedAndAllergicDrugsAreNotOrders() {
        assertThat(MedicationOrders.find("Continue lisinopril.", en).get(0).order()).isFalse();
        assertThat(MedicationOrders.find("Stop ibuprofen.", en).get(0).excluded()).isTrue();
        assertThat(MedicationOrders.find("青霉素过敏，改用阿奇霉素片 0.5g 口服 每日一次。", zh))
                .extracting(MedicationOrders.Mention::order).containsExactly(false, true);
    }

    @Test
    void aChestXrayIsNotADrug() {
        assertThat(MedicationOrders.find("复查胸片。", zh)).isEmpty();
    }

    @Test
    void anOrderVerbMakesABareDrugAnOrder() {
        MedicationOrders.Mention m = MedicationOrders.find("Start amoxicillin.", en).get(0);
        assertThat(m.order()).isTrue();
        assertThat(m.dose() || m.frequency()).isFalse();
    }
}
