package io.switchboard.launcher;

import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.Assistant;
import io.switchboard.sim.vapi.PhoneNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The line follows {@code inboundAi}: off and on again reuse the assistants and never pay twice; rapid toggles end in
 * the state of the last event with nothing leaked; ops can clean up and retry a failed setup.
 */
class LineLifecycleSystemTest {
    static final String OPS_AUTHORIZATION = System.getProperty("switchboard.test.authorization");
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static SwitchboardSystem system;
    private static SystemClient client;
    private static LineClient lines;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
        lines = new LineClient(system, system::orchestratorUrl, OPS_AUTHORIZATION);
    }

    @AfterAll
    static void close() {
        lines.close();
        client.close();
    }

    @AfterEach
    void clearFaults() {
        system.twilio().faults().clear();
        system.vapi().faults().clear();
    }

    private String onboarded(String prefix, String name) {
        String orgId = prefix + UUID.randomUUID().toString().substring(0, 8);
        client.approve(orgId, name, "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        return orgId;
    }

    private SagaResponse awaitSaga(String orgId, String type) {
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> {
            AiStatusResponse.LatestSaga latest = client.status(orgId).latestSaga();
            return latest.type().equals(type) && Set.of("COMPLETED", "COMPENSATED", "FAILED").contains(latest.state());
        });
        return client.saga(client.status(orgId).latestSaga().id());
    }

    @Test
    void disablingThenEnablingReusesBothAssistantsAndEndsActiveWithOneNumber() {
        String orgId = onboarded("line-", "Toggle");
        AiStatusResponse before = client.status(orgId);
        long assistantsCreated = system.vapi().assistantCreateCount();

        lines.toggle(orgId, false);
        assertThat(awaitSaga(orgId, "inbound-ai-off").state()).isEqualTo("COMPLETED");
        AiStatusResponse off = client.status(orgId);
        assertThat(off.status()).isEqualTo("inactive");
        assertThat(off.setupCompleted()).isFalse();
        assertThat(off.phoneNumber()).isNull();
        assertThat(off.assistants()).isEqualTo(before.assistants());
        assertThat(system.twilio().ownedNumbers()).noneMatch(n -> n.phoneNumber().equals(before.phoneNumber()));
        assertThat(system.vapi().phoneNumbers()).noneMatch(p -> before.phoneNumber().equals(p.number()));

        lines.toggle(orgId, true);
        assertThat(awaitSaga(orgId, "inbound-ai-on").state()).isEqualTo("COMPLETED");
        AiStatusResponse on = client.status(orgId);
        assertThat(on.status()).isEqualTo("active");
        assertThat(on.assistants()).isEqualTo(before.assistants());
        assertThat(system.vapi().assistantCreateCount()).isEqualTo(assistantsCreated);
        assertThat(system.twilio().ownedNumbers()).filteredOn(n -> n.phoneNumber().equals(on.phoneNumber())).hasSize(1);
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> on.phoneNumber().equals(p.number()))
                .singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(on.assistants().inbound()));
    }

    @Test
    void fiftyRandomTogglesOnTenOrganizationsEndInEachLastStateWithNothingLeaked() {
        String prefix = "tgl-" + UUID.randomUUID().toString().substring(0, 4) + "-";
        Set<String> numbersBefore = system.twilio().ownedNumbers().stream().map(IncomingNumber::sid).collect(Collectors.toSet());
        Set<String> registrationsBefore = system.vapi().phoneNumbers().stream().map(PhoneNumber::id).collect(Collectors.toSet());
        List<String> orgs = java.util.stream.IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();
        // Each organization its own area code: released numbers do not come back, so toggling consumes numbers.
        orgs.forEach(org -> client.approve(org, "Tgl " + org.substring(org.length() - 1), "70" + org.substring(org.length() - 1)));
        orgs.forEach(org -> assertThat(client.awaitSagaEnded(org, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED"));

        Random random = new Random(20261123);
        Map<String, Boolean> last = new HashMap<>();
        orgs.forEach(org -> last.put(org, true));
        for (int i = 0; i < 50; i++) {
            String org = orgs.get(random.nextInt(orgs.size()));
            boolean on = random.nextBoolean();
            lines.toggle(org, on);
            last.put(org, on);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> lines.settled(prefix, 10 + 50));

        List<LineClient.ConfigRow> configs = lines.configs(prefix);
        assertThat(configs).hasSize(10);
        for (LineClient.ConfigRow config : configs) {
            boolean wanted = last.get(config.orgId());
            assertThat(config.status()).as("status of %s", config.orgId()).isEqualTo(wanted ? "active" : "inactive");
            assertThat(config.numberSid() != null).as("number of %s", config.orgId()).isEqualTo(wanted);
            assertThat(config.vapiPhoneNumberId() != null).as("registration of %s", config.orgId()).isEqualTo(wanted);
        }

        // Nothing leaked: what the providers hold now, beyond what they held before, is exactly what configs reference.
        Set<String> referencedNumbers = configs.stream().map(LineClient.ConfigRow::numberSid).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> ownedNow = system.twilio().ownedNumbers().stream().map(IncomingNumber::sid)
                .filter(sid -> !numbersBefore.contains(sid)).collect(Collectors.toSet());
        assertThat(ownedNow).isEqualTo(referencedNumbers);
        Set<String> referencedRegistrations = configs.stream().map(LineClient.ConfigRow::vapiPhoneNumberId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<String> registeredNow = system.vapi().phoneNumbers().stream().map(PhoneNumber::id)
                .filter(id -> !registrationsBefore.contains(id)).collect(Collectors.toSet());
        assertThat(registeredNow).isEqualTo(referencedRegistrations);
        Set<String> referencedAssistants = new HashSet<>();
        configs.forEach(c -> {
            referencedAssistants.add(c.inbound());
            referencedAssistants.add(c.outbound());
        });
        Set<String> assistantsNow = system.vapi().assistants().stream()
                .filter(a -> a.metadata().path("orgId").asString("").startsWith(prefix))
                .map(Assistant::id).collect(Collectors.toSet());
        assertThat(assistantsNow).hasSize(20).isEqualTo(referencedAssistants);
    }

    @Test
    void cleanupReleasesTheNumberDeletesTheRegistrationBothAssistantsAndTheConfig() {
        String orgId = onboarded("clean-", "Clean");
        AiStatusResponse before = client.status(orgId);

        HttpResponse<String> accepted = lines.delete("/api/v1/organizations/" + orgId + "/ai-setup");
        assertThat(accepted.statusCode()).isEqualTo(202);
        SagaResponse cleanup = awaitSaga(orgId, "cleanup");

        assertThat(cleanup.state()).isEqualTo("COMPLETED");
        assertThat(cleanup.steps()).extracting(SagaResponse.Step::name).contains("delete-vapi-registration",
                "release-number", "delete-inbound-assistant", "delete-outbound-assistant", "delete-ai-config");
        assertThat(client.status(orgId).hasSetup()).isFalse();
        assertThat(system.twilio().ownedNumbers()).noneMatch(n -> n.phoneNumber().equals(before.phoneNumber()));
        assertThat(system.vapi().assistants()).noneMatch(a -> a.id().equals(before.assistants().inbound())
                || a.id().equals(before.assistants().outbound()));
        assertThat(lines.delete("/api/v1/organizations/" + orgId + "/ai-setup").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailedSetupIsRetriedWithAnotherAreaCode() {
        String orgId = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        client.approve(orgId, "Retry", "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPENSATED");
        system.vapi().faults().clear();

        assertThat(lines.post("/api/v1/organizations/" + orgId + "/retry-ai-setup", "{\"areaCode\":\"4x5\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = lines.post("/api/v1/organizations/" + orgId + "/retry-ai-setup",
                "{\"country\":\"US\",\"areaCode\":\"415\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(orgId).status()));
        assertThat(client.status(orgId).phoneNumber()).startsWith("+1415");
        assertThat(lines.post("/api/v1/organizations/" + orgId + "/retry-ai-setup", "{}").statusCode()).isEqualTo(409);
    }
}
