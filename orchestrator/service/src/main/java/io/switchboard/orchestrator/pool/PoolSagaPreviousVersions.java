package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

import java.util.Optional;

import static io.switchboard.orchestrator.participants.TwilioParticipant.acquireNumber;
import static io.switchboard.orchestrator.participants.TwilioParticipant.releaseNumber;

/**
 * Version 1 of the pool sagas ({@link PoolSagas}), kept registered, unchanged, until no instance of them is left
 * running. They buy and release under the pool saga's key as if it were an organization: the Twilio worker tags
 * such a purchase for "organization pool:…" and refuses to release a number the pool's tag is on. Both only
 * matter for an instance running while the orchestrator is upgraded.
 */
final class PoolSagaPreviousVersions {
    private PoolSagaPreviousVersions() {
    }

    static SagaDefinition<PoolNumberData> provisionVersion1(NumberPool pool) {
        return SagaDefinition.saga(PoolSagas.PROVISION, 1, PoolNumberData.class)
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

    static SagaDefinition<PoolNumberData> releaseIdleVersion1(NumberPool pool) {
        return SagaDefinition.saga(PoolSagas.RELEASE_IDLE, 1, PoolNumberData.class)
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

    private static StepDefinition.Builder<PoolNumberData> step(String name) {
        return StepDefinition.step(name);
    }
}
