package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.credentials.CredentialKeyset;
import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_SID;
import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The VAPI worker's contract suite: every call it makes, flow by flow, through its real handlers, ledger and Feign
 * client, against a VAPI simulator that judges every request by VAPI's OpenAPI document and, with response checks
 * on, every answer of its own too. After each flow (see {@link #everyRequestAndResponseConformed}) the simulator may
 * have recorded no request and no response the document does not allow; each flow also checks what it did to the
 * simulator's state. When this fails the worker is what changes, never the simulator.
 */
class VapiWorkerContractTest {
    private static final String CREATE_ASSISTANT = "AssistantController_create";
    private static final String LIST_ASSISTANTS = "AssistantController_findAll";
    private static final String DELETE_ASSISTANT = "AssistantController_remove";
    private static final String CREATE_NUMBER = "PhoneNumberController_create";
    private static final String LIST_NUMBERS = "PhoneNumberController_findAll";
    private static final String UPDATE_NUMBER = "PhoneNumberController_update";
    private static final String DELETE_NUMBER = "PhoneNumberController_remove";
    private static final String TENANT_SID = "AC" + "5".repeat(32);
    private static final String TENANT_TOKEN = "tenant-token-" + "4".repeat(19);
    private static final int FREE_LIMIT = 2;
    private static VapiSimulator vapi;
    private VapiHarness harness;
    private String orgId;

    @BeforeAll
    static void startSimulator() {
        vapi = VapiSimulator.start(VapiSimulatorConfig.defaults().withResponseChecks(true)
                .withFreeNumberLimit(FREE_LIMIT).withFreeNumberActivationDelay(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stopSimulator() {
        vapi.close();
    }

    @BeforeEach
    void reset() {
        vapi.reset();
        harness = new VapiHarness(VapiHarness.properties(vapi.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
        orgId = "org-" + UUID.randomUUID();
    }

    @AfterEach
    void everyRequestAndResponseConformed() {
        assertThat(vapi.config().checkResponses()).isTrue();
        assertThat(vapi.violations()).as("requests VAPI's document does not allow").isEmpty();
        assertThat(vapi.responseViolations()).as("simulator responses VAPI's document does not allow").isEmpty();
    }

    private static CreateAssistant inbound(String orgId, String orgName) {
        return new CreateAssistant(orgId, UUID.randomUUID() + ":inbound-assistant", orgName, AssistantRole.INBOUND,
                AssistantRole.INBOUND.assistantName(orgName));
    }

    private String assistant(VapiHarness on, String orgId, String orgName) {
        Reply reply = on.handle(inbound(orgId, orgName));
        assertThat(reply).isInstanceOf(AssistantCreated.class);
        return ((AssistantCreated) reply).assistantId();
    }

    private RegisterPhoneNumber register(String number, String assistantId) {
        return new RegisterPhoneNumber(orgId, UUID.randomUUID() + ":register-number", number, "PN" + "0".repeat(32),
                assistantId, "Contract line", null);
    }

    @Test
    void anAssistantIsCreatedOnceWithItsOwnerInItsMetadata() {
        CreateAssistant command = inbound(orgId, "Acme");

        Reply first = harness.handle(command);
        Reply repeated = harness.handle(command);

        assertThat(first).isInstanceOfSatisfying(AssistantCreated.class, a -> assertThat(a.name()).isEqualTo("Acme inbound"));
        assertThat(repeated).isEqualTo(first);
        assertThat(vapi.assistants()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(((AssistantCreated) first).assistantId());
            assertThat(a.metadata().path("orgId").asString()).isEqualTo(orgId);
            assertThat(a.metadata().path("switchboardRequestId").asString()).isEqualTo(command.requestId());
        });
        assertThat(vapi.stats().count(CREATE_ASSISTANT)).isEqualTo(1);
    }

    @Test
    void aCreateInDoubtIsAdoptedFromTheListNotCreatedTwice() {
        vapi.faults().add(FaultRule.forOperation(CREATE_ASSISTANT).onNthCall(1).applyThenFail(500));

        Reply reply = harness.handle(inbound(orgId, "Initech"));

        assertThat(reply).isInstanceOfSatisfying(AssistantCreated.class,
                a -> assertThat(a.assistantId()).isEqualTo(vapi.assistants().get(0).id()));
        assertThat(vapi.assistantCreateCount()).isEqualTo(1);
        assertThat(vapi.stats().count(CREATE_ASSISTANT)).isEqualTo(1);
        assertThat(vapi.stats().count(LIST_ASSISTANTS)).as("the retry looked it up by createdAt window").isEqualTo(1);
    }

    @Test
    void anAssistantIsDeletedAndDeletingItAgainFindsItGone() {
        String id = assistant(harness, orgId, "Stark");
        DeleteAssistant delete = new DeleteAssistant(orgId, "saga-ct:delete-inbound-assistant", id);

        Reply deleted = harness.handle(delete);
        Reply again = harness.handle(delete);

        assertThat(deleted).isEqualTo(new AssistantDeleted(id, false));
        assertThat(again).isEqualTo(new AssistantDeleted(id, true));
        assertThat(vapi.assistants()).isEmpty();
        assertThat(vapi.stats().count(DELETE_ASSISTANT)).isEqualTo(1);
    }

    @Test
    void aTwilioNumberIsRegisteredWithThePlatformAccountInline() {
        String assistantId = assistant(harness, orgId, "Globex");

        Reply reply = harness.handle(register("+14155550100", assistantId));

        assertThat(reply).isInstanceOfSatisfying(PhoneNumberRegistered.class, r -> {
            assertThat(r.phoneNumber()).isEqualTo("+14155550100");
            assertThat(r.assistantId()).isEqualTo(assistantId);
        });
        assertThat(vapi.phoneNumbers()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("twilio");
            assertThat(p.number()).isEqualTo("+14155550100");
            assertThat(p.twilioAccountSid()).isEqualTo(TWILIO_SID);
            assertThat(p.assistantId()).isEqualTo(assistantId);
        });
        assertThat(vapi.stats().count(CREATE_NUMBER)).isEqualTo(1);
    }

    @Test
    void aTenantsNumberIsRegisteredWithTheTenantsOwnAccount() {
        TenantCredentialStore store = new TenantCredentialStore(VapiTestDatabase.dataSource(), CredentialKeyset.generate(),
                Clock.systemUTC());
        String credentialId = store.save(orgId, "twilio", TENANT_SID, TENANT_TOKEN).credential().id();
        VapiHarness tenants = new VapiHarness(VapiHarness.properties(vapi.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY),
                new StoredTwilioAccounts(new PlatformTwilioAccounts(TWILIO_SID, TWILIO_TOKEN), store));
        String assistantId = assistant(tenants, orgId, "Tenant");

        Reply reply = tenants.handle(new RegisterPhoneNumber(orgId, UUID.randomUUID() + ":register-number",
                "+15105550100", "PN" + "1".repeat(32), assistantId, "Tenant line", credentialId));

        assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(new JsonCodec().encodeToString(reply)).doesNotContain(TENANT_TOKEN).doesNotContain(TWILIO_TOKEN);
        assertThat(vapi.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.twilioAccountSid()).isEqualTo(TENANT_SID));
    }

    @Test
    void anExistingRegistrationIsAdoptedAndReboundToTheWantedAssistant() {
        String first = assistant(harness, orgId, "Alpha");
        String second = assistant(harness, orgId, "Beta");
        PhoneNumberRegistered earlier = (PhoneNumberRegistered) harness.handle(register("+13125550100", first));

        Reply rebound = harness.handle(register("+13125550100", second));

        assertThat(rebound).isEqualTo(new PhoneNumberRegistered(earlier.vapiPhoneNumberId(), "+13125550100", second));
        assertThat(vapi.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(second));
        assertThat(vapi.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(vapi.stats().count(UPDATE_NUMBER)).isEqualTo(1);
    }

    @Test
    void aNumberIsBoundToAnotherOfItsOrganizationsAssistantsAndNeverToAnotherOrganizations() {
        String inbound = assistant(harness, orgId, "Hooli");
        String outbound = assistant(harness, orgId, "Hooli out");
        String foreign = assistant(harness, "org-" + UUID.randomUUID(), "Pied Piper");
        PhoneNumberRegistered registered = (PhoneNumberRegistered) harness.handle(register("+16505550100", inbound));
        String id = registered.vapiPhoneNumberId();

        Reply bound = harness.handle(new BindPhoneNumber(orgId, "saga-ct:bind-number", id, outbound));
        Reply again = harness.handle(new BindPhoneNumber(orgId, "saga-ct:bind-number", id, outbound));
        assertThat(bound).isEqualTo(new PhoneNumberRegistered(id, "+16505550100", outbound));
        assertThat(again).isEqualTo(bound);
        assertThat(vapi.stats().count(UPDATE_NUMBER)).as("the repeat sent nothing").isEqualTo(1);

        Reply toForeign = harness.handle(new BindPhoneNumber(orgId, "saga-ct:bind-number-2", id, foreign));
        Reply byForeign = harness.handle(new BindPhoneNumber("org-" + UUID.randomUUID(), "saga-ct:bind-number-3", id,
                foreign));
        assertThat(toForeign).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.errorCode())
                .isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(byForeign).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.errorCode())
                .isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(vapi.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(outbound));
        assertThat(vapi.stats().count(UPDATE_NUMBER)).isEqualTo(1);

        Reply unknown = harness.handle(new BindPhoneNumber(orgId, "saga-ct:bind-number-4", UUID.randomUUID().toString(),
                inbound));
        assertThat(unknown).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.retryable()).isFalse());
    }

    @Test
    void aFreeVapiNumberIsBoundWithItsOwnBranchOfTheUpdateBody() {
        String inbound = assistant(harness, orgId, "Vandelay");
        String outbound = assistant(harness, orgId, "Vandelay out");
        FreePhoneNumberCreated created = (FreePhoneNumberCreated) harness.handle(new CreateFreePhoneNumber(orgId,
                UUID.randomUUID() + ":create-free-vapi-number", "415", inbound, "Vandelay line"));

        Reply bound = harness.handle(new BindPhoneNumber(orgId, "saga-ct:bind-number", created.vapiPhoneNumberId(),
                outbound));

        assertThat(bound).isInstanceOfSatisfying(PhoneNumberRegistered.class,
                r -> assertThat(r.assistantId()).isEqualTo(outbound));
        assertThat(vapi.phoneNumbers()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("vapi");
            assertThat(p.assistantId()).isEqualTo(outbound);
        });
    }

    @Test
    void aRegistrationIsDeletedAndDeletingItAgainFindsItGone() {
        PhoneNumberRegistered registered = (PhoneNumberRegistered) harness.handle(
                register("+12065550100", assistant(harness, orgId, "Wayne")));
        DeletePhoneNumberRegistration delete = new DeletePhoneNumberRegistration(orgId,
                "saga-ct:delete-vapi-registration", registered.vapiPhoneNumberId());

        Reply deleted = harness.handle(delete);
        Reply again = harness.handle(delete);

        assertThat(deleted).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), false));
        assertThat(again).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), true));
        assertThat(vapi.phoneNumbers()).isEmpty();
        assertThat(vapi.stats().count(DELETE_NUMBER)).isEqualTo(1);
    }

    @Test
    void aFreeNumberIsCreatedPolledUntilActiveAndTheFreeNumberLimitIsFinal() {
        String assistantId = assistant(harness, orgId, "Umbrella");
        CreateFreePhoneNumber command = new CreateFreePhoneNumber(orgId, UUID.randomUUID() + ":create-free-vapi-number",
                "415", assistantId, "Umbrella line");

        Reply created = harness.handle(command);
        String id = ((FreePhoneNumberCreated) created).vapiPhoneNumberId();
        Reply notYet = harness.handle(new CheckPhoneNumber(orgId, "saga-ct:await-vapi-number", id));
        Reply active = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> harness.handle(new CheckPhoneNumber(orgId, "saga-ct:await-vapi-number", id)),
                        r -> r instanceof PhoneNumberActive);
        Reply second = harness.handle(new CreateFreePhoneNumber(orgId, UUID.randomUUID() + ":n2", "415", assistantId, "x"));
        Reply oneTooMany = harness.handle(new CreateFreePhoneNumber(orgId, UUID.randomUUID() + ":n3", "415", assistantId, "y"));

        assertThat(created).isInstanceOfSatisfying(FreePhoneNumberCreated.class,
                c -> assertThat(c.status()).isEqualTo("activating"));
        assertThat(notYet).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.NOT_READY));
        assertThat(((PhoneNumberActive) active).phoneNumber()).startsWith("+1415");
        assertThat(second).isInstanceOf(FreePhoneNumberCreated.class);
        assertThat(oneTooMany).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.FREE_NUMBER_LIMIT);
            assertThat(f.retryable()).isFalse();
            assertThat(f.providerCode()).isEqualTo("400");
        });
        assertThat(vapi.phoneNumbers()).hasSize(FREE_LIMIT).allSatisfy(p -> {
            assertThat(p.provider()).isEqualTo("vapi");
            assertThat(p.assistantId()).isEqualTo(assistantId);
        });
    }

    @Test
    void aFreeNumberCreateInDoubtIsAdoptedFromTheListNotCreatedTwice() {
        String assistantId = assistant(harness, orgId, "Hooli");
        vapi.faults().add(FaultRule.forOperation(CREATE_NUMBER).onNthCall(1).applyThenFail(500));

        Reply reply = harness.handle(new CreateFreePhoneNumber(orgId, UUID.randomUUID() + ":create-free-vapi-number",
                "212", assistantId, "Hooli line"));

        assertThat(reply).isInstanceOfSatisfying(FreePhoneNumberCreated.class,
                c -> assertThat(c.vapiPhoneNumberId()).isEqualTo(vapi.phoneNumbers().get(0).id()));
        assertThat(vapi.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(vapi.stats().count(CREATE_NUMBER)).isEqualTo(1);
        assertThat(vapi.stats().count(LIST_NUMBERS)).as("the retry looked it up by createdAt window").isEqualTo(1);
    }

    @Test
    void anotherOrganizationsAssistantAndRegistrationAreNeitherAdoptedReboundNorDeleted() {
        String otherOrg = "org-other-" + UUID.randomUUID();
        String theirs = assistant(harness, otherOrg, "Their");
        PhoneNumberRegistered theirNumber = (PhoneNumberRegistered) harness.handle(new RegisterPhoneNumber(otherOrg,
                UUID.randomUUID() + ":register-number", "+16175550100", "PN" + "2".repeat(32), theirs, "Their line", null));
        String ours = assistant(harness, orgId, "Our");

        Reply deleteTheirAssistant = harness.handle(new DeleteAssistant(orgId, "saga-ct:delete", theirs));
        Reply takeTheirNumber = harness.handle(register("+16175550100", ours));
        Reply deleteTheirNumber = harness.handle(new DeletePhoneNumberRegistration(orgId, "saga-ct:delete-number",
                theirNumber.vapiPhoneNumberId()));
        Reply bindToTheirAssistant = harness.handle(register("+16175550199", theirs));

        for (Reply refused : new Reply[]{deleteTheirAssistant, takeTheirNumber, deleteTheirNumber, bindToTheirAssistant}) {
            assertThat(refused).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
                assertThat(f.retryable()).isFalse();
            });
        }
        assertThat(vapi.assistants()).extracting(a -> a.id()).contains(theirs, ours);
        assertThat(vapi.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(theirs));
        assertThat(vapi.stats().count(UPDATE_NUMBER) + vapi.stats().count(DELETE_NUMBER)
                + vapi.stats().count(DELETE_ASSISTANT)).isZero();
    }

    @Test
    void aRateLimitedCreateIsRepeatedAfterRetryAfterAndCreatesOnce() {
        vapi.faults().add(FaultRule.forOperation(CREATE_ASSISTANT).onNthCall(1).fail(429).withRetryAfterSeconds(1));
        long started = System.nanoTime();

        Reply reply = harness.handle(inbound(orgId, "Soylent"));

        assertThat(reply).isInstanceOf(AssistantCreated.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(vapi.stats().count(CREATE_ASSISTANT)).isEqualTo(2);
        assertThat(vapi.assistantCreateCount()).isEqualTo(1);
    }

    /**
     * The suite's own check: a request the document does not allow is refused and recorded by this simulator, so the
     * empty lists after every flow are a result, not a default.
     */
    @Test
    void aRequestTheDocumentDoesNotAllowIsRecordedSoTheEmptyListsMeanSomething() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(vapi.baseUrl() + "/assistant"))
                .header("Authorization", "Bearer " + VapiSimulatorConfig.DEFAULT_API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"credentialId\":\"c-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(vapi.violations()).singleElement().satisfies((Violation v) -> {
            assertThat(v.operation()).isEqualTo(CREATE_ASSISTANT);
            assertThat(v.messages()).contains("property credentialId should not exist");
        });
        assertThat(vapi.assistants()).isEmpty();
        vapi.reset();
    }
}
