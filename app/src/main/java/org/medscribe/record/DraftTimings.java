package org.medscribe.record;


/**
 * Where a draft's time went. Token figures are summed over chunks (and the translation, if any).
 *
 * @param totalMillis             from request to finished record
 * @param extractionMillis        model time extracting facts (0 when reused)
 * @param translationMillis       model time translating facts into the record's language (0 if none)
 * @param checkMillis             Java time verifying evidence and running fact checks
 * @param promptTokens            prompt tokens
 * @param generatedTokens         generated tokens
 * @param timeToFirstTokenMillis  of the first model call
 * @param tokensPerSecond         generation rate over all calls
 */
public record DraftTimings(double totalMillis, double extractionMillis, double translationMillis, double checkMillis,
        int promptTokens, int generatedTokens, double timeToFirstTokenMillis, double tokensPerSecond) {
}
