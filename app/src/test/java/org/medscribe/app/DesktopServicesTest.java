package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.admission.ModelFingerprint;
import org.medscribe.inference.testing.ScriptedEngine;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.review.InMemoryEncounters;
import org.medscribe.services.Services;
import org.medscribe.settings.AppDirectories;

/**
 * The desktop's services come from the one factory the command line and the self-check use: a
 * transcript typed or pasted as the note is drafted as a transcript, and the model's fingerprint is
 * remembered across sessions instead of hashed again.
 */
class DesktopServicesTest {

    @TempDir
    Path dataDir;

    private static final RecordDrafting.Events QUIET = new RecordDrafting.Events() {
        @Override
        public void sectionStarted(String sectionId) {
        }

        @Override
        public void sectionText(String sectionId, String piece) {
        }

        @Override
        public void sectionDone(RecordDrafting.Section section) {
        }

        @Override
        public void tokens(int count) {
        }
    };

    @Test
    void aTranscriptShapedNoteIsDraftedAsATranscript() {
        ScriptedEngine engine = new ScriptedEngine(8192).otherwise(request -> "{}");
        RecordDrafting drafting = new ServiceDrafting(new Services(new AppDirectories(dataDir)).drafting(engine));
        String transcript = """
                [doctor] What brings you in today?
                [patient] I have had a cough for five days.
                [doctor] Any fever?
                [patient] Up to 38.6 since yesterday.
                """;
        try {
            drafting.draft("soap-en", List.of(new RecordDrafting.SourceText("note", "note", transcript)), QUIET,
                    CancellationToken.none());
        } catch (MedScribeException notADraft) {
            // The scripted answer is no record; what matters is how the model was shown the note.
        }

        assertThat(engine.requests()).isNotEmpty();
        String prompt = ScriptedEngine.promptText(engine.requests().get(0));
        assertThat(prompt).contains("# source note (transcript)").contains("] doctor: What brings you in today?");
    }

    @Test
    void aSecondSessionTakesTheModelFingerprintFromTheCache() throws Exception {
        AppDirectories directories = new AppDirectories(dataDir);
        Path model = TestModels.languageModel();
        try (SupervisedEngine engine = DesktopHarness.engine(directories)) {
            engine.load(EngineSettings.defaults(model).withContextSize(4096).withThreads(2), ProgressListener.NONE,
                    CancellationToken.none());

            String first = modelSha256(draft(new Services(directories), engine));
            assertThat(first).isEqualTo(ModelFingerprint.hashOf(model));
            Path cache = directories.engineState().resolve(ModelFingerprint.CACHE_FILE);
            assertThat(cache).exists();

            // The next session reads the remembered hash: a changed entry shows it was not computed again.
            String remembered = "0".repeat(64);
            Files.writeString(cache, Files.readString(cache).replace(first, remembered));
            assertThat(modelSha256(draft(new Services(directories), engine))).isEqualTo(remembered);
        }
    }

    /** A draft through the desktop's drafting, built as the application builds it. */
    private RecordDrafting.Result draft(Services services, SupervisedEngine engine) {
        Workspace.Services desktop = MedScribeApplication.services(services, engine,
                new InMemoryEncounters(Clock.systemUTC(), "soap-en"));
        return desktop.drafting().draft("soap-en", List.of(new RecordDrafting.SourceText("note", "note",
                "Cough for five days, fever up to 38.6 C since yesterday.")), QUIET, CancellationToken.none());
    }

    private static String modelSha256(RecordDrafting.Result result) throws Exception {
        JsonNode model = new ObjectMapper().readTree(result.provenance().modelJson());
        return model.path("model_sha256").asText();
    }
}
