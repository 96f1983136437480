package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code pool-release-idle} saga whose release attempts all timed out ends without {@code remove-from-pool}; when
 * Twilio's success for the last attempt arrives after all, the engine records it and ends the saga again, and
 * {@link UnfinishedPoolRelease} takes the number out of the pool — and only then (found by the chaos run: five
 * pool rows named numbers Twilio no longer had).
 */
class UnfinishedPoolReleaseLateSuccessTest {
    private final RecordingPool pool = new RecordingPool();
    private final UnfinishedPoolRelease listener = new UnfinishedPoolRelease(pool, new JsonCodec());

    @Test
    void aReleaseThatSucceedsAfterItsSagaGaveUpTakesTheNumberOutOfThePool() {
        SagaScenario<PoolNumberData> release = SagaScenario.given(PoolSagas.releaseIdle(pool))
                .routedBy(Topics::commandTopicOf)
                .startedWith(new PoolNumberData("US", "510", null, "+15105550100", "PN1"));
        for (int i = 0; i < 20 && release.instance().state() == SagaState.RUNNING; i++) {
            release.elapse(Duration.ofMinutes(10));
        }
        release.expectState(SagaState.COMPENSATED);
        listener.sagaEnded(release.instance(), null);
        assertThat(pool.removed).as("nothing is known to be released yet").isEmpty();

        int last = release.attempts("release-number", Direction.ACTION);
        release.replyToAttempt("release-number", Direction.ACTION, last, new NumberReleased("PN1", false));

        release.expectStepStatus("release-number", Direction.ACTION, StepStatus.SUCCEEDED)
                .expectState(SagaState.COMPENSATED);
        listener.sagaEnded(release.instance(), null);
        assertThat(pool.removed).containsExactly("PN1");
    }

    /** The pool without a database: records what left it. */
    private static final class RecordingPool extends NumberPool {
        final List<String> removed = new ArrayList<>();

        RecordingPool() {
            super(null, new PoolProperties(PoolProperties.ReleasePolicy.RELEASE, Duration.ofDays(30),
                    Duration.ofHours(1), 100, 5, 80, 100), Clock.systemUTC());
        }

        @Override
        public void remove(String numberSid) {
            removed.add(numberSid);
        }
    }
}
