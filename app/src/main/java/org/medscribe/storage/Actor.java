package org.medscribe.storage;

import java.util.Objects;

/** Who did something: a clinician (by id), the AI (by model name), or the app itself. */
public record Actor(Kind kind, String id) {

    /** Stored by name in the audit log and draft versions. */
    public enum Kind { CLINICIAN, AI, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor clinician(String clinicianId) {
        return new Actor(Kind.CLINICIAN, Objects.requireNonNull(clinicianId, "clinicianId"));
    }

    public static Actor ai(String model) {
        return new Actor(Kind.AI, model);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, null);
    }
}
