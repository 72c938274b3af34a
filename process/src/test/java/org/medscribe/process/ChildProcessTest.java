package org.medscribe.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

class ChildProcessTest {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final ChildProcess.Listener recorder = new ChildProcess.Listener() {
        @Override
        public void frame(ObjectNode frame) {
            events.add(Frames.type(frame) + ":" + frame.path("text").asText(frame.path("key").asText()));
        }

        @Override
        public void ended() {
            events.add("end");
        }

        @Override
        public void overflowed() {
            events.add("overflow");
        }
    };

    @Test
    void framesGoBothWaysAndStrayOutputIsIgnored() throws Exception {
        ChildProcess child = ChildProcess.attach(ChildJvm.of(EchoChild.class).maxHeap("32m").start(), "echo",
                Long.MAX_VALUE, recorder);
        try {
            assertThat(next()).isEqualTo("ready:");
            child.send(Frames.frame("echo", 1).put("text", "主诉\n头痛"));
            assertThat(next()).isEqualTo("echo:主诉\n头痛");
            child.send(Frames.frame("fail", 2));
            assertThat(next()).isEqualTo("error:capture.too.complex");
            child.closeInput();
            assertThat(next()).isEqualTo("end");
            assertThat(child.exitCode(Duration.ofSeconds(10))).isEqualTo(0);
            assertThat(child.stderrTail()).contains("printed by a library");
        } finally {
            child.kill();
        }
    }

    @Test
    void aChildThatWritesTooMuchIsCutOff() throws Exception {
        ChildProcess child = ChildProcess.attach(ChildJvm.of(EchoChild.class).maxHeap("32m").start(), "echo",
                1000, recorder);
        try {
            assertThat(next()).isEqualTo("ready:");
            child.send(Frames.frame("echo", 1).put("text", "x".repeat(5000)));
            assertThat(next()).isEqualTo("overflow");
        } finally {
            child.kill();
        }
    }

    @Test
    void stopKillsAChildThatDoesNotListen() throws Exception {
        ChildProcess child = ChildProcess.attach(ChildJvm.of(EchoChild.class).maxHeap("32m").argument("deaf").start(),
                "echo", Long.MAX_VALUE, recorder);
        assertThat(next()).isEqualTo("ready:");
        long start = System.nanoTime();
        child.stop(Frames.frame("exit", 0), Duration.ofMillis(300));
        assertThat(child.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(child.onExit().get(5, TimeUnit.SECONDS)).isNotEqualTo(0);
    }

    private String next() throws InterruptedException {
        String event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("event from the child").isNotNull();
        return event;
    }

    /** Echoes {@code echo} frames, answers {@code fail} with an error; with argument "deaf" ignores stdin. */
    public static final class EchoChild {

        public static void main(String[] args) throws Exception {
            ParentWire wire = ParentWire.claim();
            System.out.println("printed by a library");
            wire.send(Frames.frame("ready", 0));
            if (args.length > 0) {
                new java.util.concurrent.CountDownLatch(1).await(); // deaf: never reads, waits to be killed
            }
            Optional<ObjectNode> next;
            while ((next = wire.next()).isPresent()) {
                ObjectNode frame = next.get();
                long id = frame.path("id").asLong();
                if (Frames.type(frame).equals("fail")) {
                    wire.send(Frames.error(id, new MedScribeException(Category.BAD_INPUT, "capture.too.complex")));
                } else {
                    wire.send(Frames.frame("echo", id).put("text", frame.path("text").asText()));
                }
            }
        }
    }
}
