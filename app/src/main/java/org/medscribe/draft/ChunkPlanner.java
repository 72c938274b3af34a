package org.medscribe.draft;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.ChunkingReport;
import org.medscribe.evidence.Segment;
import org.medscribe.evidence.SegmentedSources;

/**
 * Fits an extraction into the model's context: reserves room for the answer (the schema's token
 * bound, shrinking the schema if the bound would take more than {@link #OUTPUT_SHARE} of the
 * context), then cuts the segments into consecutive chunks whose prompts fit what is left, counted
 * with the engine's own tokenizer. A chunk that ends with a question carries it into the next
 * chunk, so an answer is never separated from what it answers. Nothing is ever truncated.
 */
final class ChunkPlanner {

    /** The answer may take at most this share of the context. */
    static final double OUTPUT_SHARE = 0.6;
    /** Tokens kept free for the chat template's own markers and rounding. */
    static final int MARGIN = 32;

    private ChunkPlanner() {
    }

    /** The plan: one schema per chunk (carrying its segment range), with the budgets used. */
    record Plan(List<ExtractionSchema> chunks, List<Integer> promptTokens, int outputBound, int promptBudget,
            int contextSize, boolean reduced) {

        ChunkingReport report(int mergedDuplicates) {
            List<ChunkingReport.ChunkRange> ranges = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                ranges.add(new ChunkingReport.ChunkRange(chunks.get(i).firstSegment(), chunks.get(i).lastSegment(),
                        promptTokens.get(i)));
            }
            return new ChunkingReport(chunks.size() > 1, ranges, contextSize, outputBound, promptBudget, reduced,
                    mergedDuplicates);
        }
    }

    static Plan plan(LanguageEngine engine, SegmentedSources sources, ExtractionSchema full, TokenCost cost,
            int contextSize, RecordLanguage factLanguage) {
        int share = (int) (contextSize * OUTPUT_SHARE);
        ExtractionSchema schema = full.fitTo(share, cost);
        int outputBound = schema.tokenBound(cost);
        int promptBudget = contextSize - outputBound - MARGIN;
        int fixed = engine.countPromptTokens(ExtractionPrompt.emptyMessages(schema))
                + sources.sources().size() * 12;
        List<Segment> segments = sources.segments();
        int[] cost0 = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            cost0[i] = engine.countTokens(ExtractionPrompt.line(segments.get(i))) + 1;
            if (fixed + cost0[i] > promptBudget) {
                throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "draft.error.contextTooSmall",
                        contextSize, fixed + cost0[i] + outputBound);
            }
        }
        // Greedy chunks of whole segments, with a few percent of slack for tokenisation at the joins.
        int usable = (int) (promptBudget * 0.97) - fixed;
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        while (start < segments.size()) {
            int used = 0;
            int end = start;
            while (end < segments.size() && used + cost0[end] <= usable) {
                used += cost0[end];
                end++;
            }
            ranges.add(new int[] {start, end});
            if (end >= segments.size()) {
                break;
            }
            int next = end;
            if (segments.get(end - 1).isQuestion() && end - 1 > start) {
                next = end - 1; // the question travels with its answer
            }
            start = next;
        }
        List<ExtractionSchema> chunks = new ArrayList<>();
        List<Integer> promptTokens = new ArrayList<>();
        for (int[] range : ranges) {
            addChunk(engine, sources, schema, range[0] + 1, range[1], ranges.size(), promptBudget, chunks, promptTokens);
        }
        // Exact counts may have split a chunk; the part numbers in the prompts follow the final count.
        return new Plan(List.copyOf(chunks), List.copyOf(promptTokens), outputBound, promptBudget, contextSize,
                schema.isReduced(factLanguage));
    }

    private static void addChunk(LanguageEngine engine, SegmentedSources sources, ExtractionSchema schema, int first,
            int last, int parts, int promptBudget, List<ExtractionSchema> chunks, List<Integer> promptTokens) {
        ExtractionSchema chunk = schema.forSegments(first, last);
        int exact = engine.countPromptTokens(ExtractionPrompt.messages(sources, chunk, Math.max(1, chunks.size() + 1),
                Math.max(parts, chunks.size() + 1)));
        if (exact <= promptBudget || first == last) {
            chunks.add(chunk);
            promptTokens.add(exact);
            return;
        }
        int middle = (first + last) / 2;
        addChunk(engine, sources, schema, first, middle, parts + 1, promptBudget, chunks, promptTokens);
        addChunk(engine, sources, schema, middle + 1, last, parts + 1, promptBudget, chunks, promptTokens);
    }
}
