package org.medscribe.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.crypto.KeyFileKeySource;

/**
 * The store gives an imported document its id, on a real encrypted store in a temp dir: a document
 * kept at import is kept once under that id, and one drafted from before it was kept (read while no
 * encounter was open) has the record's evidence follow it to the id the store gave it.
 */
class StoredEncountersTest {

    @TempDir
    Path dataDir;

    private static final String LETTER = "Discharge letter.\nPotassium 3.2 mmol/L on admission.";

    @Test
    void aDocumentKeptAtImportKeepsTheStoresIdAndIsKeptOnce() {
        AppDirectories directories = new AppDirectories(dataDir);
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            StoredEncounters encounters = new StoredEncounters(store, Clock.systemUTC(), "soap-en");
            String encounterId = encounters.create("Ann Lee", "MRN-7").id();

            Encounters.Document kept = encounters.keepDocument(encounterId, letter("read-1"));
            encounters.save(encounterId, content(kept, kept.id()));
            assertThat(encounters.keepDocument(encounterId, kept).id()).isEqualTo(kept.id());

            Encounters.Content reopened = encounters.open(encounterId);
            assertThat(reopened.documents()).extracting(Encounters.Document::id).containsExactly(kept.id());
            assertThat(kept.id()).isNotEqualTo("read-1");
        }
    }

    @Test
    void evidenceOnADocumentsProvisionalIdFollowsItToTheKeptId() {
        AppDirectories directories = new AppDirectories(dataDir);
        String encounterId;
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            StoredEncounters encounters = new StoredEncounters(store, Clock.systemUTC(), "soap-en");
            encounterId = encounters.create("Ann Lee", "MRN-7").id();
            encounters.save(encounterId, content(letter("read-before-any-encounter"), "read-before-any-encounter"));
        }
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            Encounters.Content reopened = new StoredEncounters(store, Clock.systemUTC(), "soap-en").open(encounterId);
            String documentId = reopened.documents().get(0).id();
            assertThat(documentId).isNotEqualTo("read-before-any-encounter");
            assertThat(reopened.sections().get(0).statements().get(0).evidence())
                    .extracting(Evidence::source).containsExactly(documentId);
        }
    }

    private static Encounters.Document letter(String id) {
        return new Encounters.Document(id, "letter.pdf", LETTER, 1, DocumentProvenance.UNKNOWN);
    }

    /** The document and a record whose one statement cites its second line under {@code citedId}. */
    private static Encounters.Content content(Encounters.Document document, String citedId) {
        int at = LETTER.indexOf("Potassium");
        Statement statement = Statement.kept("Potassium was low on admission.", true, null,
                List.of(Evidence.span(citedId, at, LETTER.length())));
        RecordSection section = new RecordSection("hpi", "History", statement.text(), false, false, true,
                List.of(statement));
        return new Encounters.Content("", List.of(document), "soap-en", "en", List.of(section));
    }
}
