package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.runtime.SagaEndListener;
import io.switchboard.saga.runtime.SagaStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code pool-release-idle} saga that ends without its last step — the release timed out, and its success came
 * late — has released the number at Twilio all the same (the late success is recorded on {@code release-number}),
 * but never ran {@code remove-from-pool}: the pool row would stay RELEASING and name a number Twilio no longer has
 * (found by the chaos run: 5 such rows). So, in the transaction that ends the saga (again, after a late success),
 * a number whose release succeeded leaves the pool. So does one Twilio refused to release because its owner tag is no
 * longer the pool's: the pool does not hold it (the reconciler reports it). Any other release that ended without
 * releasing stays {@code RELEASING} and is released again by the next idle check
 * ({@link NumberPool#unfinishedReleases}).
 */
public final class UnfinishedPoolRelease implements SagaEndListener {
    private static final Logger log = LoggerFactory.getLogger(UnfinishedPoolRelease.class);

    private final NumberPool pool;
    private final JsonCodec codec;

    public UnfinishedPoolRelease(NumberPool pool, JsonCodec codec) {
        this.pool = pool;
        this.codec = codec;
    }

    @Override
    public void sagaEnded(SagaInstance saga, SagaStarter starter) {
        if (!PoolSagas.RELEASE_IDLE.equals(saga.sagaType()) || saga.state() == SagaState.COMPLETED) {
            return;
        }
        SagaStep release = saga.step("release-number", Direction.ACTION).orElse(null);
        PoolNumberData data = codec.decodeLenient(saga.dataJson(), PoolNumberData.class);
        if (release == null || data.numberSid() == null) {
            return;
        }
        if (release.status() == StepStatus.SUCCEEDED) {
            pool.remove(data.numberSid());
            log.info("Pool release saga {} ended {} after its release went through: number {} left the pool",
                    saga.id(), saga.state(), data.numberSid());
        } else if (StepFailed.OWNED_BY_ANOTHER_ORGANIZATION.equals(release.errorCode())) {
            pool.remove(data.numberSid());
            log.warn("Pool release saga {} ended {}: Twilio says number {} is no longer the pool's ({}); it left the pool",
                    saga.id(), saga.state(), data.numberSid(), release.errorMessage());
        }
    }
}
