package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;

/**
 * The pool's own sagas. Provisioning buys a number ahead of demand and makes it available (undone: released).
 * Idle release gives a number that sat unused too long back to Twilio, then forgets it.
 */
public final class PoolSagas {
    public static final String PROVISION = "pool-provision";
    public static final String RELEASE_IDLE = "pool-release-idle";

    private PoolSagas() {
    }

    public static SagaDefinition<PoolNumberData> provision(NumberPool pool) {
        return SagaDefinition.saga(PROVISION, 1, PoolNumberData.class)
                .then(step("acquire-number")
                        .invoke((data, step) -> acquireNumber(step, data.country(), data.areaCode(), false,
                                data.twilioCredentialId()))
                        .onReply(NumberAcquired.class, PoolNumberData::withNumber)
                        .compensateWith((data, step) -> data.numberSid() == null ? Optional.empty()
                                : Optional.of(releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))))
                .then(step("add-to-pool")
                        .invokeLocal((data, step) -> {
                            pool.giveBack(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId());
                            return data;
                        }))
                .build();
    }

    public static SagaDefinition<PoolNumberData> releaseIdle(NumberPool pool) {
        return SagaDefinition.saga(RELEASE_IDLE, 1, PoolNumberData.class)
                .then(step("release-number")
                        .invoke((data, step) -> releaseNumber(step, data.numberSid(), data.phoneNumber(),
                                data.twilioCredentialId()))
                        .onReply(NumberReleased.class, (data, reply) -> data))
                .then(step("remove-from-pool")
                        .invokeLocal((data, step) -> {
                            pool.remove(data.numberSid());
                            return data.withoutNumber();
                        }))
                .build();
    }

    private static StepDefinition<PoolNumberData> step(String name) {
        return StepDefinition.step(name);
    }
}
