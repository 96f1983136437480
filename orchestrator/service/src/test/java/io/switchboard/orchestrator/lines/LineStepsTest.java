package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.pool.PoolProperties;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which numbers go back to the pool when a line goes (the rest are released, or handed back to a trial account). */
class LineStepsTest {
    private static final LineData PLATFORM_PURCHASED = line(LineData.PURCHASED, null);
    private static final LineData PLATFORM_POOLED = line(LineData.POOLED, null);
    private static final LineData TENANT_PURCHASED = line(LineData.PURCHASED, "tc-1");
    private static final LineData TRIAL = line(LineData.TRIAL_EXISTING, null);

    @Test
    void withThePoolPolicyOnlyNumbersThePlatformPaysForInItsOwnAccountGoBackToThePool() {
        LineSteps pooling = steps(PoolProperties.ReleasePolicy.POOL);

        assertThat(pooling.returnsToPool(PLATFORM_PURCHASED)).isTrue();
        assertThat(pooling.returnsToPool(PLATFORM_POOLED)).isTrue();
        assertThat(pooling.returnsToPool(TENANT_PURCHASED)).as("the pool could never release it").isFalse();
        assertThat(pooling.returnsToPool(TRIAL)).as("the trial account's own number").isFalse();
        assertThat(pooling.returnsToPool(PLATFORM_PURCHASED.withoutNumber())).isFalse();
    }

    @Test
    void withTheReleasePolicyNothingGoesBackToThePool() {
        LineSteps releasing = steps(PoolProperties.ReleasePolicy.RELEASE);

        assertThat(releasing.returnsToPool(PLATFORM_PURCHASED)).isFalse();
        assertThat(releasing.returnsToPool(PLATFORM_POOLED)).isFalse();
        assertThat(releasing.returnsToPool(TENANT_PURCHASED)).isFalse();
    }

    private static LineSteps steps(PoolProperties.ReleasePolicy policy) {
        PoolProperties properties = new PoolProperties(policy, Duration.ofDays(30), Duration.ofHours(1), 100, 5, 80, 100);
        return new LineSteps(null, null, properties, new LocalStepFaults(Set.of()), Clock.systemUTC());
    }

    private static LineData line(String source, String credentialId) {
        return new LineData("acme", "Acme", "owner@acme.test", "US", "510", credentialId, "+15105550100", "PN1",
                source, false, "vapi-1", "asst-in", "asst-out", false, null, null, null);
    }
}
