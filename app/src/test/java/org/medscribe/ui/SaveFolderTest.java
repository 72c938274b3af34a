package org.medscribe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save dialog opens in the documents folder, then where the user saved last; never the working directory. */
class SaveFolderTest {

    @TempDir
    Path home;

    @Test
    void opensInTheDocumentsFolderThenTheLastOneUsed() throws Exception {
        SaveFolder folder = new SaveFolder(home);
        assertThat(folder.initial()).isEqualTo(home);
        Path documents = Files.createDirectory(home.resolve("Documents"));
        assertThat(folder.initial()).isEqualTo(documents);

        Path exports = Files.createDirectories(home.resolve("clinic/exports"));
        folder.used(exports.resolve("record.pdf"));
        assertThat(folder.initial()).isEqualTo(exports);

        Files.delete(exports);
        assertThat(folder.initial()).isEqualTo(documents);
    }
}
