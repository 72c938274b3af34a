package org.medscribe.export;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Signing times as a clinician reads them: {@code 2025-11-28 10:42 +08:00}, not raw ISO-8601. */
final class SignedTime {

    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private SignedTime() {
    }

    static String format(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return OffsetDateTime.parse(iso).format(PRINTED);
        } catch (DateTimeParseException notIso) {
            return iso;
        }
    }
}
