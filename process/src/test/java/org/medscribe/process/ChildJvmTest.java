package org.medscribe.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

    @Test
    void everyChildExitsOnOutOfMemory() {
        assertThat(ChildJvm.of(HeapExhaustingChild.class).command()).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void aChildThatRunsOutOfHeapExitsInsteadOfHanging() throws Exception {
        Process child = ChildJvm.of(HeapExhaustingChild.class).maxHeap("16m").start();
        try {
            // stdin stays open, as the supervisor keeps it: the child would wait on it forever. Its few
            // lines of output fit in the pipes, so they need no draining.
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("child exited").isTrue();
            assertThat(child.exitValue()).isEqualTo(ChildJvm.OUT_OF_MEMORY_EXIT);
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Runs out of heap on a helper thread, then waits on stdin as the engine worker waits for its next
     * request: without exiting on the error, it would never end.
     */
    public static final class HeapExhaustingChild {

        public static void main(String[] args) throws Exception {
            Thread allocating = new Thread(() -> {
                List<byte[]> held = new ArrayList<>();
                while (true) {
                    held.add(new byte[1 << 20]);
                }
            }, "allocating");
            allocating.start();
            allocating.join();
            System.in.read();
        }

        private HeapExhaustingChild() {
        }
    }
}
