package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two organizations meet at VAPI: nothing of organization A is adopted, re-bound or deleted by organization B's
 * commands, and B's step fails visibly instead ({@code OWNED_BY_ANOTHER_ORGANIZATION}, not retryable).
 */
class OwnershipTest {
    private static final String ORG_A = "org-a-" + UUID.randomUUID();
    private static final String ORG_B = "org-b-" + UUID.randomUUID();
    private static final String UPDATE = "PhoneNumberController_update";
    private static final String DELETE_NUMBER = "PhoneNumberController_remove";
    private static final String DELETE_ASSISTANT = "AssistantController_remove";
    private static VapiSimulator simulator;
    private VapiHarness harness;
    private String assistantOfA;
    private String assistantOfB;

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
        assistantOfA = assistant(ORG_A, "Alpha");
        assistantOfB = assistant(ORG_B, "Beta");
    }

    private String assistant(String orgId, String orgName) {
        Reply reply = harness.handle(new CreateAssistant(orgId, UUID.randomUUID() + ":inbound-assistant", orgName,
                AssistantRole.INBOUND, orgName + " inbound"));
        assertThat(reply).isInstanceOf(AssistantCreated.class);
        return ((AssistantCreated) reply).assistantId();
    }

    private static RegisterPhoneNumber register(String orgId, String number, String assistantId) {
        return new RegisterPhoneNumber(orgId, UUID.randomUUID() + ":register-number", number, "PN" + "0".repeat(32),
                assistantId, "line", null);
    }

    private static void assertOwnedByAnother(Reply reply, String... mentioned) {
        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
            assertThat(f.retryable()).isFalse();
            assertThat(f.provider()).isEqualTo("vapi");
            assertThat(f.message()).contains(mentioned).doesNotContain(VapiHarness.TWILIO_TOKEN);
        });
    }

    @Test
    void organizationBCannotAdoptOrRebindANumberRegisteredForOrganizationA() {
        PhoneNumberRegistered ofA = (PhoneNumberRegistered) harness.handle(register(ORG_A, "+14155550111", assistantOfA));

        Reply reply = harness.handle(register(ORG_B, "+14155550111", assistantOfB));

        assertOwnedByAnother(reply, ofA.vapiPhoneNumberId(), "+14155550111");
        assertThat(simulator.phoneNumbers()).singleElement()
                .satisfies(p -> assertThat(p.assistantId()).as("A's callers still reach A").isEqualTo(assistantOfA));
        assertThat(simulator.stats().count(UPDATE)).isZero();
    }

    @Test
    void organizationBCannotDeleteOrganizationAsRegistration() {
        PhoneNumberRegistered ofA = (PhoneNumberRegistered) harness.handle(register(ORG_A, "+14155550112", assistantOfA));

        Reply reply = harness.handle(new DeletePhoneNumberRegistration(ORG_B, UUID.randomUUID() + ":delete-vapi-registration",
                ofA.vapiPhoneNumberId()));

        assertOwnedByAnother(reply, ofA.vapiPhoneNumberId());
        assertThat(simulator.phoneNumbers()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(ofA.vapiPhoneNumberId()));
        assertThat(simulator.stats().count(DELETE_NUMBER)).isZero();
    }

    @Test
    void organizationBCannotDeleteOrganizationAsAssistant() {
        Reply reply = harness.handle(new DeleteAssistant(ORG_B, UUID.randomUUID() + ":delete-inbound-assistant", assistantOfA));

        assertOwnedByAnother(reply, assistantOfA, ORG_A);
        assertThat(simulator.assistants()).extracting(a -> a.id()).contains(assistantOfA);
        assertThat(simulator.stats().count(DELETE_ASSISTANT)).isZero();
    }

    @Test
    void organizationBCannotBindItsNumberToOrganizationAsAssistant() {
        Reply reply = harness.handle(register(ORG_B, "+14155550113", assistantOfA));

        assertOwnedByAnother(reply, assistantOfA);
        assertThat(simulator.phoneNumbers()).isEmpty();
    }
}
