package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.clinical.TextSpan;

/**
 * Units after a number written in a case that changes or muddles their meaning: {@code mG} and
 * {@code Mg} for mg (Mg is megagram), {@code Kg}, {@code Ml}, {@code mmHG}, {@code Mcg}. The
 * conventional spelling, all lower case and all upper case (printed forms) are accepted; gram and
 * litre are left alone (G and L have other meanings after a number).
 */
final class UnitSpellings {

    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "mg", Set.of("mg", "MG"),
            "kg", Set.of("kg", "KG"),
            "mcg", Set.of("mcg", "MCG"),
            "ml", Set.of("ml", "mL", "ML"),
            "mmhg", Set.of("mmHg", "mmhg", "MMHG"),
            "mmol/l", Set.of("mmol/L", "mmol/l", "MMOL/L"),
            "umol/l", Set.of("umol/L", "umol/l", "UMOL/L", "μmol/L", "µmol/L"),
            "iu", Set.of("IU", "iu"),
            "cm", Set.of("cm", "CM"),
            "mm", Set.of("mm", "MM"));

    private static final Pattern UNIT = Pattern.compile(
            "(?<=[0-9])\\s*(?<u>mmol/l|umol/l|μmol/l|µmol/l|mmhg|mcg|mg|kg|ml|iu|cm|mm)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);

    private UnitSpellings() {
    }

    static List<TextSpan> misspelled(String text) {
        List<TextSpan> out = new ArrayList<>();
        Matcher m = UNIT.matcher(text);
        while (m.find()) {
            String unit = m.group("u");
            String key = unit.toLowerCase(Locale.ROOT).replace('μ', 'u').replace('µ', 'u');
            Set<String> accepted = ACCEPTED.get(key);
            if (accepted != null && !accepted.contains(unit)) {
                out.add(new TextSpan(m.start("u"), m.end("u")));
            }
        }
        return out;
    }
}
