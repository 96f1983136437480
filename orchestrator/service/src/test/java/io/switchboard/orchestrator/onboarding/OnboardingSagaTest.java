package io.switchboard.orchestrator.onboarding;

import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.engine.Effect;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepFailure;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.engine.SagaExecutor;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The onboarding saga's business rules, run in memory with the saga test kit. */
class OnboardingSagaTest {
    private static final OrganizationApproved ACME = new OrganizationApproved("org-acme", "Acme", "owner@acme.test",
            "verified", "US", "510", null);

    private final List<String> savedConfigs = new ArrayList<>();
    private final List<String> pool = new ArrayList<>();
    private boolean failSave;

    private SagaDefinition<OnboardingData> definition() {
        SagaDefinition<OnboardingData> definition = OnboardingSaga.definition(
                (data, step) -> pool.isEmpty() ? data : data.withNumber("+15105550142", pool.remove(0), OnboardingData.POOLED),
                (data, step) -> {
                    if (data.pooledNumber()) {
                        pool.add(data.numberSid());
                        return data.withoutNumber();
                    }
                    return data;
                },
                (data, step) -> {
            if (failSave) {
                throw new StepFailure("DB_REJECTED", "config rejected", false);
            }
            savedConfigs.add(data.orgId());
            return data.withSetupDate("2026-01-01T00:00:00Z");
        });
        return definition;
    }

