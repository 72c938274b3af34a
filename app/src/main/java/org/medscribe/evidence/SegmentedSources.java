package org.medscribe.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.record.Source;
import org.medscribe.record.RecordLanguage;

/** The sources of an encounter and their numbered segments. Immutable. */
public final class SegmentedSources {

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Segment> segments;

    public SegmentedSources(List<Source> sources, List<Segment> segments) {
        for (Source source : sources) {
            if (this.sources.putIfAbsent(source.id(), source) != null) {
                throw new IllegalArgumentException("two sources share the id " + source.id());
            }
        }
        this.segments = List.copyOf(segments);
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    public Source source(String id) {
        return sources.get(id);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The segment with this number, if it exists. */
    public Optional<Segment> segment(int number) {
        return number >= 1 && number <= segments.size() ? Optional.of(segments.get(number - 1)) : Optional.empty();
    }

    public int size() {
        return segments.size();
    }

    /** The sources' language: Chinese when Han characters dominate all their text together. */
    public RecordLanguage language() {
        StringBuilder all = new StringBuilder();
        sources.values().forEach(s -> all.append(s.text()).append('\n'));
        return RecordLanguage.detect(all);
    }
}
