package org.medscribe.quality;

import org.medscribe.record.RecordLanguage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic clean records for tests, one per template, written as a clinician would; tests change
 * one section at a time to plant a defect.
 */
public final class Records {

    private Records() {
    }

    /** 门诊病历: a 34-year-old with an upper respiratory infection. Section ids are the Chinese titles. */
    public static Map<String, String> outpatientZh() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("主诉", "咳嗽、咳痰3天，发热1天。");
        s.put("现病史", "患者3天前受凉后出现咳嗽，咳少量白色黏痰，无咯血。1天前出现发热，体温最高38.6℃，伴咽痛、乏力，"
                + "无胸痛、气促。自服对乙酰氨基酚后体温可降至正常，咳嗽无明显好转，遂来就诊。");
        s.put("既往史", "既往体健，否认高血压、糖尿病病史，否认手术外伤史。");
        s.put("个人史", "无吸烟、饮酒史。");
        s.put("过敏史", "否认药物、食物过敏史。");
        s.put("家族史", "否认家族遗传病史。");
        s.put("体格检查", "T 38.2℃，P 92次/分，R 20次/分，BP 118/76mmHg。神清，咽部充血，双侧扁桃体无肿大。"
                + "双肺呼吸音粗，未闻及干湿啰音。心率92次/分，律齐。");
        s.put("辅助检查", "血常规：WBC 6.2×10^9/L，N 62%，CRP 8mg/L。");
        s.put("初步诊断", "急性上呼吸道感染");
        s.put("处理意见", "1. 对乙酰氨基酚片 0.5g 口服 必要时（体温>38.5℃），每日不超过4次。\n2. 多饮水，注意休息。\n"
                + "3. 如出现高热不退、气促、胸痛，及时复诊。");
        return s;
    }

    /** SOAP note: a 34-year-old with streptococcal pharyngitis. Section ids are the template ids. */
    public static Map<String, String> soapEn() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chief_complaint", "Sore throat and fever for 2 days.");
        s.put("hpi", "34-year-old woman with a sore throat that started 2 days ago, followed by fever to 38.5 °C "
                + "yesterday. Pain is worse with swallowing and has not improved with lozenges. She denies cough, "
                + "shortness of breath or rash.");
        s.put("pmh", "No chronic medical conditions. No prior surgeries.");
        s.put("medications", "None.");
        s.put("allergies", "No known drug allergies.");
        s.put("social_family_history", "Non-smoker, drinks socially. Family history non-contributory.");
        s.put("ros", "Negative except as in HPI.");
        s.put("physical_exam", "T 38.1 °C, HR 96, RR 16, BP 122/78 mmHg, SpO2 99% on room air. Tonsils enlarged with "
                + "exudate, tender anterior cervical nodes. Lungs clear.");
        s.put("results", "Rapid strep antigen positive.");
        s.put("assessment", "Streptococcal pharyngitis.");
        s.put("plan", "Amoxicillin 500 mg PO twice daily for 10 days. Acetaminophen 500 mg PO every 6 hours as needed "
                + "for fever or pain. Return if unable to swallow fluids or if breathing becomes difficult.");
        return s;
    }

    public static RecordUnderReview zh(Map<String, String> sections) {
        return RecordUnderReview.ofTexts("outpatient-zh", RecordLanguage.ZH, sections);
    }

    public static RecordUnderReview en(Map<String, String> sections) {
        return RecordUnderReview.ofTexts("soap-en", RecordLanguage.EN, sections);
    }
}
