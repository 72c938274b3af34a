package org.medscribe.inference.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made GGUF files for tests of what must never reach llama.cpp. */
public final class GgufSamples {

    private GgufSamples() {
    }

    /**
     * The 40-byte GGUF whose first metadata key is empty: llama.cpp build 4916 aborts the whole
     * process (exit 134) on it (ENGINE-NOTES.md, reproduced).
     */
    public static Path emptyKeyFile(Path dir) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(new byte[] {'G', 'G', 'U', 'F'});
        bytes.putInt(3);        // version
        bytes.putLong(0);       // tensor count
        bytes.putLong(1);       // metadata count
        bytes.putLong(0);       // key length: empty key
        bytes.putInt(4);        // value type: uint32
        bytes.putInt(42);       // value
        Path file = dir.resolve("empty-key.gguf");
        Files.write(file, bytes.array());
        return file;
    }
}
