package io.switchboard.orchestrator.pool;

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
 * a number whose release succeeded leaves the pool.
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
        boolean released = saga.step("release-number", Direction.ACTION).map(SagaStep::status)
                .filter(status -> status == StepStatus.SUCCEEDED).isPresent();
        PoolNumberData data = codec.decodeLenient(saga.dataJson(), PoolNumberData.class);
        if (released && data.numberSid() != null) {
            pool.remove(data.numberSid());
            log.info("Pool release saga {} ended {} after its release went through: number {} left the pool",
                    saga.id(), saga.state(), data.numberSid());
        }
    }
}
