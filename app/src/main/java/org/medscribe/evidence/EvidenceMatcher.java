package org.medscribe.evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.medscribe.clinical.ClinicalText.Side;
import org.medscribe.clinical.ClinicalText.Term;
import org.medscribe.record.Evidence;
import org.medscribe.record.Source;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.clinical.ClinicalLexicon;
import org.medscribe.clinical.ClinicalText;

/**
 * Checks, in Java and not with the model, that the segments a statement cites actually carry its
 * content: every number, drug and side in the statement is in them, negation agrees (a statement
 * "denies fever" needs a segment that denies fever, or a "no" answering a question about it; a
 * question's words never count for a statement that its answer denies or does not repeat), and
 * enough of the statement's words (English stems, Chinese character bigrams) are there. Records
 * the matched character spans.
 *
 * <p>One matcher serves one set of sources; segment analyses are cached. Thread-safe.
 * Quality control reuses it to check statements the doctor wrote.
 */
public final class EvidenceMatcher {

    /** Share of a statement's content terms that must be found (English words). */
    public static final double MIN_OVERLAP_WORDS = 0.5;
    /** Share for Chinese bigrams, which are stricter units than words. */
    public static final double MIN_OVERLAP_HAN = 0.4;

    private final SegmentedSources sources;
    private final ClinicalLexicon lexicon;
    private final Map<Integer, ClinicalText> analysed = new ConcurrentHashMap<>();

    public EvidenceMatcher(SegmentedSources sources) {
        this(sources, ClinicalLexicon.standard());
    }

    public EvidenceMatcher(SegmentedSources sources, ClinicalLexicon lexicon) {
        this.sources = sources;
        this.lexicon = lexicon;
    }

    public SegmentedSources sources() {
        return sources;
    }

    /** Checks a statement written in the language of the segments it cites. */
    public EvidenceCheck check(String statement, List<Integer> citations) {
        List<Integer> invalid = new ArrayList<>();
        List<Segment> cited = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (Integer number : citations) {
            if (number == null || !seen.add(number)) {
                continue;
            }
            sources.segment(number).ifPresentOrElse(cited::add, () -> invalid.add(number));
        }
        if (seen.isEmpty()) {
            return EvidenceCheck.unsupported(UnsupportedReason.NO_CITATION, List.of(), invalid, 0);
        }
        if (cited.isEmpty()) {
            return EvidenceCheck.unsupported(UnsupportedReason.NONEXISTENT_SEGMENT, List.of(), invalid, 0);
        }
        ClinicalText said = ClinicalText.analyse(statement, lexicon);
        Pool pool = pool(cited);

        List<Term> content = said.terms();
        int matched = 0;
        boolean polarityConflict = false;
        boolean han = false;
        int hanTerms = 0;
        for (Term term : content) {
            if (term.kind() == Term.Kind.HAN) {
                hanTerms++;
            }
            List<PoolTerm> hits = pool.find(term);
            if (hits.isEmpty()) {
                continue;
            }
            matched++;
            boolean samePolarity = hits.stream().anyMatch(h -> h.negated == term.negated());
            if (!samePolarity) {
                polarityConflict = true;
            }
            hits.forEach(h -> h.used = true);
        }
        han = hanTerms * 2 >= content.size() && hanTerms > 0;
        double overlap = content.isEmpty() ? 0 : matched / (double) content.size();

        // Drugs count as matched content too, for the spans.
        Set<String> poolDrugs = new LinkedHashSet<>();
        for (PoolSegment ps : pool.segments) {
            for (ClinicalLexicon.Mention m : ps.text.drugs()) {
                poolDrugs.add(m.canonical());
                if (said.drugNames().contains(m.canonical())) {
                    ps.extraSpans.add(new int[] {m.start(), m.end()});
                }
            }
        }
        List<Evidence> evidence = pool.evidence();

        Set<String> poolNumbers = new LinkedHashSet<>();
        pool.terms.stream().filter(p -> p.term.kind() == Term.Kind.NUMBER).forEach(p -> poolNumbers.add(p.term.key()));
        for (String number : said.numbers()) {
            if (!poolNumbers.contains(number)) {
                return EvidenceCheck.unsupported(UnsupportedReason.NUMBER_MISMATCH, evidence, invalid, overlap);
            }
        }
        for (String drug : said.drugNames()) {
            if (!poolDrugs.contains(drug)) {
                return EvidenceCheck.unsupported(UnsupportedReason.DRUG_MISMATCH, evidence, invalid, overlap);
            }
        }
        Set<Side> poolSides = pool.sides();
        for (Side side : said.sides()) {
            if (!poolSides.contains(side)) {
                return EvidenceCheck.unsupported(UnsupportedReason.LATERALITY_MISMATCH, evidence, invalid, overlap);
            }
        }
        if (polarityConflict) {
            return EvidenceCheck.unsupported(UnsupportedReason.NEGATION_MISMATCH, evidence, invalid, overlap);
        }
        double needed = han ? MIN_OVERLAP_HAN : MIN_OVERLAP_WORDS;
        if (matched == 0 || overlap < needed) {
            return EvidenceCheck.unsupported(UnsupportedReason.LOW_OVERLAP, evidence, invalid, overlap);
        }
        return new EvidenceCheck(true, null, evidence, invalid, overlap);
    }

