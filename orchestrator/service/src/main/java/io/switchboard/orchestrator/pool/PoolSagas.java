package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumberForPool;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releasePoolNumber;

/**
 * The pool's own sagas. Provisioning buys a number ahead of demand, tagged for the pool at Twilio, and makes it
 * available (undone: released). Idle release gives a number that sat unused too long back to Twilio — as the pool,
 * so Twilio's tag must say it is the pool's — then forgets it.
 * <p>
 * Version 2 buys and releases as the pool (owner tags); version 1 stays registered for instances that started on it.
 */
public final class PoolSagas {
    public static final String PROVISION = "pool-provision";
    public static final String RELEASE_IDLE = "pool-release-idle";
    public static final int VERSION = 2;

    private PoolSagas() {
    }

    public static SagaDefinition<PoolNumberData> provision(NumberPool pool) {
        return SagaDefinition.saga(PROVISION, VERSION, PoolNumberData.class)
                .then(step("acquire-number")
                        .invoke((data, step) -> acquireNumberForPool(step, data.country(), data.areaCode(),
                                data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, PoolNumberData::withNumber)
                        .compensateWith((data, step) -> data.numberSid() == null ? Optional.empty()
                                : Optional.of(releasePoolNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))))
                .then(step("add-to-pool")
                        .invokeLocal((data, step) -> {
                            pool.giveBack(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId());
                            return data;
                        }))
                .build();
    }

    public static SagaDefinition<PoolNumberData> releaseIdle(NumberPool pool) {
        return SagaDefinition.saga(RELEASE_IDLE, VERSION, PoolNumberData.class)
                .then(step("release-number")
                        .invoke((data, step) -> releasePoolNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberReleased.class, (data, reply) -> data))
                .then(step("remove-from-pool")
                        .invokeLocal((data, step) -> {
                            pool.remove(data.numberSid());
                            return data.withoutNumber();
                        }))
                .build();
    }

    /** Version 1 of both, for instances that started on it. */
    public static SagaDefinition<PoolNumberData> provisionVersion1(NumberPool pool) {
        return PoolSagaPreviousVersions.provisionVersion1(pool);
    }

    public static SagaDefinition<PoolNumberData> releaseIdleVersion1(NumberPool pool) {
        return PoolSagaPreviousVersions.releaseIdleVersion1(pool);
    }

    private static StepDefinition.Builder<PoolNumberData> step(String name) {
        return StepDefinition.step(name);
    }
}
