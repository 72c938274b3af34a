package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.Decision;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.Suggestion;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.record.Evidence;
import org.medscribe.ui.MessageKey;

/** Suggested diagnoses and the doctor's decisions reach a real (encrypted) encounter store. */
class StoreSuggestionsTest {

    @TempDir
    Path root;

    @Test
    void suggestionsAreKeptWithTheirEvidenceAndTheLatestDecisionWins() {
        AppDirectories directories = new AppDirectories(root);
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            StoredEncounters encounters = new StoredEncounters(store, Clock.systemDefaultZone(), "soap-en");
            String encounter = encounters.create("Chen Wei", "MRN-1").id();
            DiagnosticSuggesting.Diagnosis pneumonia = new DiagnosticSuggesting.Diagnosis("Community-acquired pneumonia",
                    "J18.9", new MessageKey("diagnosis.likelihood.high"),
                    List.of(new DiagnosticSuggesting.ClinicalFinding("crackles right lower lung", true,
                            List.of(Evidence.span("note", 10, 35)))), List.of());
            DiagnosticSuggesting.Diagnosis bronchitis = new DiagnosticSuggesting.Diagnosis("Acute bronchitis", "J20.9",
                    new MessageKey("diagnosis.likelihood.moderate"), List.of(), List.of());

            List<String> ids = encounters.keepSuggestions(encounter,
                    List.of(SuggestionJson.of(pneumonia), SuggestionJson.of(bronchitis)), null);
            assertThat(ids).hasSize(2);
            encounters.decideSuggestion(ids.get(0), false);
            encounters.decideSuggestion(ids.get(0), true);
            encounters.decideSuggestion(ids.get(1), false);

            List<Suggestion> stored = store.suggestions().suggestions(encounter);
            assertThat(stored).extracting(Suggestion::id).containsExactlyInAnyOrderElementsOf(ids);
            Suggestion first = stored.stream().filter(s -> s.id().equals(ids.get(0))).findFirst().orElseThrow();
            assertThat(first.kind()).isEqualTo("diagnosis");
            assertThat(first.contentJson()).contains("Community-acquired pneumonia").contains("J18.9")
                    .contains("crackles right lower lung").contains("\"start\":10");
            assertThat(first.decision()).isEqualTo(Decision.KEPT);
            assertThat(first.decidedBy()).isNotBlank();
            assertThat(stored.stream().filter(s -> s.id().equals(ids.get(1))).findFirst().orElseThrow().decision())
                    .isEqualTo(Decision.DISCARDED);
        }
    }
}