    /** 30 s per attempt, three attempts, 1 s backoff doubling: short numbers the tests can count with. */
    private static final StepPolicyLookup POLICIES = StepPolicyLookup.uniform(
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(10))),
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(10))));

    private SagaScenario<OnboardingData> started() {
        return SagaScenario.given(definition(), POLICIES, Duration.ZERO).routedBy(Topics::commandTopicOf)
                .startedWith(OnboardingData.from(ACME));
    }

    private SagaScenario<OnboardingData> withNumberAndAssistants(SagaScenario<OnboardingData> saga) {
        return saga.reply("acquire-number", new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED))
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"));
    }

    @Test
    void startsNumberAndBothAssistantsInParallel() {
        SagaScenario<OnboardingData> saga = started()
                .expectCommandsInFlight(AcquireNumber.class, CreateAssistant.class, CreateAssistant.class);

        AcquireNumber acquire = saga.command("acquire-number", AcquireNumber.class);
        assertThat(acquire.areaCode()).isEqualTo("510");
        assertThat(acquire.country()).isEqualTo("US");
        assertThat(acquire.allowTrialFallback()).isTrue();
        assertThat(saga.command("create-inbound-assistant", CreateAssistant.class))
                .extracting(CreateAssistant::name, CreateAssistant::role).containsExactly("Acme inbound", AssistantRole.INBOUND);
        assertThat(saga.command("create-outbound-assistant", CreateAssistant.class))
                .extracting(CreateAssistant::name, CreateAssistant::role).containsExactly("Acme outbound", AssistantRole.OUTBOUND);
    }

    @Test
    void happyPathRegistersTheNumberOnTheInboundAssistantSavesConfigAndEmails() {
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started());

        RegisterPhoneNumber register = saga.expectCommandsInFlight(RegisterPhoneNumber.class)
                .command("register-number", RegisterPhoneNumber.class);
        assertThat(register.assistantId()).isEqualTo("asst-in");
        assertThat(register.phoneNumber()).isEqualTo("+15105550100");

        saga.reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"));
        assertThat(savedConfigs).containsExactly("org-acme");
        SendApprovalEmail email = saga.expectCommandsInFlight(SendApprovalEmail.class)
                .command("send-approval-email", SendApprovalEmail.class);
        assertThat(email.phoneNumber()).isEqualTo("+15105550100");
        assertThat(email.inboundAssistantName()).isEqualTo("Acme inbound");
        assertThat(email.setupDate()).isEqualTo("2026-01-01T00:00:00Z");

        saga.reply("send-approval-email", new EmailSent("approval", "owner@acme.test", false))
                .expectState(SagaState.COMPLETED);
        assertThat(saga.endedCount()).isEqualTo(1);
        assertThat(saga.compensationOrder()).isEmpty();
    }

    @Test
    void assistantFailureWaitsForParallelSiblingsThenUndoesInReverseAndEmailsTheOwner() {
        SagaScenario<OnboardingData> saga = started()
                .reply("acquire-number", new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED))
                .failureReply("create-inbound-assistant", StepFailed.AUTHENTICATION_FAILED, false);

        // The outbound assistant is still being created: nothing is undone until it has answered.
        saga.expectState(SagaState.RUNNING).expectCommandsInFlight(CreateAssistant.class);

        saga.reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .expectState(SagaState.COMPENSATING);
        assertThat(saga.compensationCommand("create-outbound-assistant", DeleteAssistant.class).assistantId())
                .isEqualTo("asst-out");
        saga.compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN1");
        saga.compensationReply("acquire-number", new NumberReleased("PN1", false));

        SendFailureEmail failureEmail = saga.compensationCommand("notify-owner-on-failure", SendFailureEmail.class);
        assertThat(failureEmail.failedStep()).isEqualTo("create-inbound-assistant");
        assertThat(failureEmail.reason()).contains(StepFailed.AUTHENTICATION_FAILED);
        saga.compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);

        assertThat(saga.compensationOrder())
                .containsExactly("create-outbound-assistant", "acquire-number", "notify-owner-on-failure");
        saga.expectStepStatus("take-pooled-number", Direction.COMPENSATION, StepStatus.SUCCEEDED);
        assertThat(saga.data().numberSid()).isNull();
    }

    @Test
    void registrationFailureUndoesEverythingCreatedNewestFirst() {
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started())
                .failureReply("register-number", StepFailed.INVALID_REQUEST, false)
                .expectState(SagaState.COMPENSATING);

        saga.compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false))
                .compensationReply("acquire-number", new NumberReleased("PN1", false))
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED)
                .expectNoStep("register-number", Direction.COMPENSATION);
        assertThat(saga.compensationOrder()).containsExactly("create-outbound-assistant", "create-inbound-assistant",
                "acquire-number", "notify-owner-on-failure");
    }

    @Test
    void saveFailureAlsoUndoesTheVapiRegistration() {
        failSave = true;
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started())
                .reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"))
                .expectState(SagaState.COMPENSATING);

        assertThat(saga.compensationCommand("register-number", DeletePhoneNumberRegistration.class).vapiPhoneNumberId())
                .isEqualTo("vapi-pn-1");
        assertThat(saga.instance().failedStep()).isEqualTo("save-ai-config");
    }

    @Test
    void aTrialAccountsExistingNumberIsHandedBackToTheAccountNeverReleased() {
        SagaScenario<OnboardingData> saga = started()
                .reply("acquire-number", new NumberAcquired("+15105550199", "PN-TRIAL", NumberAcquired.Source.TRIAL_EXISTING))
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .failureReply("register-number", StepFailed.INVALID_REQUEST, false)
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));

        AssignNumber handBack = saga.compensationCommand("acquire-number", AssignNumber.class);
        assertThat(handBack.numberSid()).isEqualTo("PN-TRIAL");
        assertThat(handBack.expectedOwner()).isEqualTo(NumberOwner.organization("org-under-test"));
        assertThat(handBack.newOwner()).isEqualTo(NumberOwner.unassigned());
        saga.compensationReply("acquire-number", new NumberAssigned("PN-TRIAL", "+15105550199", NumberOwner.unassigned(), false))
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);

        assertThat(saga.sentCommands()).noneMatch(c -> c.request().command() instanceof ReleaseNumber);
        assertThat(saga.data().numberSid()).isNull();
    }

    @Test
    void anotherOrganizationsTrialNumberFailsTheOnboardingAndOnlyWhatItCreatedIsUndone() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.TRIAL_NUMBER_IN_USE, false)
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));

        assertThat(saga.compensationCommand("notify-owner-on-failure", SendFailureEmail.class).reason())
                .contains(StepFailed.TRIAL_NUMBER_IN_USE);
        saga.compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED)
                .expectNoStep("acquire-number", Direction.COMPENSATION);
        assertThat(saga.sentCommands()).noneMatch(c -> c.request().command() instanceof ReleaseNumber
                || c.request().command() instanceof AssignNumber);
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffUnderTheSameRequestId() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.RATE_LIMITED, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY);
        String firstRequestId = saga.command("acquire-number", AcquireNumber.class).requestId();

        saga.elapse(Duration.ofMillis(999)).expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY);
        saga.elapse(Duration.ofMillis(1)).expectStepStatus("acquire-number", Direction.ACTION, StepStatus.RUNNING);

        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(2);
        assertThat(saga.command("acquire-number", AcquireNumber.class).requestId()).isEqualTo(firstRequestId);
    }

    @Test
    void aStepThatNeverAnswersTimesOutRetriesAndThenCompensates() {
        SagaScenario<OnboardingData> saga = started()
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"));

        saga.elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(1))   // attempt 1 times out, attempt 2 sent
                .elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(2))  // attempt 2 times out, attempt 3 sent
                .elapse(Duration.ofSeconds(30));                               // attempt 3 times out: give up

        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED).expectState(SagaState.COMPENSATING);
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(3);
        assertThat(saga.instance().failureReason()).startsWith(StepFailed.TIMEOUT);
    }

    @Test
    void everyAttemptTellsTheWorkerWhenItsTimeoutFires() {
        SagaScenario<OnboardingData> saga = started();
        Instant firstDeadline = saga.sentCommands().get(0).deadline();
        assertThat(firstDeadline).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));

        saga.elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(1));   // attempt 1 times out, attempt 2 sent at 0:31
        assertThat(saga.sentCommands()).filteredOn(c -> c.step().equals("acquire-number") && c.attempt() == 2)
                .singleElement().satisfies(c -> assertThat(c.deadline()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z")));
    }

    @Test
    void theTimeoutFiresTheReplyGraceAfterTheDeadlineTheWorkerWasGiven() {
        SagaScenario<OnboardingData> saga = SagaScenario.given(definition(), POLICIES, Duration.ofSeconds(5)).routedBy(Topics::commandTopicOf)
                .startedWith(OnboardingData.from(ACME));
        assertThat(saga.sentCommands().get(0).deadline()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));

        saga.elapse(Duration.ofSeconds(30)).expectStepStatus("acquire-number", Direction.ACTION, StepStatus.RUNNING);
        saga.elapse(Duration.ofSeconds(5)).expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY);
    }

    @Test
    void aWorkerRefusingAnExpiredCommandMakesTheStepRetryAtOnce() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.COMMAND_EXPIRED, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY);
        saga.elapse(Duration.ofSeconds(1)).expectStepStatus("acquire-number", Direction.ACTION, StepStatus.RUNNING);
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(2);
    }

    @Test
    void attemptsTheWorkerRefusedUnstartedDoNotUseUpTheStepsAttemptsButAreBounded() {
        SagaScenario<OnboardingData> saga = started();
        // A worker backlog after a crash: the worker refuses five attempts before touching Twilio.
        for (int refused = 1; refused <= SagaExecutor.DEFAULT_UNSTARTED_ALLOWANCE; refused++) {
            saga.failureReply("acquire-number", StepFailed.COMMAND_NOT_STARTED, true)
                    .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                    .elapse(Duration.ofSeconds(10));
        }
        // Still three real attempts left, as if nothing had happened; a sixth refusal counts like any failure.
        saga.failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true).elapse(Duration.ofSeconds(10))
                .failureReply("acquire-number", StepFailed.COMMAND_NOT_STARTED, true).elapse(Duration.ofSeconds(10))
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.RUNNING)
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
        // ... and one last look, since the last failure may hide a purchase.
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(SagaExecutor.DEFAULT_UNSTARTED_ALLOWANCE + 3 + 1);
    }

    @Test
    void anAttemptThatTimedOutAndWasLaterReportedUnstartedGivesItsPlaceBack() {
        SagaScenario<OnboardingData> saga = started()
                .elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(1))    // attempt 1 times out (worker down)
                .elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(2));   // attempt 2 too; attempt 3 is the last
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(3);

        // The restarted worker works through its backlog: attempts 1 and 2 arrived too late and were never started.
        saga.replyToAttempt("acquire-number", Direction.ACTION, 1,
                        new StepFailed(StepFailed.COMMAND_NOT_STARTED, "arrived late", true, "switchboard", null))
                .replyToAttempt("acquire-number", Direction.ACTION, 1,
                        new StepFailed(StepFailed.COMMAND_NOT_STARTED, "redelivered", true, "switchboard", null))
                .replyToAttempt("acquire-number", Direction.ACTION, 2,
                        new StepFailed(StepFailed.COMMAND_NOT_STARTED, "arrived late", true, "switchboard", null));
        // Attempt 3 failing is then not the end: two more attempts are allowed.
        saga.failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                .elapse(Duration.ofSeconds(10))
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                .elapse(Duration.ofSeconds(10))
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).as("five attempts and a last look").isEqualTo(6);
    }

    @Test
    void aLateSuccessAfterGivingUpIsUndoneSoNothingLeaks() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("create-inbound-assistant", StepFailed.AUTHENTICATION_FAILED, false)
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(1))
                .elapse(Duration.ofSeconds(30)).elapse(Duration.ofSeconds(2))
                .elapse(Duration.ofSeconds(30))
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);

        // The purchase went through after all: its reply arrives late and the number is released.
        saga.replyToAttempt("acquire-number", Direction.ACTION, 2,
                new NumberAcquired("+15105550100", "PN-LATE", NumberAcquired.Source.PURCHASED));
        saga.expectState(SagaState.COMPENSATING);
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-LATE");
        saga.compensationReply("acquire-number", new NumberReleased("PN-LATE", false)).expectState(SagaState.COMPENSATED);
    }

    @Test
    void successesThatArriveAfterOpsCancelledTheirStepsAreUndoneToo() {
        SagaScenario<OnboardingData> saga = started()
                .expectCommandsInFlight(AcquireNumber.class, CreateAssistant.class, CreateAssistant.class)
                .opsCompensate("VAPI incident")
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED)
                .expectStepStatus("create-inbound-assistant", Direction.ACTION, StepStatus.FAILED)
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);

        // The workers were already at the providers when ops pressed the button: their successes still come in.
        saga.replyToAttempt("create-inbound-assistant", Direction.ACTION, 1, new AssistantCreated("asst-in", "Acme inbound"))
                .expectState(SagaState.COMPENSATING);
        saga.replyToAttempt("acquire-number", Direction.ACTION, 1,
                new NumberAcquired("+15105550100", "PN-LATE", NumberAcquired.Source.PURCHASED));
        assertThat(saga.compensationCommand("create-inbound-assistant", DeleteAssistant.class).assistantId())
                .isEqualTo("asst-in");
        saga.compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-LATE");
        saga.compensationReply("acquire-number", new NumberReleased("PN-LATE", false)).expectState(SagaState.COMPENSATED);
    }

    @Test
    void aPooledNumberIsReTaggedForTheOrganizationUsedInsteadOfBuyingAndHandedBackReTaggedWhenTheSagaIsUndone() {
        pool.add("PN-POOLED");
        SagaScenario<OnboardingData> saga = started().expectCommandsInFlight(AssignNumber.class);
        AssignNumber take = saga.command("assign-pooled-number", AssignNumber.class);
        assertThat(take.numberSid()).isEqualTo("PN-POOLED");
        assertThat(take.expectedOwner()).isEqualTo(NumberOwner.pool());
        assertThat(take.newOwner()).isEqualTo(NumberOwner.organization("org-under-test"));

        saga.reply("assign-pooled-number", new NumberAssigned("PN-POOLED", "+15105550142",
                        NumberOwner.organization("org-under-test"), false))
                .expectCommandsInFlight(CreateAssistant.class, CreateAssistant.class)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.SKIPPED)
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"));
        assertThat(saga.command("register-number", RegisterPhoneNumber.class).numberSid()).isEqualTo("PN-POOLED");

        saga.failureReply("register-number", StepFailed.INVALID_REQUEST, false)
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));
        AssignNumber giveBack = saga.compensationCommand("assign-pooled-number", AssignNumber.class);
        assertThat(giveBack.expectedOwner()).isEqualTo(NumberOwner.organization("org-under-test"));
        assertThat(giveBack.newOwner()).isEqualTo(NumberOwner.pool());
        assertThat(pool).as("back in stock only once Twilio says it is the pool's").isEmpty();
        saga.compensationReply("assign-pooled-number", new NumberAssigned("PN-POOLED", "+15105550142", NumberOwner.pool(), false))
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);

        assertThat(pool).containsExactly("PN-POOLED");
        assertThat(saga.compensationOrder()).containsExactly("create-outbound-assistant", "create-inbound-assistant",
                "assign-pooled-number", "notify-owner-on-failure");
        assertThat(saga.sentCommands()).noneMatch(c -> c.request().command() instanceof ReleaseNumber);
    }

    @Test
    void aPoolReTagThatSucceedsAfterOpsUndidTheTakeIsReTaggedBackToThePool() {
        // Found by chaos run 7: the undo of take-pooled-number had already run (the number back in stock, gone from
        // the saga's data) when the re-tag to the organization succeeded late; its undo then had no number to hand
        // back, and Twilio was left saying the number was the organization's.
        pool.add("PN-POOLED");
        SagaScenario<OnboardingData> saga = started().expectCommandsInFlight(AssignNumber.class)
                .opsCompensate("Twilio incident")
                .expectStepStatus(NumberPool.ASSIGN_STEP, Direction.ACTION, StepStatus.FAILED)
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);
        assertThat(pool).containsExactly("PN-POOLED");

        saga.replyToAttempt(NumberPool.ASSIGN_STEP, Direction.ACTION, 1, new NumberAssigned("PN-POOLED",
                        "+15105550142", NumberOwner.organization("org-under-test"), false))
                .expectState(SagaState.COMPENSATING);
        AssignNumber handBack = saga.compensationCommand(NumberPool.ASSIGN_STEP, AssignNumber.class);
        assertThat(handBack.numberSid()).isEqualTo("PN-POOLED");
        assertThat(handBack.expectedOwner()).isEqualTo(NumberOwner.organization("org-under-test"));
        assertThat(handBack.newOwner()).isEqualTo(NumberOwner.pool());
        saga.compensationReply(NumberPool.ASSIGN_STEP, new NumberAssigned("PN-POOLED", "+15105550142",
                NumberOwner.pool(), false)).expectState(SagaState.COMPENSATED);
        assertThat(pool).as("in stock once, as before the late re-tag").containsExactly("PN-POOLED");
    }

    @Test
    void anOpsStopWhileAStepWaitsToRetryLooksOnceMoreAndUndoesWhatTheFailedAttemptDid() {
        // Found by chaos run 10: a purchase answered with a 500 whose look-up timed out failed retryably; ops stopped
        // the saga during the backoff, so no attempt ever looked again, and the number the purchase had bought leaked.
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.WAITING_RETRY);
        var first = saga.sentCommands().stream().filter(c -> c.step().equals("acquire-number")).findFirst().orElseThrow();
        int before = saga.sentCommands().size();

        saga.opsCompensate("ops stop");

        var look = lookAtSince(saga, "acquire-number", before);
        assertThat(look.attempt()).isEqualTo(2);
        assertThat(look.request().command()).isInstanceOf(AcquireNumber.class);
        assertThat(look.deadline()).as("already past: the worker only looks").isBefore(first.deadline());
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);

        // The worker finds the number the failed attempt bought: a late success, undone.
        saga.replyToAttempt("acquire-number", Direction.ACTION, 2,
                new NumberAcquired("+15105550177", "PN-IN-DOUBT", NumberAcquired.Source.PURCHASED));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-IN-DOUBT");
    }

    @Test
    void aStepOutOfAttemptsOnAnUnknownOutcomeLooksOnceMoreAndUndoesWhatAnAttemptDid() {
        // Left open by chaos run 10: the last of three attempts answered "outcome unknown, retry" and the saga
        // compensated without looking again, so a number one of the attempts had bought leaked (the reconciler saw it).
        SagaScenario<OnboardingData> saga = started()
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .elapse(Duration.ofSeconds(11))
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .elapse(Duration.ofSeconds(11));
        assertThat(saga.attempts("acquire-number", Direction.ACTION)).isEqualTo(3);
        int before = saga.sentCommands().size();

        saga.failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true);

        var look = lookAtSince(saga, "acquire-number", before);
        assertThat(look.attempt()).isEqualTo(4);
        assertThat(look.request().command()).isInstanceOf(AcquireNumber.class);
        assertThat(look.deadline()).as("already past: the worker only looks").isBeforeOrEqualTo(saga.instance().updatedAt());
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);

        saga.replyToAttempt("acquire-number", Direction.ACTION, 4,
                new NumberAcquired("+15105550178", "PN-FOUND", NumberAcquired.Source.PURCHASED))
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-FOUND");
        saga.compensationReply("acquire-number", new NumberReleased("PN-FOUND", false))
                .compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);
    }

    @Test
    void aStepOutOfAttemptsOnAFailureThatCannotHideAnEffectDoesNotLook() {
        SagaScenario<OnboardingData> saga = started()
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"));
        int before = saga.sentCommands().size();

        saga.failureReply("acquire-number", StepFailed.INVALID_REQUEST, false);

        assertThat(saga.sentCommands().subList(before, saga.sentCommands().size()))
                .noneMatch(c -> c.step().equals("acquire-number") && c.direction() == Direction.ACTION);
        // A late success of the attempt that failed for good is still an effect to undo.
        saga.replyToAttempt("acquire-number", Direction.ACTION, 1,
                new NumberAcquired("+15105550179", "PN-LATE", NumberAcquired.Source.PURCHASED))
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-LATE");
    }

    @Test
    void anOpsStopWhileAStepWaitsToRetryThatHadNoEffectUndoesNothingMore() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.PROVIDER_UNAVAILABLE, true)
                .opsCompensate("ops stop");

        saga.replyToAttempt("acquire-number", Direction.ACTION, 2, new StepFailed(StepFailed.COMMAND_NOT_STARTED,
                "nothing found", true, "switchboard", null));

        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
        assertThat(saga.sentCommands()).extracting(c -> (Object) c.request().command().getClass())
                .doesNotContain(ReleaseNumber.class);
    }

    @Test
    void anInDoubtFailureOfAnAttemptOpsAlreadyCancelledLooksOnceMoreAndUndoesWhatTheAttemptDid() {
        // Found by chaos run 15: ops stopped the saga while the VAPI registration was out; the worker's answer, a 500
        // (the registration may have been made), came after the stop and was dropped, and the registration leaked.
        SagaScenario<OnboardingData> saga = started()
                .expectCommandsInFlight(AcquireNumber.class, CreateAssistant.class, CreateAssistant.class)
                .opsCompensate("ops stop")
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
        int before = saga.sentCommands().size();

        saga.replyToAttempt("acquire-number", Direction.ACTION, 1, new StepFailed(StepFailed.PROVIDER_UNAVAILABLE,
                "Twilio answered 500", true, "twilio", "20500"));

        var look = lookAtSince(saga, "acquire-number", before);
        assertThat(look.attempt()).isEqualTo(2);
        assertThat(look.request().command()).isInstanceOf(AcquireNumber.class);
        assertThat(look.deadline()).as("already past: the worker only looks").isBeforeOrEqualTo(saga.instance().updatedAt());
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
        assertThat(saga.instance().steps().stream().filter(s -> s.name().equals("acquire-number")).findFirst()
                .orElseThrow().errorCode()).as("still failed as ops left it").isEqualTo(StepFailed.CANCELLED);

        saga.replyToAttempt("acquire-number", Direction.ACTION, 2,
                new NumberAcquired("+15105550181", "PN-BEHIND-STOP", NumberAcquired.Source.PURCHASED));
        assertThat(saga.compensationCommand("acquire-number", ReleaseNumber.class).numberSid()).isEqualTo("PN-BEHIND-STOP");
    }

    @Test
    void aWorkersTimeoutAnswerOfAnAttemptOpsAlreadyCancelledIsLookedIntoToo() {
        // Chaos run 16: the same leak, with the worker's own provider call left unanswered (TIMEOUT) as the answer.
        SagaScenario<OnboardingData> saga = started()
                .opsCompensate("ops stop");
        int before = saga.sentCommands().size();

        saga.replyToAttempt("acquire-number", Direction.ACTION, 1, new StepFailed(StepFailed.TIMEOUT,
                "Twilio did not answer within 10s", true, "twilio", null));

        assertThat(lookAtSince(saga, "acquire-number", before).attempt()).isEqualTo(2);
    }

    @Test
    void aStepOutOfAttemptsOnAWorkersTimeoutLooksOnceMore() {
        SagaScenario<OnboardingData> saga = started()
                .failureReply("acquire-number", StepFailed.TIMEOUT, true).elapse(Duration.ofSeconds(11))
                .failureReply("acquire-number", StepFailed.TIMEOUT, true).elapse(Duration.ofSeconds(11));
        int before = saga.sentCommands().size();

        saga.failureReply("acquire-number", StepFailed.TIMEOUT, true);

        assertThat(lookAtSince(saga, "acquire-number", before).attempt()).isEqualTo(4);
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
    }

    @Test
    void anInDoubtFailureOfACancelledAttemptLooksAgainOnlyAsOftenAsTheStepMayBeTried() {
        SagaScenario<OnboardingData> saga = started().opsCompensate("ops stop");
        StepFailed unknown = new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "500", true, "twilio", null);

        for (int attempt = 1; attempt <= 10; attempt++) {
            saga.replyToAttempt("acquire-number", Direction.ACTION, attempt, unknown);
        }

        assertThat(saga.attempts("acquire-number", Direction.ACTION)).as("three attempts allowed, twice as many looks at most")
                .isEqualTo(6);
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.FAILED);
    }

    @Test
    void anAnswerThatCannotHideAnEffectOfACancelledAttemptDoesNotLook() {
        SagaScenario<OnboardingData> saga = started().opsCompensate("ops stop");
        int before = saga.sentCommands().size();

        saga.replyToAttempt("acquire-number", Direction.ACTION, 1, new StepFailed(StepFailed.INVALID_REQUEST,
                "area code unknown", false, "twilio", "21452"));

        assertThat(saga.sentCommands().subList(before, saga.sentCommands().size()))
                .noneMatch(c -> c.step().equals("acquire-number") && c.direction() == Direction.ACTION);
    }

    private static Effect.SendCommand lookAtSince(SagaScenario<OnboardingData> saga, String step, int before) {
        return saga.sentCommands().subList(before, saga.sentCommands().size()).stream()
                .filter(c -> c.step().equals(step) && c.direction() == Direction.ACTION)
                .findFirst().orElseThrow(() -> new AssertionError("no look at " + step));
    }

    @Test
    void duplicateAndStaleRepliesChangeNothing() {
        SagaScenario<OnboardingData> saga = started()
                .reply("acquire-number", new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED));
        int commandsBefore = saga.sentCommands().size();

        saga.replyToAttempt("acquire-number", Direction.ACTION, 1,
                new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED));
        saga.replyToAttempt("acquire-number", Direction.ACTION, 1,
                new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "late", true, "twilio", null));

        assertThat(saga.sentCommands()).hasSize(commandsBefore);
        saga.expectStepStatus("acquire-number", Direction.ACTION, StepStatus.SUCCEEDED);
    }

    @Test
    void aFailingApprovalEmailDoesNotUndoAWorkingLine() {
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started())
                .reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"))
                .failureReply("send-approval-email", StepFailed.INVALID_REQUEST, false);

        saga.expectState(SagaState.COMPLETED).expectStepStatus("send-approval-email", Direction.ACTION, StepStatus.FAILED);
        assertThat(saga.compensationOrder()).isEmpty();
    }

    @Test
    void aLateSuccessOfAFailedApprovalEmailNeverReopensTheCompletedOnboarding() {
        // Found by chaos run 13: a notifier killed mid-send, the email step failed (its failure does not undo the
        // saga), the onboarding completed; the redelivered send then succeeded, and that late success reopened the
        // saga and undid the working line — its number released while the line stayed active.
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started())
                .reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"))
                .failureReply("send-approval-email", StepFailed.INVALID_REQUEST, false)
                .expectState(SagaState.COMPLETED);
        int commands = saga.sentCommands().size();

        saga.replyToAttempt("send-approval-email", Direction.ACTION, 1,
                new EmailSent("approval", "owner@acme.test", false));

        saga.expectState(SagaState.COMPLETED);
        assertThat(saga.compensationOrder()).isEmpty();
        assertThat(saga.sentCommands()).hasSize(commands);
        assertThat(saga.endedCount()).isEqualTo(1);
    }

    @Test
    void aCompensationThatKeepsFailingParksTheSagaAsFailedAndReplayResumesIt() {
        SagaScenario<OnboardingData> saga = withNumberAndAssistants(started())
                .failureReply("register-number", StepFailed.INVALID_REQUEST, false)
                .compensationFailureReply("create-outbound-assistant", StepFailed.PROVIDER_UNAVAILABLE, false)
                .expectState(SagaState.FAILED);
        assertThat(saga.instance().failedStep()).isEqualTo("create-outbound-assistant (compensation)");

        saga.replay().expectState(SagaState.COMPENSATING);
        assertThat(saga.compensationCommand("create-outbound-assistant", DeleteAssistant.class).assistantId())
                .isEqualTo("asst-out");
    }
}
