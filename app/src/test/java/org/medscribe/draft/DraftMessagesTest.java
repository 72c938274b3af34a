package org.medscribe.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medscribe.diagnosis.InvalidCode;
import org.medscribe.diagnosis.Likelihood;
import org.medscribe.i18n.Messages;
import org.medscribe.record.Statement;
import org.medscribe.record.FlagKind;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.UnsupportedReason;

/** Every message key drafting shows exists in English and Chinese with the same placeholders. */
class DraftMessagesTest {

    @Test
    void keysExistInBothLanguagesWithTheSamePlaceholders() {
        List<String> keys = new ArrayList<>();
        for (UnsupportedReason reason : UnsupportedReason.values()) {
            keys.add(reason.messageKey());
        }
        for (FlagKind kind : FlagKind.values()) {
            keys.add(kind.messageKey());
        }
        for (SectionStatus status : SectionStatus.values()) {
            if (status.labelKey() != null) {
                keys.add(status.labelKey());
            }
        }
        for (Likelihood likelihood : Likelihood.values()) {
            keys.add(likelihood.messageKey());
        }
        keys.add(Statement.UNSUPPORTED_LABEL_KEY);
        keys.add(InvalidCode.MESSAGE_KEY);
        keys.addAll(List.of("draft.phase.preparing", "draft.phase.extracting", "draft.phase.translating",
                "draft.phase.checking", "draft.phase.done", "diagnosis.phase.suggesting", "diagnosis.phase.done"));
        Messages english = new Messages(Locale.ROOT);
        Messages chinese = new Messages(Messages.CHINESE);
        for (String key : keys) {
            String en = english.bundle().getString(key);
            String zh = chinese.bundle().getString(key);
            assertThat(zh).as(key).isNotEqualTo(en);
            assertThat(placeholders(zh)).as(key).isEqualTo(placeholders(en));
            assertThat(english.get(key, "x")).doesNotContain("{0}");
        }
    }

    private static List<String> placeholders(String pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(String::compareTo);
        return found;
    }
}
