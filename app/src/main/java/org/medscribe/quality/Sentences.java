package org.medscribe.quality;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.clinical.TextSpan;

/** The statements of text the doctor wrote: its sentences, each with its closing mark and offsets. */
final class Sentences {

    private Sentences() {
    }

    static List<ReviewedStatement> statementsOf(String text) {
        List<ReviewedStatement> out = new ArrayList<>();
        for (TextSpan sentence : org.medscribe.clinical.Sentences.sentencesWithEnds(text)) {
            out.add(new ReviewedStatement(sentence.of(text), sentence.start(), sentence.end(), null, null, List.of()));
        }
        return out;
    }
}
