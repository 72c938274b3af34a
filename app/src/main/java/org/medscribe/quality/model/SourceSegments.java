package org.medscribe.quality.model;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.evidence.Segment;
import org.medscribe.evidence.SegmentedSources;
import org.medscribe.evidence.Segmenter;
import org.medscribe.quality.DraftEvidence;
import org.medscribe.quality.SourceText;

/**
 * The sources split into numbered segments the way drafting splits them ({@link Segmenter}), so that
 * a model finding's evidence names segments exactly as the draft's evidence does.
 */
final class SourceSegments {

    private SourceSegments() {
    }

    static List<SourceSegment> of(List<SourceText> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        SegmentedSources segmented = new Segmenter().segment(DraftEvidence.draftSources(sources));
        List<SourceSegment> out = new ArrayList<>();
        for (Segment segment : segmented.segments()) {
            out.add(new SourceSegment(String.valueOf(segment.number()), segment.source(), segment.start(), segment.end(),
                    segment.text(), segment.speaker()));
        }
        return out;
    }
}
