package io.switchboard.adapters.twilio;

import io.switchboard.adapters.twilio.handlers.AcquireNumberHandler;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.PostgresTrialClaimLock;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Twilio workers claim a trial account's only number for two organizations at the same moment. Each reads the
 * account's numbers (slowed to 1 s here, so both reads happen before either re-tag); without a shared lock both see
 * the console's untagged number, both re-tag it and both answer "yours" — found by chaos run 9. Under the shared
 * PostgreSQL lock, exactly one gets it and the other answers {@code TRIAL_NUMBER_IN_USE}, and the tag names the winner.
 */
class TrialClaimRaceTest {
    private static final CommandContext CONTEXT = new CommandContext("saga-race", "acquire-number", 1, "cmd-race");
    private static TwilioSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withTrialMode(true));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void twoWorkersClaimingTheTrialNumberAtOnceGiveItToOneOrganization() throws Exception {
        TwilioHarness one = new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        String trialSid = one.numbers.purchase(new TwilioAccount("platform", DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN),
                "+15105550100", "(510) 555-0100").sid();
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl(TestInfrastructure.jdbcUrl());
        database.setUsername(TestInfrastructure.username());
        database.setPassword(TestInfrastructure.password());
        AcquireNumberHandler workerA = worker(one, new PostgresTrialClaimLock(database, Duration.ofSeconds(30)));
        AcquireNumberHandler workerB = worker(new TwilioHarness(simulator.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN),
                new PostgresTrialClaimLock(database, Duration.ofSeconds(30)));
        simulator.faults().add(FaultRule.forOperation("ListIncomingPhoneNumber").always().delay(Duration.ofSeconds(1)));

        CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() -> workerA.handle(claim("race-a"), CONTEXT));
        CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() -> workerB.handle(claim("race-b"), CONTEXT));
        List<Reply> replies = List.of(a.get(), b.get());
        simulator.faults().clear();
        database.close();

        assertThat(replies).filteredOn(NumberAcquired.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((NumberAcquired) r).numberSid()).isEqualTo(trialSid));
        assertThat(replies).filteredOn(StepFailed.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((StepFailed) r).errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE));
        String winner = replies.get(0) instanceof NumberAcquired ? "race-a" : "race-b";
        IncomingNumber number = simulator.ownedNumbers().get(0);
        assertThat(OwnerTag.parse(number.friendlyName(), "sb:").names(NumberOwner.organization(winner)))
                .as("tagged for the organization that got it: %s", number.friendlyName()).isTrue();
        assertThat(simulator.ownedNumbers()).hasSize(1);
    }

    private static AcquireNumberHandler worker(TwilioHarness harness, PostgresTrialClaimLock lock) {
        return new AcquireNumberHandler(new PlatformTwilioAccounts(DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN),
                harness.numbers, "sb:", 10, 5, lock);
    }

    private static AcquireNumber claim(String orgId) {
        return new AcquireNumber(orgId, "saga-" + orgId + ":acquire-number", "US", "510", true, null);
    }
}
