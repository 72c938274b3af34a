package org.medscribe.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.inference.ModelCheck;
import org.medscribe.models.ui.ModelFacts;
import org.medscribe.models.ui.ModelInspection;

/**
 * Model inspection through the app's model admission ({@link ModelCheck}) and the file's size.
 * Until the GGUF admission lands this knows little beyond the name; the onboarding panel shows
 * "unknown" for the rest rather than guessing.
 */
final class HeaderModelInspection implements ModelInspection {

    private final ModelCheck admission;

    HeaderModelInspection(ModelCheck admission) {
        this.admission = admission;
    }

    @Override
    public ModelFacts inspect(Path file, int contextSize) {
        if (!Files.isRegularFile(file)) {
            throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", file.toString());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "cli.error.fileNotFound", file.toString());
        }
        ModelCheck.ModelIdentity identity = admission.check(file, contextSize);
        String architecture = "unknown".equals(identity.architecture()) ? "" : identity.architecture();
        return new ModelFacts(file, identity.name(), architecture, size, "", 0, 0, contextSize, 0, 0, true, null);
    }
}
