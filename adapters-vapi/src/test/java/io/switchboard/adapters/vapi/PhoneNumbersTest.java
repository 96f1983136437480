package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
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
import io.switchboard.sim.common.Json;
import io.switchboard.sim.common.RequestStats;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_SID;
import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Phone-number registration (import of Twilio numbers) against the VAPI simulator over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class PhoneNumbersTest {
    private static final String CREATE = "PhoneNumberController_create";
    private static final String UPDATE = "PhoneNumberController_update";
    private static final String TENANT_SID = "AC" + "7".repeat(32);
    private static final String TENANT_TOKEN = "tenant-token-" + "9".repeat(19);
    private static final String ORG = "org-1";
    private static VapiSimulator simulator;
    private final JsonCodec codec = new JsonCodec();
    private VapiHarness harness;
    private String assistantA;
    private String assistantB;

    @BeforeAll
    static void startSimulator() {
        simulator = VapiSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        harness = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
        assistantA = assistant(harness, ORG, "A");
        assistantB = assistant(harness, ORG, "B");
    }

    private static String assistant(VapiHarness harness, String orgId, String orgName) {
        return ((AssistantCreated) harness.handle(new CreateAssistant(orgId, UUID.randomUUID() + ":a",
                orgName, AssistantRole.INBOUND, orgName + " inbound"))).assistantId();
    }

    private static RegisterPhoneNumber register(String number, String assistantId) {
        return new RegisterPhoneNumber(ORG, UUID.randomUUID() + ":register-number", number,
                "PN" + "0".repeat(32), assistantId, "org-1 line", null);
    }

    /** The operations the simulator saw: never a credential call, never a path outside the document. */
    private static void assertOnlyDocumentedOperations() {
        Map<String, Long> operations = simulator.stats().snapshot();
        assertThat(operations.keySet()).noneMatch(op -> op.startsWith("Credential"))
                .doesNotContain(RequestStats.UNMATCHED);
    }

    @Test
    void importsWithThePlatformAccountInlineExactlyAsTheDocumentDefinesIt(CapturedOutput output) {
        try (RecordingProxy proxy = new RecordingProxy(simulator.baseUrl())) {
            VapiHarness viaProxy = new VapiHarness(VapiHarness.properties(proxy.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
            RegisterPhoneNumber command = register("+14155550100", assistantA);

            Reply reply = viaProxy.handle(command);

            assertThat(reply).isInstanceOfSatisfying(PhoneNumberRegistered.class, r -> {
                assertThat(r.phoneNumber()).isEqualTo("+14155550100");
                assertThat(r.assistantId()).isEqualTo(assistantA);
            });
            JsonNode body = Json.read(proxy.requests("POST", "/phone-number").get(0).body().getBytes());
            assertThat(body.propertyNames()).containsExactlyInAnyOrder(
                    "provider", "number", "twilioAccountSid", "twilioAuthToken", "assistantId", "name");
            assertThat(body.path("provider").asString()).isEqualTo("twilio");
            assertThat(body.path("number").asString()).isEqualTo("+14155550100");
            assertThat(body.path("twilioAccountSid").asString()).isEqualTo(TWILIO_SID);
            assertThat(body.path("twilioAuthToken").asString()).isEqualTo(TWILIO_TOKEN);
            assertThat(body.path("assistantId").asString()).isEqualTo(assistantA);
            assertThat(body.path("name").asString()).startsWith("org-1 line sb-").hasSizeLessThanOrEqualTo(40);
            assertThat(body.has("credentialId")).as("not a property of CreateTwilioPhoneNumberDTO").isFalse();
            assertThat(proxy.requests("GET", "/v2/phone-number")).singleElement().satisfies(search ->
                    assertThat(search.query()).containsOnlyKeys("search", "page", "limit")
                            .containsEntry("search", "+14155550100"));
            assertThat(proxy.requests()).noneMatch(r -> r.path().startsWith("/credential"));
        }
        assertOnlyDocumentedOperations();
        assertThat(simulator.phoneNumbers()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("twilio");
            assertThat(p.twilioAccountSid()).isEqualTo(TWILIO_SID);
        });
        assertThat(simulator.violations()).as("requests the document does not declare").isEmpty();
        assertThat(output.getAll()).doesNotContain(TWILIO_TOKEN);
    }

    @Test
    void importsATenantsNumberWithTheTenantsOwnAccountNeverThePlatformsToken(CapturedOutput output) {
        TenantCredentialStore store = new TenantCredentialStore(VapiTestDatabase.dataSource(), CredentialKeyset.generate(),
                Clock.systemUTC());
        String tenantOrg = "org-tenant-" + UUID.randomUUID();
        String credentialId = store.save(tenantOrg, "twilio", TENANT_SID, TENANT_TOKEN).credential().id();
        try (RecordingProxy proxy = new RecordingProxy(simulator.baseUrl())) {
            VapiHarness tenantHarness = new VapiHarness(
                    VapiHarness.properties(proxy.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY),
                    new StoredTwilioAccounts(new PlatformTwilioAccounts(TWILIO_SID, TWILIO_TOKEN), store));
            String assistant = assistant(tenantHarness, tenantOrg, "Tenant");

            Reply reply = tenantHarness.handle(new RegisterPhoneNumber(tenantOrg, UUID.randomUUID() + ":register-number",
                    "+15105550100", "PN" + "1".repeat(32), assistant, "Tenant line", credentialId));

            assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
            assertThat(codec.encodeToString(reply)).doesNotContain(TENANT_TOKEN).doesNotContain(TWILIO_TOKEN);
            JsonNode body = Json.read(proxy.requests("POST", "/phone-number").get(0).body().getBytes());
            assertThat(body.propertyNames()).containsExactlyInAnyOrder(
                    "provider", "number", "twilioAccountSid", "twilioAuthToken", "assistantId", "name");
            assertThat(body.path("twilioAccountSid").asString()).isEqualTo(TENANT_SID);
            assertThat(body.path("twilioAuthToken").asString()).isEqualTo(TENANT_TOKEN);
            assertThat(proxy.requests()).noneMatch(r -> r.body().contains(TWILIO_TOKEN));
        }
        assertOnlyDocumentedOperations();
        assertThat(simulator.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.twilioAccountSid()).isEqualTo(TENANT_SID));
        assertThat(output.getAll()).doesNotContain(TENANT_TOKEN).doesNotContain(TWILIO_TOKEN);
    }

    @Test
    void aTokenVapiEchoesInAnErrorNeverReachesTheReplyOrTheLogs(CapturedOutput output) {
        try (RecordingProxy proxy = new RecordingProxy(simulator.baseUrl())) {
            proxy.answer(r -> r.method().equals("POST") && r.path().equals("/phone-number"), 2, 500,
                    "{\"statusCode\":500,\"message\":\"twilio rejected token " + TWILIO_TOKEN + "\"}");
            VapiHarness viaProxy = new VapiHarness(VapiHarness.properties(proxy.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY,
                    Duration.ofSeconds(5), VapiHarness.resilience(2, 20, 10)));

            Reply reply = viaProxy.handle(register("+14155550150", assistantA));

            assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
                assertThat(f.retryable()).isTrue();
                assertThat(f.message()).contains("twilio rejected token ***").doesNotContain(TWILIO_TOKEN);
            });
            assertThat(proxy.requests("POST", "/phone-number")).as("retried once").hasSize(2);
        }
        assertThat(output.getAll()).contains("Retrying vapi call").doesNotContain(TWILIO_TOKEN);
    }

    @Test
    void aRepeatedCommandRegistersTheNumberOnce() {
        RegisterPhoneNumber command = register("+12125550100", assistantA);

        Reply first = harness.handle(command);
        Reply second = harness.handle(command);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void theOrganizationsOwnEarlierRegistrationIsAdoptedAndReboundToTheWantedAssistant() {
        PhoneNumberRegistered earlier = (PhoneNumberRegistered) harness.handle(register("+13125550100", assistantA));

        Reply reply = harness.handle(register("+13125550100", assistantB));

        assertThat(reply).isEqualTo(new PhoneNumberRegistered(earlier.vapiPhoneNumberId(), "+13125550100", assistantB));
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.assistantId()).isEqualTo(assistantB));
        assertThat(simulator.stats().count(UPDATE)).isEqualTo(1);
    }

    @Test
    void anUntaggedRegistrationBoundToTheOrganizationsAssistantIsAdopted() {
        // Registered before owner tags existed: only the bound assistant's metadata says whose it is.
        String legacy = simulator.createPhoneNumber(twilioImport("+13125550102", assistantA, "org-1 line")).id();

        Reply reply = harness.handle(register("+13125550102", assistantB));

        assertThat(reply).isEqualTo(new PhoneNumberRegistered(legacy, "+13125550102", assistantB));
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void aRegistrationImportedByHandIsNeverAdopted() {
        String byHand = simulator.createPhoneNumber(twilioImport("+13125550103", null, "imported by hand")).id();

        Reply reply = harness.handle(register("+13125550103", assistantB));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains(byHand, "+13125550103", "no Switchboard owner");
        });
        assertThat(simulator.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.assistantId()).isNull());
        assertThat(simulator.stats().count(UPDATE)).isZero();
    }

    @Test
    void anExistingRegistrationAlreadyBoundIsAdoptedAsIs() {
        PhoneNumberRegistered first = (PhoneNumberRegistered) harness.handle(register("+13125550101", assistantA));

        Reply again = harness.handle(register("+13125550101", assistantA));

        assertThat(again).isEqualTo(first);
        assertThat(simulator.stats().count(UPDATE)).isZero();
    }

    @Test
    void aServerErrorOnImportIsRetriedLookingFirst() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));

        Reply reply = harness.handle(register("+12065550100", assistantA));

        assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(simulator.phoneNumberCreateCount()).as("adopted after the ambiguous 500").isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void deletingARegistrationIsIdempotent() {
        PhoneNumberRegistered registered = (PhoneNumberRegistered) harness.handle(register("+15125550100", assistantA));
        DeletePhoneNumberRegistration delete = new DeletePhoneNumberRegistration(ORG, "saga:delete-number",
                registered.vapiPhoneNumberId());

        assertThat(harness.handle(delete)).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), false));
        assertThat(harness.handle(delete)).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), true));
        assertThat(simulator.phoneNumbers()).isEmpty();
    }

    @Test
    void aRegistrationDeletedSinceItsRequestMadeItIsNotMadeAgainByALaterDelivery() {
        // The short chaos run's leak: a later attempt of the request arrived after the saga had taken an earlier
        // attempt's registration, which was deleted since; registering again left a registration nobody owns.
        RegisterPhoneNumber command = register("+15125550101", assistantA);
        PhoneNumberRegistered first = (PhoneNumberRegistered) harness.handle(command);
        harness.handle(new DeletePhoneNumberRegistration(ORG, "ops:delete", first.vapiPhoneNumberId()));

        Reply again = harness.handle(command);

        assertThat(again).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.CREATED_RESOURCE_GONE);
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains(first.vapiPhoneNumberId(), command.requestId()).doesNotContain(TWILIO_TOKEN);
        });
        assertThat(simulator.phoneNumbers()).isEmpty();
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void anImportMadeUnansweredIsReportedByTheNextDeliveryEvenWhenItsAssistantWasDeletedSince() {
        // Chaos run 23: VAPI made the import and answered 500; ops stopped the saga and its compensation deleted the
        // assistant; the retry checked the assistant first, failed on it, and the import was left to nobody.
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));
        VapiHarness noRetries = new VapiHarness(VapiHarness.properties(simulator.baseUrl(),
                VapiSimulatorConfig.DEFAULT_API_KEY, Duration.ofSeconds(5), VapiHarness.resilience(1, 20, 10)));
        RegisterPhoneNumber command = register("+15125550102", assistantA);
        assertThat(noRetries.handle(command)).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.retryable()).isTrue());
        String made = simulator.phoneNumbers().get(0).id();
        assertThat(harness.handle(new DeleteAssistant(ORG, "saga:create-inbound-assistant:undo", assistantA)))
                .isInstanceOf(AssistantDeleted.class);

        Reply again = noRetries.handle(command);

        assertThat(again).isEqualTo(new PhoneNumberRegistered(made, "+15125550102", assistantA));
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.stats().count(UPDATE)).isZero();
    }

    @Test
    void aReBindToAnAssistantOfAnotherOrganizationIsRefusedBeforeAnythingChanges() {
        PhoneNumberRegistered earlier = (PhoneNumberRegistered) harness.handle(register("+13125550104", assistantA));
        String foreign = assistant(harness, "org-2", "Other");

        Reply reply = harness.handle(register("+13125550104", foreign));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(simulator.phoneNumbers()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(earlier.vapiPhoneNumberId());
            assertThat(p.assistantId()).isEqualTo(assistantA);
        });
        assertThat(simulator.stats().count(UPDATE)).isZero();
    }

    @Test
    void anUnknownTwilioCredentialIsRefusedWithoutCallingVapi() {
        long before = simulator.stats().total();
        RegisterPhoneNumber command = new RegisterPhoneNumber(ORG, "r-1", "+14155550100", "PN1", assistantA, "x", "tenant-7");

        Reply reply = harness.handle(command);

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.AUTHENTICATION_FAILED);
            assertThat(f.retryable()).isFalse();
        });
        assertThat(simulator.stats().total()).isEqualTo(before);
    }

    @Test
    void aNumberVapiCannotFindAtTwilioIsAFinalInvalidRequest() {
        try (VapiSimulator strict = VapiSimulator.start(VapiSimulatorConfig.defaults().withTwilioNumbers((sid, number) -> false))) {
            VapiHarness strictHarness = new VapiHarness(VapiHarness.properties(strict.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
            String assistant = ((AssistantCreated) strictHarness.handle(new CreateAssistant(ORG, UUID.randomUUID() + ":a", "X",
                    AssistantRole.INBOUND, "X inbound"))).assistantId();

            Reply reply = strictHarness.handle(register("+14155550199", assistant));

            assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
                assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
                assertThat(f.retryable()).isFalse();
                assertThat(f.providerCode()).isEqualTo("400");
                assertThat(f.message()).doesNotContain(TWILIO_TOKEN);
            });
            assertThat(strict.stats().count(CREATE)).as("not retried").isEqualTo(1);
            assertThat(strict.phoneNumbers()).isEmpty();
        }
    }

    private static ObjectNode twilioImport(String number, String assistantId, String name) {
        ObjectNode body = Json.object();
        body.put("provider", "twilio");
        body.put("number", number);
        body.put("twilioAccountSid", TWILIO_SID);
        body.put("twilioAuthToken", TWILIO_TOKEN);
        body.put("name", name);
        if (assistantId != null) {
            body.put("assistantId", assistantId);
        }
        return body;
    }
}
