package org.medscribe.storage;

/** The kind of visit an encounter is (初诊, 复诊, 急诊). Stored by name: never rename a constant. */
public enum VisitType {
    /** The patient's first visit for this problem (初诊). */
    FIRST,
    /** A follow-up visit (复诊). */
    FOLLOW_UP,
    /** An emergency visit (急诊). */
    EMERGENCY
}
