package io.switchboard.harness.benchmark;

import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The micro-benchmark measures what it says: a whole onboarding to COMPLETED, and a faithful steps round trip. */
class SagaEngineBenchmarkTest {

    @Test
    void eachOperationIsAWholeOnboardingAndTheColumnReadsBackACompletedOnesSteps() {
        SagaEngineBenchmark benchmark = new SagaEngineBenchmark();
        benchmark.setUp();

        SagaInstance saga = benchmark.onboarding();
        List<SagaStep> readBack = benchmark.stepsColumnWriteAndRead();

        assertThat(saga.state()).isEqualTo(SagaState.COMPLETED);
        assertThat(saga.steps()).filteredOn(s -> s.status() == StepStatus.SUCCEEDED).extracting(SagaStep::name)
                .contains("acquire-number", "create-inbound-assistant", "create-outbound-assistant", "register-number",
                        "send-approval-email");
        assertThat(readBack).extracting(SagaStep::name, SagaStep::status)
                .isEqualTo(saga.steps().stream().map(s -> tuple(s.name(), s.status())).toList());
        assertThat(readBack).filteredOn(s -> s.status() == StepStatus.SUCCEEDED).allSatisfy(s ->
                assertThat(s.finishedAt()).isNotNull());
    }
}