    /**
     * Checks a statement translated into the record's language from a fact written in the
     * sources' language: the fact must verify against its citations, and the translation must
     * keep the fact's numbers, dosing frequencies, drugs, sides and negation. Frequencies are
     * compared as codes ("twice a day" and "每日两次" are both bid) and left out of the numbers,
     * since the two languages count them differently.
     */
    public EvidenceCheck checkTranslation(String translated, String original, List<Integer> citations) {
        EvidenceCheck base = check(original, citations);
        if (!base.supported()) {
            return base;
        }
        String fromText = ClinicalText.normalize(original);
        String toText = ClinicalText.normalize(translated);
        ClinicalText from = ClinicalText.analyse(FactChecker.withoutFrequencies(fromText), lexicon);
        ClinicalText to = ClinicalText.analyse(FactChecker.withoutFrequencies(toText), lexicon);
        boolean agrees = from.numbers().equals(to.numbers())
                && FactChecker.frequencies(fromText).equals(FactChecker.frequencies(toText))
                && from.drugNames().containsAll(to.drugNames())
                && from.sides().equals(to.sides())
                && from.hasNegationCue() == to.hasNegationCue();
        if (!agrees) {
            return EvidenceCheck.unsupported(UnsupportedReason.TRANSLATION_MISMATCH, base.evidence(),
                    base.invalidCitations(), base.overlap());
        }
        return base;
    }

    private ClinicalText analysis(Segment segment) {
        return analysed.computeIfAbsent(segment.number(), n -> ClinicalText.analyse(segment.text(), lexicon));
    }

    /** How an answer stands to the question before it. */
    private enum Stance {
        /** "yes", "有", "yes, penicillin gives me a rash": what was asked about is present. */
        AFFIRMS,
        /** "no", "没有", "no, never. …": what was asked about is absent. */
        DENIES,
        /** An answer in its own words ("it swelled up… no locking"): only its own words are evidence. */
        OWN_WORDS
    }

    /** Whether the answer's first clause is a bare yes or no. */
    private Stance stance(Segment answer) {
        ClinicalText text = analysis(answer);
        if (text.isBareNegative()) {
            return Stance.DENIES;
        }
        if (text.isBareAffirmative()) {
            return Stance.AFFIRMS;
        }
        String normalized = text.normalized();
        int end = 0;
        while (end < normalized.length() && ".,;:!?".indexOf(normalized.charAt(end)) < 0) {
            end++;
        }
        ClinicalText first = ClinicalText.analyse(normalized.substring(0, end), lexicon);
        if (first.isBareNegative()) {
            return Stance.DENIES;
        }
        return first.isBareAffirmative() ? Stance.AFFIRMS : Stance.OWN_WORDS;
    }

