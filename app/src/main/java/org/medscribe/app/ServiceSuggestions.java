package org.medscribe.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.diagnosis.DiagnosticService;
import org.medscribe.diagnosis.DifferentialDiagnosis;
import org.medscribe.diagnosis.FollowUpQuestion;
import org.medscribe.diagnosis.Investigation;
import org.medscribe.diagnosis.RedFlag;
import org.medscribe.diagnosis.SuggestionRequest;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.draft.DraftListener;
import org.medscribe.evidence.Segmenter;
import org.medscribe.draft.DraftOptions;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.Source;
import org.medscribe.ui.MessageKey;

/**
 * The suggestions pane's {@link DiagnosticSuggesting} on the diagnosis service. Follow-up questions
 * are identified by their text (the service takes answers as question → answer). Blocking: inference
 * executor.
 */
final class ServiceSuggestions implements DiagnosticSuggesting {

    private final DiagnosticService service;

    ServiceSuggestions(DiagnosticService service) {
        this.service = service;
    }

    @Override
    public DiagnosticSuggesting.Suggestions suggest(Map<String, String> sources, Map<String, String> answers,
                                                    String recordLanguage, CancellationToken cancel) {
        List<Source> input = new ArrayList<>();
        sources.forEach((id, text) -> {
            if (!text.isBlank()) {
                input.add(Segmenter.given(id, text, !id.equals("note")));
            }
        });
        org.medscribe.diagnosis.Suggestions found = service.suggest(new SuggestionRequest(input, answers,
                RecordLanguage.fromCode(recordLanguage), DraftOptions.defaults()), DraftListener.NONE, cancel);
        List<Diagnosis> differential = new ArrayList<>();
        for (DifferentialDiagnosis diagnosis : found.differential()) {
            differential.add(new Diagnosis(diagnosis.diagnosis(), diagnosis.icd10(),
                    diagnosis.likelihood() == null ? null : new MessageKey(diagnosis.likelihood().messageKey()),
                    findings(diagnosis.findingsFor()), findings(diagnosis.findingsAgainst())));
        }
        List<String> redFlags = new ArrayList<>();
        for (RedFlag flag : found.redFlags()) {
            redFlags.add(flag.reason() == null || flag.reason().isBlank() ? flag.condition()
                    : flag.condition() + " — " + flag.reason());
        }
        List<String> investigations = new ArrayList<>();
        for (Investigation investigation : found.investigations()) {
            investigations.add(investigation.reason() == null || investigation.reason().isBlank() ? investigation.name()
                    : investigation.name() + " — " + investigation.reason());
        }
        List<Question> questions = new ArrayList<>();
        for (FollowUpQuestion question : found.questions()) {
            questions.add(new Question(question.question(), question.question()));
        }
        return new DiagnosticSuggesting.Suggestions(differential, redFlags, investigations, questions);
    }

    private static List<ClinicalFinding> findings(List<org.medscribe.diagnosis.ClinicalFinding> findings) {
        List<ClinicalFinding> converted = new ArrayList<>();
        for (org.medscribe.diagnosis.ClinicalFinding finding : findings) {
            List<Evidence> spans = new ArrayList<>();
            for (Evidence evidence : finding.evidence()) {
                if (evidence.matched() && evidence.end() > evidence.start()) {
                    spans.add(Evidence.span(evidence.source(), evidence.start(), evidence.end()));
                }
            }
            converted.add(new ClinicalFinding(finding.text(), finding.supported(), spans));
        }
        return converted;
    }
}
