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

    /**
     * The next draft holds at the first token after {@code sections} sections are done with statements
     * (a not-documented section has no text to keep, so it does not count: the random test model may
     * leave the first sections empty).
     */
    void holdAfterSections(int sections) {
        holdAfterSections = sections;
        holdAtToken(1);
    }

    private volatile int holdAfterSections;
    private volatile int holdAfterTexts;
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger texts = new AtomicInteger();
    /** The live text of the latest draft, per section, as the drafting sent it (pieces run on). */
    final java.util.Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();
    /** The sections the latest draft has completed so far. */
    final java.util.Set<String> completed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The section the latest piece of live text was for. */
    volatile String lastWritten;

    /** The next draft holds at the first token after its {@code texts}-th piece of live section text. */
    void holdAfterTexts(int texts) {
        holdAfterTexts = texts;
        holdAtToken(1);
    }

    /** Lets the held draft go on until its {@code texts}-th piece of live section text, and holds again. */
    void releaseUntilTexts(int texts) {
        CountDownLatch waiting = release;
        holdAfterTexts(texts);
        waiting.countDown();
    }

    /** Pieces of live section text the latest draft has sent so far. */
    int texts() {
        return texts.get();
    }

    /** How many times the token stream was held so far (it is held now if no release followed the last). */
    int holds() {
        return holds.get();
    }

    void awaitHeld() throws InterruptedException {
        if (!held.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the draft never reached the gate");
        }
    }

    void release() {
        holdAtToken = -1;
        holdAfterSections = 0;
        holdAfterTexts = 0;
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
        texts.set(0);
        written.clear();
        completed.clear();
        lastWritten = null;
        try {
            return real.draft(templateId, sources, new Events() {
                @Override
                public void sectionStarted(String sectionId) {
                    events.sectionStarted(sectionId);
                }

                @Override
                public void sectionText(String sectionId, String piece) {
                    written.merge(sectionId, piece, String::concat);
                    lastWritten = sectionId;
                    texts.incrementAndGet();
                    events.sectionText(sectionId, piece);
                }

                @Override
                public void sectionDone(Section section) {
                    if (!section.statements().isEmpty()) {
                        done.incrementAndGet();
                    }
                    completed.add(section.id());
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
                    if (tokens.addAndGet(count) >= holdAtToken && holdAtToken > 0 && done.get() >= holdAfterSections
                            && texts.get() >= holdAfterTexts) {
                        holdAtToken = -1;
                        holdAfterSections = 0;
                        holdAfterTexts = 0;
                        CountDownLatch until = release;
                        holds.incrementAndGet();
                        held.countDown();
                        try {
                            until.await(60, TimeUnit.SECONDS);
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