    /**
     * The cited segments as evidence. A doctor's question is evidence only through its answer, which
     * must be cited too and come right after it: a bare (or leading) "yes" affirms what was asked, a
     * "no" denies it, and any other answer speaks only for itself. Words the answer repeats take the
     * answer's polarity ("any locking?" / "no locking"), never the question's.
     */
    private Pool pool(List<Segment> cited) {
        Set<Integer> citedNumbers = new HashSet<>();
        cited.forEach(s -> citedNumbers.add(s.number()));
        Pool pool = new Pool();
        for (Segment segment : cited) {
            ClinicalText text = analysis(segment);
            PoolSegment ps = new PoolSegment(segment, text);
            pool.segments.add(ps);
            if (text.isBareNegative() || text.isBareAffirmative()) {
                ps.wholeSegment = true;
            }
            if (!segment.isQuestion()) {
                for (Term term : text.terms()) {
                    pool.add(ps, term, term.negated());
                }
                continue;
            }
            List<Segment> answer = new ArrayList<>();
            for (int next = segment.number() + 1; citedNumbers.contains(next); next++) {
                Segment following = sources.segment(next).orElseThrow();
                if (following.isQuestion()) {
                    break;
                }
                answer.add(following);
            }
            if (answer.isEmpty()) {
                continue; // a question nobody answered proves nothing
            }
            Stance stance = stance(answer.get(0));
            if (stance == Stance.OWN_WORDS) {
                continue;
            }
            for (Term term : text.terms()) {
                boolean repeated = answer.stream().anyMatch(a -> analysis(a).terms().stream().anyMatch(term::sameAs));
                if (!repeated) {
                    pool.add(ps, term, stance == Stance.DENIES ? !term.negated() : term.negated());
                }
            }
        }
        return pool;
    }

    private static final class PoolTerm {
        final Term term;
        final boolean negated;
        final PoolSegment segment;
        boolean used;

        PoolTerm(Term term, boolean negated, PoolSegment segment) {
            this.term = term;
            this.negated = negated;
            this.segment = segment;
        }
    }

    private static final class PoolSegment {
        final Segment segment;
        final ClinicalText text;
        final List<PoolTerm> terms = new ArrayList<>();
        final List<int[]> extraSpans = new ArrayList<>();
        boolean wholeSegment;

        PoolSegment(Segment segment, ClinicalText text) {
            this.segment = segment;
            this.text = text;
        }
    }

    private final class Pool {
        final List<PoolSegment> segments = new ArrayList<>();
        final List<PoolTerm> terms = new ArrayList<>();

        void add(PoolSegment segment, Term term, boolean negated) {
            PoolTerm pt = new PoolTerm(term, negated, segment);
            terms.add(pt);
            segment.terms.add(pt);
        }

        List<PoolTerm> find(Term term) {
            List<PoolTerm> hits = new ArrayList<>();
            for (PoolTerm candidate : terms) {
                if (candidate.term.sameAs(term)) {
                    hits.add(candidate);
                }
            }
            return hits;
        }

        Set<Side> sides() {
            Set<Side> sides = new LinkedHashSet<>();
            segments.forEach(s -> sides.addAll(s.text.sides()));
            return sides;
        }

        List<Evidence> evidence() {
            List<Evidence> evidence = new ArrayList<>();
            boolean anyUsed = terms.stream().anyMatch(t -> t.used);
            for (PoolSegment ps : segments) {
                int from = Integer.MAX_VALUE;
                int to = -1;
                for (PoolTerm t : ps.terms) {
                    if (t.used) {
                        from = Math.min(from, t.term.start());
                        to = Math.max(to, t.term.end());
                    }
                }
                for (int[] span : ps.extraSpans) {
                    from = Math.min(from, span[0]);
                    to = Math.max(to, span[1]);
                }
                boolean matched = to >= 0 || (ps.wholeSegment && anyUsed);
                if (to < 0) {
                    from = 0;
                    to = ps.segment.text().length();
                }
                Segment s = ps.segment;
                Source source = sources.source(s.source());
                int start = s.start() + from;
                int end = s.start() + to;
                evidence.add(new Evidence(s.source(), s.number(), start, end, source.text().substring(start, end), matched));
            }
            return evidence;
        }
    }
}
