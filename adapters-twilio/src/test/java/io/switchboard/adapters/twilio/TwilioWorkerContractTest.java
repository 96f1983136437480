package io.switchboard.adapters.twilio;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.credentials.CredentialKeyset;
import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Twilio worker's contract suite: every call it makes, flow by flow, through its real handlers, transport and
 * the official SDK, against Twilio simulators that judge every request by Twilio's OpenAPI document and, with
 * response checks on, every answer of their own too. After each flow (see {@link #everyRequestAndResponseConformed})
 * neither simulator may have recorded a request or a response the document does not allow; each flow also checks
 * what it did to the simulator's inventory. When this fails the worker is what changes, never the simulator.
 */
class TwilioWorkerContractTest {
    private static final String TENANT_SID = "ACcafe00000000000000000000000000a7";
    private static final String TENANT_TOKEN = "7e57a7a7a7a7a7a7a7a7a7a7a7a7a7a7";
    private static final String SEARCH = "ListAvailablePhoneNumberLocal";
    private static final String CREATE = "CreateIncomingPhoneNumber";
    private static final String LIST = "ListIncomingPhoneNumber";
    private static final String FETCH = "FetchIncomingPhoneNumber";
    private static final String UPDATE = "UpdateIncomingPhoneNumber";
    private static final String DELETE = "DeleteIncomingPhoneNumber";

    /** A full (paid) platform account, and a tenant's own account next to it. */
    private static TwilioSimulator twilio;
    /** A trial account: one number. */
    private static TwilioSimulator trial;
    private TwilioHarness harness;

    @BeforeAll
    static void startSimulators() {
        twilio = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withResponseChecks(true)
                .withExtraAccount(TENANT_SID, TENANT_TOKEN));
        trial = TwilioSimulator.start(TwilioSimulatorConfig.defaults().withResponseChecks(true).withTrialMode(true));
    }

    @AfterAll
    static void stopSimulators() {
        twilio.close();
        trial.close();
    }

    @BeforeEach
    void reset() {
        twilio.reset();
        trial.reset();
        harness = new TwilioHarness(twilio.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
    }

    @AfterEach
    void everyRequestAndResponseConformed() {
        for (TwilioSimulator simulator : List.of(twilio, trial)) {
            assertThat(simulator.config().checkResponses()).isTrue();
            assertThat(simulator.violations()).as("requests Twilio's document does not allow").isEmpty();
            assertThat(simulator.responseViolations()).as("simulator responses Twilio's document does not allow").isEmpty();
        }
    }

    private static String tagOf(TwilioSimulator simulator, String sid) {
        return simulator.ownedNumbers().stream().filter(n -> n.sid().equals(sid)).findFirst().orElseThrow().friendlyName();
    }

    @Test
    void acquireWithAnAreaCodeLooksUpTheTagSearchesAndBuysTaggedForTheOrganization() {
        AcquireNumber command = new AcquireNumber("org-ct1", "saga-ct1:acquire-number", "US", "415", false, null);

        Reply reply = harness.acquire(command);

        assertThat(reply).isInstanceOfSatisfying(NumberAcquired.class, n -> {
            assertThat(n.phoneNumber()).startsWith("+1415");
            assertThat(n.source()).isEqualTo(NumberAcquired.Source.PURCHASED);
        });
        assertThat(twilio.ownedNumbers(DEFAULT_ACCOUNT_SID)).singleElement().satisfies(n -> {
            assertThat(n.sid()).isEqualTo(((NumberAcquired) reply).numberSid());
            assertThat(n.friendlyName()).isEqualTo("sb/org/org-ct1/saga-ct1:acquire-number");
            assertThat(n.capabilities().voice()).isTrue();
        });
        assertThat(twilio.stats().count(LIST)).as("owner tag, then the pre-owner-tag tag").isEqualTo(2);
        assertThat(twilio.stats().count(SEARCH)).isEqualTo(1);
        assertThat(twilio.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void acquireWithoutAnAreaCodeBuysAnyVoiceNumberForThePool() {
        AcquireNumber command = new AcquireNumber("pool:ct2", "pool-ct2:acquire-number", "US", null, false, null,
                NumberOwner.pool());

        Reply reply = harness.acquire(command);

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(twilio.ownedNumbers(DEFAULT_ACCOUNT_SID)).singleElement()
                .satisfies(n -> assertThat(n.friendlyName()).isEqualTo("sb/pool/pool-ct2:acquire-number"));
        assertThat(twilio.purchaseCount()).isEqualTo(1);
    }

    @Test
    void aPurchaseInDoubtIsAdoptedByItsTagAndNeverBoughtTwice() {
        twilio.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));
        AcquireNumber command = new AcquireNumber("org-ct3", "saga-ct3:acquire-number", "US", "212", false, null);

        Reply first = harness.acquire(command);
        Reply redelivered = harness.acquire(command);

        assertThat(first).isInstanceOf(NumberAcquired.class);
        assertThat(redelivered).isEqualTo(first);
        assertThat(twilio.ownedNumbers(DEFAULT_ACCOUNT_SID)).singleElement()
                .satisfies(n -> assertThat(n.sid()).isEqualTo(((NumberAcquired) first).numberSid()));
        assertThat(twilio.purchaseCount()).isEqualTo(1);
        assertThat(twilio.stats().count(CREATE)).as("POSTed once").isEqualTo(1);
    }

    @Test
    void aCandidateTakenBeforeThePurchase21422IsFollowedByTheNextOne() {
        // Between the search and the purchase the first candidate goes to another account (a real race at Twilio).
        TwilioHarness racing = new TwilioHarness(twilio.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN,
                Duration.ofSeconds(5), TwilioHarness.fastResilience(), (clients, guard) -> new TwilioNumbers(clients, guard, null) {
                    @Override
                    public List<String> searchAvailable(TwilioAccount account, String country, Integer areaCode, int pageSize) {
                        List<String> candidates = super.searchAvailable(account, country, areaCode, pageSize);
                        twilio.seedOwnedNumber(TENANT_SID, candidates.get(0), "someone else");
                        return candidates;
                    }
                });

        Reply reply = racing.acquire(new AcquireNumber("org-ct4", "saga-ct4:acquire-number", "US", "312", false, null));

        String taken = twilio.ownedNumbers(TENANT_SID).get(0).phoneNumber();
        assertThat(reply).isInstanceOfSatisfying(NumberAcquired.class,
                n -> assertThat(n.phoneNumber()).startsWith("+1312").isNotEqualTo(taken));
        assertThat(twilio.ownedNumbers(DEFAULT_ACCOUNT_SID)).hasSize(1);
        assertThat(twilio.stats().count(CREATE)).as("the taken candidate (21422), then the next").isEqualTo(2);
    }

    @Test
    void aTrialAccountsNumberIsClaimedRefusedToASecondOrganizationHandedBackAndClaimedAgain() {
        TwilioHarness onTrial = new TwilioHarness(trial.baseUrl(), DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN);
        IncomingNumber own = trial.seedOwnedNumber(DEFAULT_ACCOUNT_SID, "+15105550100", null);

        Reply a = onTrial.acquire(new AcquireNumber("org-a", "saga-a:acquire-number", "US", "510", true, null));
        Reply b = onTrial.acquire(new AcquireNumber("org-b", "saga-b:acquire-number", "US", "510", true, null));
        Reply handedBack = onTrial.assign(new AssignNumber("org-a", "saga-a-off:hand-back-trial-number", own.sid(),
                own.phoneNumber(), NumberOwner.organization("org-a"), NumberOwner.unassigned(), null));
        String tagWhileUnassigned = tagOf(trial, own.sid());
        Reply bAgain = onTrial.acquire(new AcquireNumber("org-b", "saga-b2:acquire-number", "US", "510", true, null));

        NumberAcquired lent = new NumberAcquired("+15105550100", own.sid(), NumberAcquired.Source.TRIAL_EXISTING);
        assertThat(a).isEqualTo(lent);
        assertThat(b).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.TRIAL_NUMBER_IN_USE);
            assertThat(f.retryable()).isFalse();
            assertThat(f.providerCode()).isEqualTo("21404");
        });
        assertThat(handedBack).isEqualTo(new NumberAssigned(own.sid(), own.phoneNumber(), NumberOwner.unassigned(), false));
        assertThat(tagWhileUnassigned).startsWith("sb/unassigned/");
        assertThat(bAgain).isEqualTo(lent);
        assertThat(tagOf(trial, own.sid())).isEqualTo("sb/trial/org-b/saga-b2:acquire-number");
        assertThat(trial.ownedNumbers()).hasSize(1);
        assertThat(trial.purchaseCount()).as("the seeded number only: nothing bought").isEqualTo(1);
        assertThat(trial.stats().count(DELETE)).isZero();
    }

    @Test
    void assignNumberMovesAPooledNumberToAnOrganizationAndBack() {
        NumberAcquired pooled = (NumberAcquired) harness.acquire(new AcquireNumber("pool:ct6", "pool-ct6:acquire-number",
                "US", "415", false, null, NumberOwner.pool()));

        Reply taken = harness.assign(new AssignNumber("org-ct6", "saga-ct6:assign-pooled-number", pooled.numberSid(),
                pooled.phoneNumber(), NumberOwner.pool(), NumberOwner.organization("org-ct6"), null));
        String tagWhileTaken = tagOf(twilio, pooled.numberSid());
        Reply givenBack = harness.assign(new AssignNumber("org-ct6", "saga-ct6:assign-pooled-number:undo",
                pooled.numberSid(), pooled.phoneNumber(), NumberOwner.organization("org-ct6"), NumberOwner.pool(), null));

        assertThat(taken).isEqualTo(new NumberAssigned(pooled.numberSid(), pooled.phoneNumber(),
                NumberOwner.organization("org-ct6"), false));
        assertThat(tagWhileTaken).isEqualTo(OwnerTag.heldBy(NumberOwner.organization("org-ct6"),
                "saga-ct6:assign-pooled-number").friendlyName());
        assertThat(givenBack).isEqualTo(new NumberAssigned(pooled.numberSid(), pooled.phoneNumber(), NumberOwner.pool(), false));
        assertThat(tagOf(twilio, pooled.numberSid())).startsWith("sb/pool/");
        assertThat(twilio.stats().count(FETCH)).as("each re-tag reads the tag first").isEqualTo(2);
        assertThat(twilio.stats().count(UPDATE)).isEqualTo(2);
    }

    @Test
    void aReleaseDeletesTheNumberAndAReleaseOfAReleasedNumberIsDone() {
        NumberAcquired bought = (NumberAcquired) harness.acquire(new AcquireNumber("org-ct7", "saga-ct7:acquire-number",
                "US", "206", false, null));
        ReleaseNumber release = new ReleaseNumber("org-ct7", "saga-ct7:release-number", bought.numberSid(),
                bought.phoneNumber(), null);

        Reply first = harness.release(release);
        Reply again = harness.release(release);

        assertThat(first).isEqualTo(new NumberReleased(bought.numberSid(), false));
        assertThat(again).isEqualTo(new NumberReleased(bought.numberSid(), true));
        assertThat(twilio.ownedNumbers()).isEmpty();
        assertThat(twilio.releasedNumbers()).singleElement()
                .satisfies(r -> assertThat(r.sid()).isEqualTo(bought.numberSid()));
        assertThat(twilio.stats().count(DELETE)).isEqualTo(1);
    }

    @Test
    void aTenantsOwnAccountBuysAndReleasesInThatAccountNeverThePlatforms() {
        try (HikariDataSource database = tenantDatabase()) {
            TenantCredentialStore store = new TenantCredentialStore(database, CredentialKeyset.generate(), Clock.systemUTC());
            String credentialId = store.save("org-tenant", "twilio", TENANT_SID, TENANT_TOKEN).credential().id();
            TwilioHarness tenants = new TwilioHarness(twilio.baseUrl(),
                    new StoredTwilioAccounts(new PlatformTwilioAccounts(DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN), store),
                    Duration.ofSeconds(5), TwilioHarness.fastResilience(), (clients, guard) -> new TwilioNumbers(clients, guard, null));

            Reply bought = tenants.acquire(new AcquireNumber("org-tenant", "saga-t:acquire-number", "US", "617", false,
                    credentialId));
            List<IncomingNumber> inTenantAccount = twilio.ownedNumbers(TENANT_SID);
            Reply released = tenants.release(new ReleaseNumber("org-tenant", "saga-t:release-number",
                    ((NumberAcquired) bought).numberSid(), ((NumberAcquired) bought).phoneNumber(), credentialId));

            assertThat(inTenantAccount).singleElement()
                    .satisfies(n -> assertThat(n.sid()).isEqualTo(((NumberAcquired) bought).numberSid()));
            assertThat(released).isEqualTo(new NumberReleased(((NumberAcquired) bought).numberSid(), false));
            assertThat(twilio.ownedNumbers()).isEmpty();
            assertThat(twilio.releasedNumbers()).singleElement()
                    .satisfies(r -> assertThat(r.accountSid()).isEqualTo(TENANT_SID));
            assertThat(new JsonCodec().encodeToString(bought)).doesNotContain(TENANT_TOKEN).doesNotContain(DEFAULT_AUTH_TOKEN);
        }
    }

    @Test
    void rateLimitedCallsAreRepeatedAfterRetryAfterAndBuyOneNumber() {
        twilio.faults().add(FaultRule.forOperation(SEARCH).onNthCall(1).fail(429).withRetryAfterSeconds(1));
        twilio.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(429).withRetryAfterSeconds(1));
        long started = System.nanoTime();

        Reply reply = harness.acquire(new AcquireNumber("org-ct9", "saga-ct9:acquire-number", "US", "512", false, null));

        assertThat(reply).isInstanceOf(NumberAcquired.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two waits of Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(twilio.stats().count(SEARCH)).isEqualTo(2);
        assertThat(twilio.stats().count(CREATE)).isEqualTo(2);
        assertThat(twilio.faults().injectedCount()).isEqualTo(2);
        assertThat(twilio.purchaseCount()).isEqualTo(1);
    }

    @Test
    void everyCallConformsWithTheSdksDebugLoggingOnAndLogsNoSecret() {
        String basic = Base64.getEncoder().encodeToString(
                (DEFAULT_ACCOUNT_SID + ":" + DEFAULT_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        List<String> lines;
        try (SdkDebugLogCapture log = new SdkDebugLogCapture()) {
            AcquireNumber acquire = new AcquireNumber("org-ct10", "saga-ct10:acquire-number", "US", "415", false, null);
            NumberAcquired bought = (NumberAcquired) harness.acquire(acquire);
            assertThat(harness.acquire(acquire)).as("adopted by its tag").isEqualTo(bought);
            assertThat(harness.assign(new AssignNumber("org-ct10", "saga-ct10:to-pool", bought.numberSid(),
                    bought.phoneNumber(), NumberOwner.organization("org-ct10"), NumberOwner.pool(), null)))
                    .isInstanceOf(NumberAssigned.class);
            assertThat(harness.release(new ReleaseNumber("pool:ct10", "pool-ct10:release-number", bought.numberSid(),
                    bought.phoneNumber(), null, NumberOwner.pool()))).isEqualTo(new NumberReleased(bought.numberSid(), false));
            assertThat(log.sdkDebugLines()).as("the SDK's debug dump ran").anyMatch(l -> l.contains("response headers"));
            lines = log.lines();
        }
        assertThat(lines).noneMatch(l -> l.contains(DEFAULT_AUTH_TOKEN)).noneMatch(l -> l.contains(basic))
                .noneMatch(l -> l.toLowerCase(Locale.ROOT).contains("authorization"));
        assertThat(twilio.ownedNumbers()).isEmpty();
        assertThat(twilio.purchaseCount()).isEqualTo(1);
    }

    /**
     * The suite's own check: a request the document does not allow is refused and recorded in these simulators, so
     * the empty lists after every flow are a result, not a default.
     */
    @Test
    void aRequestTheDocumentDoesNotAllowIsRecordedSoTheEmptyListsMeanSomething() throws Exception {
        String basic = Base64.getEncoder().encodeToString(
                (DEFAULT_ACCOUNT_SID + ":" + DEFAULT_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(twilio.baseUrl()
                        + "/2010-04-01/Accounts/" + DEFAULT_ACCOUNT_SID + "/IncomingPhoneNumbers.json?PageSize=1001"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(twilio.violations()).singleElement().satisfies((Violation v) -> {
            assertThat(v.operation()).isEqualTo(LIST);
            assertThat(v.messages()).anyMatch(m -> m.contains("PageSize"));
        });
        twilio.reset();
    }

    private static HikariDataSource tenantDatabase() {
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl(TestInfrastructure.newDatabase("twilio_worker"));
        database.setUsername(TestInfrastructure.username());
        database.setPassword(TestInfrastructure.password());
        database.setMaximumPoolSize(2);
        TenantCredentialStore.migrate(database);
        return database;
    }
}
