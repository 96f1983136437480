package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.NumberAcquired;

/** A number on its way into the pool (bought ahead of demand) or out of it (idle too long, released). */
public record PoolNumberData(String country, String areaCode, String twilioCredentialId, String phoneNumber,
                             String numberSid) {

    public static PoolNumberData toBuy(String country, String areaCode) {
        return new PoolNumberData(country, areaCode, null, null, null);
    }

    public static PoolNumberData toRelease(PooledNumber number) {
        return new PoolNumberData(number.country(), number.areaCode(), number.twilioCredentialId(),
                number.phoneNumber(), number.numberSid());
    }

    public PoolNumberData withNumber(NumberAcquired reply) {
        return new PoolNumberData(country, areaCode, twilioCredentialId, reply.phoneNumber(), reply.numberSid());
    }

    public PoolNumberData withoutNumber() {
        return new PoolNumberData(country, areaCode, twilioCredentialId, null, null);
    }
}
