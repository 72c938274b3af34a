package org.medscribe.review.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.i18n.Messages;
import org.medscribe.review.Encounters;

/** An encounter's patient, visit and status in the UI's words, for the worklist and the record header. */
final class EncounterWords {

    private static final String DOT = " · ";
    private final Messages messages;
    private final ZoneId zone;

    EncounterWords(Messages messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    /** "Chen Wei · MRN-0001". */
    String patient(Encounters.Item item) {
        return item.recordNumber() == null || item.recordNumber().isBlank() ? item.patientName()
                : item.patientName() + DOT + item.recordNumber();
    }

    /** "Female · 46 y (1980-03-02) · Follow-up": what is known of them, in order. */
    String details(Encounters.Item item) {
        Encounters.Details details = item.details();
        List<String> parts = new ArrayList<>();
        if (details.sex() != null) {
            parts.add(messages.getOrDefault("encounters.sex." + details.sex(), details.sex()));
        }
        Integer age = details.ageOn(item.visitDay(zone));
        String born = details.birthDate() == null ? null : messages.get("encounters.born", details.birthDate());
        if (age != null) {
            parts.add(born == null ? messages.get("encounters.age", age) : messages.get("encounters.age", age) + " " + born);
        } else if (born != null) {
            parts.add(born);
        } else if (details.age() != null) {
            parts.add(details.age());
        }
        if (details.visitType() != null) {
            parts.add(messages.getOrDefault("encounters.visit." + details.visitType(), details.visitType()));
        }
        return String.join(DOT, parts);
    }

    /** The day of the visit (the one given, else the day it started), ISO. */
    LocalDate day(Encounters.Item item) {
        return item.visitDay(zone);
    }

    /** Draft, signed, amended. */
    String status(Encounters.Item item) {
        return messages.getOrDefault("encounters.status." + item.status(), item.status());
    }
}
