package org.medscribe.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancellationToken;
import org.medscribe.record.RecordJson;
import org.medscribe.draft.DraftListener;
import org.medscribe.draft.DraftOptions;
import org.medscribe.draft.DraftingService;
import org.medscribe.draft.ExtractionPrompt;
import org.medscribe.draft.ModelFingerprints;
import org.medscribe.record.Source;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.testing.ScriptedEngine;
import org.medscribe.evidence.Segmenter;

/** Suggestion logic and prompts with a scripted engine; the real engine runs in SuggestionsEndToEndTest. */
class DiagnosticServiceTest {

    static final String NOTE = """
            [doctor] what brings you in?
            [patient] i've had a cough with yellow sputum for five days and a fever of 38.9.
            [doctor] any chest pain?
            [patient] yes, on the right side when i breathe in.
            [doctor] any leg swelling or recent travel?
            [patient] no.
            """;

    static final String ANSWER = """
            {"dx":[{"n":"Community-acquired pneumonia","c":"J18.9","l":"high",
                    "f":[{"t":"cough with yellow sputum for five days","s":[2]},{"t":"fever of 38.9","s":[2]}],
                    "a":[{"t":"no recent travel","s":[5,6]}]},
                   {"n":"Acute bronchitis","c":"J20.9","l":"moderate","f":[{"t":"cough","s":[2]}],"a":[]},
                   {"n":"Pulmonary embolism","c":"X99.123","l":"low","f":[{"t":"left chest pain","s":[4]}],"a":[{"t":"leg swelling","s":[5,6]}]}],
             "rf":[{"n":"Pulmonary embolism","w":"pleuritic chest pain","s":[4]}],
             "inv":[{"n":"Chest x-ray","w":"confirm consolidation"}],
             "q":[{"q":"Are you short of breath?","w":"severity"}]}
            """;

    private final ScriptedEngine engine = new ScriptedEngine(8192);
    private final DiagnosticService service = new DiagnosticService(engine, DraftingService.withDefaults(engine),
            Icd10Table.bundled(), new ModelFingerprints());

    @Test
    void verifiesFindingsValidatesCodesAndDropsInvalidOnes() {
        engine.answer(ANSWER);
        Suggestions s = service.suggest(SuggestionRequest.of(Segmenter.guess("note", NOTE)), DraftListener.NONE,
                CancellationToken.none());
        assertThat(s.differential()).extracting(DifferentialDiagnosis::rank).containsExactly(1, 2, 3);
        DifferentialDiagnosis first = s.differential().get(0);
        assertThat(first.icd10()).isEqualTo("J18.9");
        assertThat(first.codeVerified()).isTrue();
        assertThat(first.icd10Title()).containsIgnoringCase("pneumonia");
        assertThat(first.likelihood()).isEqualTo(Likelihood.HIGH);
        assertThat(first.findingsFor()).allMatch(ClinicalFinding::supported);
        assertThat(first.findingsAgainst().get(0).supported()).isTrue();

        DifferentialDiagnosis third = s.differential().get(2);
        assertThat(third.icd10()).isNull();
        assertThat(s.invalidCodes()).containsExactly(new InvalidCode(3, "Pulmonary embolism", "X99.123"));
        assertThat(third.findingsFor().get(0).unsupportedReason()).isEqualTo(UnsupportedReason.LATERALITY_MISMATCH);
        assertThat(third.findingsAgainst().get(0).unsupportedReason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
        assertThat(s.redFlags().get(0).basis().get(0).evidence()).isNotEmpty();
        assertThat(s.provenance().codeTable()).contains("ICD-10-CM");
        assertThat(s.questions()).singleElement().extracting(FollowUpQuestion::question).isEqualTo("Are you short of breath?");
    }

    @Test
    void answersAreRegeneratedAsACitableSourceAndNotAskedAgain() throws Exception {
        engine.answer(ANSWER).answer(request -> ANSWER.replace("\"s\":[4]}],\n             \"inv\"", "\"s\":[8]}],\n             \"inv\""));
        SuggestionRequest first = SuggestionRequest.of(Segmenter.guess("note", NOTE));
        service.suggest(first, DraftListener.NONE, CancellationToken.none());
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Are you short of breath?", "Yes, when climbing stairs.");
        Suggestions again = service.suggest(first.withAnswers(answers), DraftListener.NONE, CancellationToken.none());

        GenerationRequest second = engine.requests().get(1);
        String user = second.messages().get(1).content();
        assertThat(user).contains("# source answers (answers)")
                .contains("[7] doctor: Are you short of breath?").contains("[8] patient: Yes, when climbing stairs.")
                .contains("do not ask them again");
        assertThat(user.indexOf("[8] patient")).isLessThan(user.indexOf(ExtractionPrompt.DATA_CLOSE));
        assertThat(second.messages().get(0).content()).isEqualTo(engine.requests().get(0).messages().get(0).content());
        assertThat(RecordJson.mapper().readTree(second.jsonSchema()).at("/properties/dx/items/properties/f/items/properties/s/items/maximum").asInt())
                .isEqualTo(8);
        assertThat(again.answers()).isEqualTo(answers);
        assertThat(again.provenance().sources()).extracting(r -> r.id()).containsExactly("note", "answers");
    }

    @Test
    void longSourcesAreSummarisedAsExtractedFactsWithTheirSegments() {
        StringBuilder longNote = new StringBuilder(NOTE);
        for (int i = 0; i < 80; i++) {
            longNote.append("[patient] and another thing about the cough number ").append(i).append(" that worries me.\n");
        }
        ScriptedEngine small = new ScriptedEngine(3000);
        small.answer(request -> "{\"cc\":[{\"t\":\"cough with yellow sputum for five days\",\"s\":[2]}],\"hpi\":[],\"ros\":[],"
                        + "\"pmh\":[],\"med\":[],\"all\":[],\"soc\":[],\"fam\":[],\"ex\":[],\"res\":[],\"dx\":[],\"plan\":[]}")
                .otherwise(request -> request.messages().get(0).content().contains("decision support") ? ANSWER
                        : "{\"cc\":[],\"hpi\":[],\"ros\":[],\"pmh\":[],\"med\":[],\"all\":[],\"soc\":[],\"fam\":[],"
                        + "\"ex\":[],\"res\":[],\"dx\":[],\"plan\":[]}");
        DiagnosticService smallService = new DiagnosticService(small, DraftingService.withDefaults(small),
                Icd10Table.bundled(), new ModelFingerprints());
        Suggestions s = smallService.suggest(new SuggestionRequest(List.of(Segmenter.guess("note", longNote.toString())),
                Map.of(), null, DraftOptions.defaults()), DraftListener.NONE, CancellationToken.none());
        assertThat(s.provenance().fromFacts()).isTrue();
        GenerationRequest last = small.lastRequest();
        assertThat(last.messages().get(1).content()).contains("[2] cc: cough with yellow sputum for five days");
        assertThat(small.countPromptTokens(last.messages()) + last.maxTokens()).isLessThanOrEqualTo(3000);
        assertThat(s.differential().get(0).findingsFor().get(0).supported()).isTrue();
    }
}
