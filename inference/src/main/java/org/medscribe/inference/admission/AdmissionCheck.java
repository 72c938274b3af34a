package org.medscribe.inference.admission;

import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.ModelCheck;

/**
 * The engine's gate: the CPU can run the bundled library, the GGUF header is sound (including the
 * values llama.cpp b4916 would abort on), the architecture is one the bundled build loads, and the
 * model fits in memory at the requested context.
 *
 * <p>Two allowances for a user-supplied GPU build: its CPU requirements are its own, so the AVX2
 * check is skipped; and with layers offloaded to the GPU the weights live in video memory, so the
 * RAM estimate does not refuse the model.
 */
public final class AdmissionCheck implements ModelCheck {

    private final ModelAdmission admission;

    public AdmissionCheck(ModelAdmission admission) {
        this.admission = admission;
    }

    /** Admission against this machine's memory and CPU. */
    public static AdmissionCheck forThisMachine() {
        return new AdmissionCheck(new ModelAdmission(SystemMemory.current()));
    }

    @Override
    public ModelIdentity check(EngineSettings settings) {
        if (settings.customNativeDir() == null) {
            admission.requireCpu();
        }
        AdmissionReport report = admission.inspect(settings.modelPath(), settings.contextSize());
        try {
            admission.requireAdmissible(report);
        } catch (ModelRejectedException rejected) {
            if (!(rejected.reason() == ModelRejectedException.Reason.MEMORY && settings.gpuLayers() > 0)) {
                throw rejected;
            }
        }
        String name = report.info().name();
        return new ModelIdentity(name == null || name.isBlank() ? settings.modelPath().getFileName().toString() : name,
                report.info().architecture());
    }
}
