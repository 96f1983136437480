package io.switchboard.adapters.vapi;

import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_SID;
import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Phone-number registration (import of Twilio numbers) against the VAPI simulator over real HTTP. */
class PhoneNumbersTest {
    private static final String CREATE = "PhoneNumberController_create";
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
        assistantA = assistant("A");
        assistantB = assistant("B");
    }

    private String assistant(String orgName) {
        return ((AssistantCreated) harness.handle(new CreateAssistant("org-" + orgName, UUID.randomUUID() + ":a",
                orgName, AssistantRole.INBOUND, orgName + " inbound"))).assistantId();
    }

    private static RegisterPhoneNumber register(String number, String assistantId) {
        return new RegisterPhoneNumber("org-1", UUID.randomUUID() + ":register-number", number,
                "PN" + "0".repeat(32), assistantId, "org-1 line", null);
    }

    @Test
    void importsTheNumberBoundToTheAssistantViaOneReusedCredential() {
        Reply first = harness.handle(register("+14155550100", assistantA));
        Reply second = harness.handle(register("+14155550101", assistantB));

        assertThat(first).isInstanceOfSatisfying(PhoneNumberRegistered.class, r -> {
            assertThat(r.phoneNumber()).isEqualTo("+14155550100");
            assertThat(r.assistantId()).isEqualTo(assistantA);
        });
        assertThat(second).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(simulator.credentialCreateCount()).as("the token went to VAPI once").isEqualTo(1);
        String credentialId = simulator.credentials().get(0).id();
        assertThat(simulator.phoneNumbers()).hasSize(2).allSatisfy(p -> {
            assertThat(p.provider()).isEqualTo("twilio");
            assertThat(p.twilioAccountSid()).isEqualTo(TWILIO_SID);
            assertThat(p.credentialId()).isEqualTo(credentialId);
        });
        assertThat(codec.encodeToString(first)).doesNotContain(TWILIO_TOKEN);
        assertThat(codec.encodeToString(second)).doesNotContain(TWILIO_TOKEN);
    }

    @Test
    void aRestartedWorkerFindsTheExistingCredentialInsteadOfCreatingAnother() {
        harness.handle(register("+14155550100", assistantA));
        VapiHarness restarted = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));

        Reply reply = restarted.handle(register("+14155550102", assistantA));

        assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(simulator.credentialCreateCount()).isEqualTo(1);
    }

    @Test
    void aCredentialDeletedAtVapiIsCreatedAgainInsteadOfFailingForever() throws Exception {
        harness.handle(register("+14155550103", assistantA));
        String staleId = simulator.credentials().get(0).id();
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/credential/" + staleId))
                .header("Authorization", "Bearer " + VapiSimulatorConfig.DEFAULT_API_KEY).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);

        Reply reply = harness.handle(register("+14155550104", assistantA));

        assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(simulator.credentialCreateCount()).isEqualTo(2);
        assertThat(simulator.credentials()).singleElement().satisfies(c -> assertThat(c.id()).isNotEqualTo(staleId));
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
    void anExistingRegistrationIsAdoptedAndReboundToTheWantedAssistant() {
        VapiDtos.PhoneNumber existing = harness.api.createPhoneNumber(new VapiDtos.CreateTwilioPhoneNumber(
                "twilio", "+13125550100", TWILIO_SID, null, TWILIO_TOKEN, assistantA, "imported by hand"));

        Reply reply = harness.handle(register("+13125550100", assistantB));

        assertThat(reply).isEqualTo(new PhoneNumberRegistered(existing.id(), "+13125550100", assistantB));
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.assistantId()).isEqualTo(assistantB));
    }

    @Test
    void anExistingRegistrationAlreadyBoundIsAdoptedAsIs() {
        PhoneNumberRegistered first = (PhoneNumberRegistered) harness.handle(register("+13125550101", assistantA));

        Reply again = harness.handle(register("+13125550101", assistantA));

        assertThat(again).isEqualTo(first);
        assertThat(simulator.stats().count("PhoneNumberController_update")).isZero();
    }

    @Test
    void inlineTokenModeImportsWithoutACredential() {
        VapiHarness inline = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY,
                Duration.ofSeconds(5), false, VapiHarness.resilience(4, 20, 10)));

        Reply reply = inline.handle(register("+16175550100", assistantA));

        assertThat(reply).isInstanceOf(PhoneNumberRegistered.class);
        assertThat(simulator.credentialCreateCount()).isZero();
        assertThat(codec.encodeToString(reply)).doesNotContain(TWILIO_TOKEN);
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
        DeletePhoneNumberRegistration delete = new DeletePhoneNumberRegistration("org-1", "saga:delete-number",
                registered.vapiPhoneNumberId());

        assertThat(harness.handle(delete)).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), false));
        assertThat(harness.handle(delete)).isEqualTo(new PhoneNumberRegistrationDeleted(registered.vapiPhoneNumberId(), true));
        assertThat(simulator.phoneNumbers()).isEmpty();
    }

    @Test
    void anUnknownTwilioCredentialIsRefusedWithoutCallingVapi() {
        long before = simulator.stats().total();
        RegisterPhoneNumber command = new RegisterPhoneNumber("org-1", "r-1", "+14155550100", "PN1", assistantA, "x", "tenant-7");

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
            String assistant = ((AssistantCreated) strictHarness.handle(new CreateAssistant("org-x", "r:a", "X",
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
}
