package org.medscribe.quality;

import org.medscribe.record.RecordLanguage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.medscribe.record.Evidence;
import org.medscribe.evidence.EvidenceCheck;
import org.medscribe.evidence.EvidenceMatcher;
import org.medscribe.evidence.SegmentedSources;
import org.medscribe.evidence.Segmenter;
import org.medscribe.record.Source;

/**
 * The evidence matcher drafting uses too ({@link EvidenceMatcher}) for statements that cite nothing (text
 * the doctor wrote): the statement is checked against every segment of the sources at once, so its
 * numbers, drugs, side and negation must appear in them and enough of its words must be there.
 * Stateless and thread-safe.
 */
public final class DraftEvidence implements StatementEvidence {

    /** The evidence kept on a finding: the best few matched segments, not the whole encounter. */
    static final int MAX_EVIDENCE = 3;

    @Override
    public Optional<Checker> against(List<SourceText> sources, RecordLanguage language) {
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        SegmentedSources segmented = new Segmenter().segment(draftSources(sources));
        if (segmented.size() == 0 || segmented.language() != language) {
            return Optional.empty();
        }
        EvidenceMatcher matcher = new EvidenceMatcher(segmented);
        List<Integer> every = IntStream.rangeClosed(1, segmented.size()).boxed().toList();
        return Optional.of(statement -> {
            EvidenceCheck check = matcher.check(statement, every);
            List<Evidence> evidence = new ArrayList<>();
            for (Evidence e : check.evidence()) {
                if (e.matched() && evidence.size() < MAX_EVIDENCE) {
                    evidence.add(e);
                }
            }
            return new Verdict(check.supported(), check.reason() == null ? null : check.reason().wireName(), evidence);
        });
    }

    /**
     * The sources as drafting takes them: ids unique and at most 40 characters (file names may be
     * longer or repeat), each a note or a transcript as its text looks.
     */
    public static List<Source> draftSources(List<SourceText> sources) {
        List<Source> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (SourceText source : sources) {
            String id = source.id().isBlank() ? "source" : source.id().strip();
            if (id.length() > 40) {
                id = id.substring(0, 40);
            }
            String unique = id;
            for (int n = 2; !used.add(unique); n++) {
                String suffix = "-" + n;
                unique = (id.length() + suffix.length() > 40 ? id.substring(0, 40 - suffix.length()) : id) + suffix;
            }
            out.add(Segmenter.guess(unique, source.text()));
        }
        return out;
    }
}
