package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.clinical.Sentences;
import org.medscribe.clinical.TextSpan;

/**
 * Finds drug mentions in a plan and decides which are orders: a drug with a dose, a frequency or a
 * route, or after an order verb ({@code 予}, {@code 给予}, {@code start}, {@code prescribe}). A
 * continued home medication ({@code 继续}, {@code continue}), a stopped or avoided one
 * ({@code 停用}, {@code avoid}) and an allergy ({@code 过敏}) are mentions, not orders. Each drug owns
 * the words from the clause boundary before it to the next drug, so "予阿莫西林胶囊 0.5g 口服 tid、
 * 布洛芬 0.3g 口服 prn" is two complete orders.
 */
final class MedicationOrders {

    /**
     * One drug mention.
     *
     * @param drug      the drug's words
     * @param segment   the words that belong to it
     * @param order     whether it is an order (see the class comment)
     * @param excluded  stopped, avoided or an allergy: not something the patient will take
     * @param dose      a dose is written
     * @param frequency a frequency is written
     * @param route     a route is written or implied by the dosage form (tablet, 胶囊, cream)
     */
    record Mention(TextSpan drug, TextSpan segment, boolean order, boolean excluded, boolean dose, boolean frequency,
                   boolean route) {
    }

    private MedicationOrders() {
    }

    static List<Mention> find(String text, Lexicon lexicon) {
        List<Mention> out = new ArrayList<>();
        for (TextSpan sentence : Sentences.sentences(text)) {
            String s = sentence.of(text);
            List<TextSpan> drugs = new ArrayList<>();
            for (TextSpan drug : lexicon.drugs.find(s)) {
                if (!lexicon.notDrugs.in(drug.of(s))) {
                    drugs.add(drug);
                }
            }
            int[] starts = new int[drugs.size()];
            for (int i = 0; i < drugs.size(); i++) {
                int boundary = lastSeparatorBefore(s, drugs.get(i).start());
                int previousEnd = i == 0 ? 0 : drugs.get(i - 1).end();
                starts[i] = boundary >= previousEnd ? boundary : drugs.get(i).start();
            }
            for (int i = 0; i < drugs.size(); i++) {
                int end = i + 1 < drugs.size() ? starts[i + 1] : s.length();
                TextSpan segment = trim(s, starts[i], Math.max(end, drugs.get(i).end()));
                String words = segment.of(s);
                String drugWords = drugs.get(i).of(s);
                boolean excluded = lexicon.stopWords.in(words);
                boolean continued = lexicon.continuation.in(words);
                boolean dose = lexicon.dose.in(words);
                boolean frequency = lexicon.frequency.in(words);
                boolean explicitRoute = lexicon.route.in(words);
                boolean route = explicitRoute || lexicon.routeByForm.in(drugWords) || lexicon.routeByForm.in(words);
                boolean order = !excluded && !continued
                        && (dose || frequency || explicitRoute || lexicon.orderVerbs.in(words));
                int offset = sentence.start();
                out.add(new Mention(shift(drugs.get(i), offset), shift(segment, offset), order, excluded, dose, frequency,
                        route));
            }
        }
        return out;
    }

    private static int lastSeparatorBefore(String s, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (Sentences.isClauseSeparator(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '：') {
                return i + 1;
            }
        }
        return 0;
    }

    private static TextSpan trim(String s, int start, int end) {
        int a = start;
        int b = end;
        while (a < b && (Character.isWhitespace(s.charAt(a)) || Sentences.isClauseSeparator(s.charAt(a)))) {
            a++;
        }
        while (b > a && (Character.isWhitespace(s.charAt(b - 1)) || Sentences.isClauseSeparator(s.charAt(b - 1))
                || s.charAt(b - 1) == '.')) {
            b--;
        }
        return new TextSpan(a, b);
    }

    private static TextSpan shift(TextSpan span, int by) {
        return new TextSpan(span.start() + by, span.end() + by);
    }
}
