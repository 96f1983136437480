package io.switchboard.orchestrator.pool;

/** A number held in the pool, with what it takes to use it. */
public record PooledNumber(String numberSid, String phoneNumber, String country, String areaCode,
                           String twilioCredentialId) {
}
