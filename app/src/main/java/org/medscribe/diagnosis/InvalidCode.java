package org.medscribe.diagnosis;

/**
 * A code the model proposed that is not a valid ICD-10-CM code here: removed from its diagnosis.
 *
 * @param rank      the diagnosis's rank
 * @param diagnosis the diagnosis
 * @param code      the proposed code
 */
public record InvalidCode(int rank, String diagnosis, String code) {

    /** Message key explaining the removal; argument: the code. */
    public static final String MESSAGE_KEY = "diagnosis.code.invalid";
}
