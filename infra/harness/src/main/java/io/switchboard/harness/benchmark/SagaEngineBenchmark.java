package io.switchboard.harness.benchmark;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.engine.Effect;
import io.switchboard.saga.engine.SagaExecutor;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.persistence.StepsColumn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The saga engine's own CPU per onboarding, without Kafka, PostgreSQL, Hibernate or Spring: the current onboarding
 * definition run by {@link SagaExecutor} in memory from the approval to COMPLETED, every command answered at once with
 * the reply its worker would send; and the steps column written and read back once for a completed saga, as each
 * reply's transaction does. What the whole-system cost per saga (section (e)) spends beyond these is the frameworks'
 * and the I/O's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SagaEngineBenchmark {
    private static final OrganizationApproved APPROVED = new OrganizationApproved("org-bench", "Bench Dental",
            "owner@bench.test", "verified", "US", "510", null);

    private final JsonCodec codec = new JsonCodec();
    private final StepsColumn column = new StepsColumn();
    private SagaExecutor executor;
    private SagaDefinition<OnboardingData> definition;
    private String startData;
    private List<SagaStep> completedSteps;

    @Setup
    public void setUp() {
        executor = new SagaExecutor(codec, Clock.systemUTC(), StepPolicyLookup.DEFAULTS, Duration.ofSeconds(5),
                SagaExecutor.DEFAULT_UNSTARTED_ALLOWANCE);
        // The product's local steps as no-ops: the database work they do is counted in section (e), not here.
        definition = OnboardingSaga.definition((data, step) -> data, (data, step) -> data,
                (data, step) -> data.withSetupDate("2026-12-03T00:00:00Z"));
        startData = codec.encodeToString(OnboardingData.from(APPROVED));
        completedSteps = onboarding().steps();
    }

    /** Approval to COMPLETED: start, then one reply per command (5 remote steps), each applied as its own event. */
    @Benchmark
    public SagaInstance onboarding() {
        SagaInstance saga = new SagaInstance(UUID.randomUUID(), definition.type(), definition.version(),
                APPROVED.orgId(), startData, Clock.systemUTC().instant());
        Deque<Effect.SendCommand> inFlight = new ArrayDeque<>();
        collect(executor.start(definition, saga), inFlight);
        while (!inFlight.isEmpty()) {
            Effect.SendCommand command = inFlight.poll();
            collect(executor.onReply(definition, saga, command.step(), command.direction(), command.attempt(),
                    replyTo(command.step())), inFlight);
        }
        if (saga.state() != SagaState.COMPLETED) {
            throw new IllegalStateException("the benchmark's saga ended " + saga.state() + ": " + saga.failureReason());
        }
        return saga;
    }

    /** A completed onboarding's steps column (17 steps) written as the row stores it and read back. */
    @Benchmark
    public List<SagaStep> stepsColumnWriteAndRead() {
        return column.fromJson(column.toJson(completedSteps));
    }

    private static void collect(List<Effect> effects, Deque<Effect.SendCommand> inFlight) {
        for (Effect effect : effects) {
            if (effect instanceof Effect.SendCommand send) {
                inFlight.add(send);
            }
        }
    }

    private static Reply replyTo(String step) {
        return switch (step) {
            case "acquire-number" -> new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED);
            case "create-inbound-assistant" -> new AssistantCreated("asst-in", "Bench Dental inbound", "default", 1);
            case "create-outbound-assistant" -> new AssistantCreated("asst-out", "Bench Dental outbound", "default", 1);
            case "register-number" -> new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in");
            case "send-approval-email" -> new EmailSent("approval", "owner@bench.test", false);
            default -> throw new IllegalStateException("no reply for step " + step);
        };
    }
}
