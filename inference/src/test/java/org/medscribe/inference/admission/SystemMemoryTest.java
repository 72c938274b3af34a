package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMemoryTest {

    @Test
    void readsMemAvailableInBytes() {
        List<String> meminfo = List.of("MemTotal:       24575168 kB", "MemFree:        20000000 kB",
                "MemAvailable:   23000000 kB", "Buffers:           12345 kB");

        assertThat(SystemMemory.parseMemAvailable(meminfo)).hasValue(23_000_000L * 1024);
        assertThat(SystemMemory.parseMemAvailable(List.of("MemTotal: 1 kB"))).isEmpty();
        assertThat(SystemMemory.parseMemAvailable(List.of("MemAvailable: lots"))).isEmpty();
    }

    @Test
    void fallsBackWhenThereIsNoMeminfo(@TempDir Path dir) throws IOException {
        assertThat(SystemMemory.memAvailable(dir.resolve("absent"))).isEmpty();
        Path file = Files.writeString(dir.resolve("meminfo"), "MemAvailable: 2048 kB\n");
        assertThat(SystemMemory.memAvailable(file)).hasValue(2048L * 1024);
    }

    @Test
    void theRunningMachineHasSomeMemoryFree() {
        assertThat(SystemMemory.current().availableBytes()).isPositive();
        assertThat(SystemMemory.fixed(42).availableBytes()).isEqualTo(42);
    }
}
