package org.medscribe.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.medscribe.common.CancellationToken;
import org.medscribe.draft.ui.RecordDrafting;

/**
 * Wraps the real drafting and holds the engine's token stream at one token, so a test can act
 * (cancel, switch language, kill the worker) while generation is in progress. Released by the test
 * or by a cancel.
 */
final class GatedDrafting implements RecordDrafting {

    private final RecordDrafting real;
    private volatile int holdAtToken = -1;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    GatedDrafting(RecordDrafting real) {
        this.real = real;
    }

    /** The next draft holds when the engine delivers its {@code count}-th token. */
    void holdAtToken(int count) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdAtToken = count;
    }

    /** The next draft holds at the first token after {@code sections} sections are done. */
    void holdAfterSections(int sections) {
        holdAfterSections = sections;
        holdAtToken(1);
    }

    private volatile int holdAfterSections;

    void awaitHeld() throws InterruptedException {
        if (!held.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the draft never reached the gate");
        }
    }

    void release() {
        holdAtToken = -1;
        holdAfterSections = 0;
        release.countDown();
    }

    @Override
    public List<Template> templates() {
        return real.templates();
    }

    @Override
    public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
        Runnable unregister = cancel.onCancel(release::countDown);
        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try {
            return real.draft(templateId, sources, new Events() {
                @Override
                public void sectionStarted(String sectionId) {
                    events.sectionStarted(sectionId);
                }

                @Override
                public void sectionText(String sectionId, String piece) {
                    events.sectionText(sectionId, piece);
                }

                @Override
                public void sectionDone(Section section) {
                    done.incrementAndGet();
                    events.sectionDone(section);
                }

                @Override
                public void phase(String phaseKey, double fraction) {
                    events.phase(phaseKey, fraction);
                }

                @Override
                public void tokens(int count) {
                    events.tokens(count);
                    // Called on the engine's token thread: holding here pauses generation mid-stream.
                    if (tokens.addAndGet(count) >= holdAtToken && holdAtToken > 0 && done.get() >= holdAfterSections) {
                        holdAtToken = -1;
                        holdAfterSections = 0;
                        held.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }, cancel);
        } finally {
            unregister.run();
        }
    }
}
