package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.draft.InputScreen;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.AppDirectories;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The command line's limits and the reasons it gives: every refusal of input exits 2 with the limit
 * in its one line, before any model is loaded; an engine that dies under a command exits 1 and says
 * so truly (nothing restarts it for a command).
 */
class CliLimitsTest {

    @TempDir
    Path dir;

    private final String model = TestModels.languageModel().toString();

    private Path note(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String clinical(int characters) {
        String sentence = "Patient reports cough and fever for three days; takes paracetamol 500 mg. ";
        return sentence.repeat(characters / sentence.length() + 1).substring(0, characters);
    }

    private CliHarness.Outcome run(String... args) {
        return CliHarness.run(dir.resolve("data"), args);
    }

    @Test
    void aContextOutsideTheRangeExitsTwoNamingTheRange() throws Exception {
        Path note = note("note.txt", clinical(400));
        for (String context : new String[] {"0", "-5", "100"}) {
            CliHarness.Outcome outcome = run("draft", "--model", model, "--template", "soap-en", "--in", note.toString(),
                    "--context", context);
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
            assertThat(outcome.err()).contains("The context size " + context + " is out of range")
                    .contains("between 256 and 1,048,576 tokens").doesNotContain("unexpected");
        }
    }

    @Test
    void aNoteAboveTheDocumentedSizeIsRefusedWithTheLimit() throws Exception {
        Path huge = note("huge.txt", clinical(5 * 1024 * 1024));
        Path long_ = note("long.txt", clinical(InputScreen.MAX_CHARACTERS + 1));

        CliHarness.Outcome file = run("draft", "--model", model, "--template", "soap-en", "--in", huge.toString());
        assertThat(file.exitCode()).as(file.err()).isEqualTo(2);
        assertThat(file.err()).contains("is too large to be a note").contains("100,000 characters");

        for (String[] args : new String[][] {
                {"draft", "--model", model, "--template", "soap-en", "--in", long_.toString()},
                {"suggest", "--model", model, "--in", long_.toString()}}) {
            CliHarness.Outcome outcome = run(args);
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
            assertThat(outcome.err()).contains("The note is too long to draft from: 100,001 characters")
                    .contains("more than the 100,000");
            assertThat(outcome.out()).isEmpty();
        }
    }

    @Test
    void aSourceOverTheQcCapIsRefusedAsTooLargeNotAsUnreadable() throws Exception {
        Path record = Path.of(getClass().getResource("/org/medscribe/quality/corpus/clean/en-01.json").toURI());
        Path source = note("source.txt", clinical(4 * 1024 * 1024 + 1));

        CliHarness.Outcome outcome = run("qc", "--in", record.toString(), "--sources", source.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains("is larger than 4 MB").doesNotContain("UTF-8");
    }

    @Test
    void aSparseModelFarLargerThanItsTensorsIsRefusedByInspectAndDraft() throws Exception {
        Path sparse = Files.copy(TestModels.languageModel(), dir.resolve("sparse.gguf"));
        try (RandomAccessFile grown = new RandomAccessFile(sparse.toFile(), "rw")) {
            grown.setLength(200L << 30);
        }
        Path note = note("note.txt", clinical(400));

        CliHarness.Outcome inspect = run("inspect", sparse.toString());
        CliHarness.Outcome draft = run("draft", "--model", sparse.toString(), "--template", "soap-en", "--in",
                note.toString());

        for (CliHarness.Outcome outcome : new CliHarness.Outcome[] {inspect, draft}) {
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
            assertThat(outcome.err()).contains("bytes long but its tensors end at byte");
        }
    }

    @Test
    void aWorkerThatDiesUnderADraftEndsTheCommandWithATrueMessage() throws Exception {
        Path note = note("note.txt", clinical(600));
        long[] worker = {-1};
        String extracting = new Messages(Locale.ROOT).get("draft.phase.extracting");
        StringWriter errText = new StringWriter();
        // When drafting is about to ask the model, the worker is frozen, so the request is surely in
        // flight when it dies.
        Writer err = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                errText.write(buffer, offset, length);
                if (worker[0] < 0 && errText.toString().contains(extracting)) {
                    // The command's only child JVM is its engine worker (the command line is too long
                    // for the system to show the main class).
                    worker[0] = ProcessHandle.current().children()
                            .filter(p -> p.info().command().orElse("").endsWith("java"))
                            .findFirst().orElseThrow().pid();
                    signal("-STOP", worker[0]);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter out = new StringWriter();
        CliContext context = new CliContext(new AppDirectories(dir.resolve("data")), new Messages(Locale.ROOT),
                new PrintWriter(out, true), new PrintWriter(err, true));
        Thread[] command = new Thread[1];
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        command[0] = new Thread(() -> exit.complete(MedScribeCommand.run(context, "draft", "--model", model,
                "--template", "soap-en", "--in", note.toString())), "cli");
        command[0].start();

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> worker[0] > 0 && Arrays.stream(command[0].getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitGeneration")));
        ProcessHandle.of(worker[0]).orElseThrow().destroyForcibly();

        assertThat(exit.get(60, TimeUnit.SECONDS)).as(errText.toString()).isEqualTo(1);
        assertThat(errText.toString()).contains("The AI engine stopped unexpectedly")
                .contains("nothing was written").doesNotContain("being restarted");
        assertThat(out.toString()).isEmpty();
    }

    private static void signal(String signal, long pid) {
        try {
            assertThat(new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor()).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
