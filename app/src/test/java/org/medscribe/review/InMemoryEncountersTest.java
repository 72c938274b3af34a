package org.medscribe.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encounters the desktop keeps for the session when no encounter store can be opened. */
class InMemoryEncountersTest {

    private final InMemoryEncounters encounters = new InMemoryEncounters(
            Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC), "soap-en");

    @Test
    void aNewEncounterOpensEmptyOnTheDefaultTemplateAndKeepsWhatIsSaved() {
        Encounters.Item item = encounters.create("Chen Wei", "MRN-1");

        assertThat(encounters.open(item.id())).isEqualTo(Encounters.Content.empty("soap-en"));
        Encounters.Content saved = new Encounters.Content("cough for five days", List.of(), "soap-en", "en",
                List.of());
        encounters.save(item.id(), saved);
        assertThat(encounters.open(item.id())).isEqualTo(saved);
    }

    @Test
    void searchMatchesNameOrRecordNumberNewestFirst() {
        encounters.create("Chen Wei", "MRN-1");
        encounters.create("Li Na", "MRN-2");

        assertThat(encounters.search("li")).extracting(Encounters.Item::patientName).containsExactly("Li Na");
        assertThat(encounters.search("mrn-1")).extracting(Encounters.Item::patientName).containsExactly("Chen Wei");
        assertThat(encounters.search(" ")).hasSize(2);
    }

    @Test
    void anUnknownEncounterIsRefused() {
        assertThatThrownBy(() -> encounters.open("missing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encounters.save("missing", Encounters.Content.empty("soap-en")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
