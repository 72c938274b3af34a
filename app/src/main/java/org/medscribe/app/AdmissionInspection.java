package org.medscribe.app;

import java.nio.file.Path;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.admission.AdmissionReport;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.ModelRejectedException;
import org.medscribe.inference.gguf.GgufModelInfo;
import org.medscribe.models.ui.ModelFacts;
import org.medscribe.models.ui.ModelInspection;
import org.medscribe.ui.MessageKey;

/**
 * The onboarding panel's inspection through the GGUF admission: the header read in Java (no native
 * code), the memory estimate against the memory free now, and the refusal (unsupported architecture,
 * too large) as an inline reason. A file that is not a usable GGUF model throws its BAD_INPUT reason.
 */
final class AdmissionInspection implements ModelInspection {

    private final ModelAdmission admission;

    AdmissionInspection(ModelAdmission admission) {
        this.admission = admission;
    }

    @Override
    public ModelFacts inspect(Path file, int contextSize) {
        AdmissionReport report = admission.inspect(file, contextSize);
        MessageKey refusal = null;
        try {
            admission.requireAdmissible(report);
        } catch (ModelRejectedException rejected) {
            refusal = MessageKey.of((MedScribeException) rejected);
        }
        GgufModelInfo info = report.info();
        return new ModelFacts(file, info.name() == null || info.name().isBlank() ? file.getFileName().toString()
                : info.name(), info.architecture(), info.fileSize(), info.quantization(), info.parameterCount(),
                info.contextLength(), contextSize, report.estimate().totalBytes(), report.availableBytes(),
                report.fits(), refusal);
    }
}
