package io.switchboard.launcher;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.CleanupResults;
import io.switchboard.orchestrator.api.OrganizationSetupController;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.Assistant;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Numbers an organization already owns in its own Twilio account: named by SID or E.164 number (or "any"), checked
 * to be there and to serve no other line, imported to VAPI; never released — not when the line goes, not when an
 * onboarding is undone. Two organizations share one Twilio account here (a franchise), which is how another line can
 * use a number of "your" account.
 */
class OwnNumberSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonCodec JSON = new JsonCodec();
    private static final String TENANT = RunningSystem.TENANT_ACCOUNT_SID;
    /** Numbers this run seeds in the tenant account: a random block, so reruns on a kept stack do not collide. */
    private static final AtomicInteger NEXT = new AtomicInteger(new java.util.Random().nextInt(9000));

    @Test
    void aBroughtNumberServesTheLineAndStaysInTheAccountWhenTheLineGoes() {
        IncomingNumber mine = seed("Main line");
        String orgId = SystemClient.newOrgId("brings");
        String credential = registerTenantCredential(orgId);
        long purchases = system.twilio().purchaseCount();

        client.approve(approval(orgId, "Brings", credential, mine.sid()));
        SagaResponse onboarding = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(onboarding.state()).isEqualTo("COMPLETED");
        assertThat(status(onboarding, "claim-own-number")).isEqualTo("SUCCEEDED");
        assertThat(status(onboarding, "take-pooled-number")).isEqualTo("SKIPPED");
        assertThat(status(onboarding, "acquire-number")).isEqualTo("SKIPPED");
        AiStatusResponse active = client.status(orgId);
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.phoneNumber()).isEqualTo(mine.phoneNumber());
        assertThat(tenantNumber(mine.sid())).hasValueSatisfying(n ->
                assertThat(n.friendlyName()).startsWith("sb/own/" + orgId + "/"));
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> mine.phoneNumber().equals(p.number()))
                .singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(active.assistants().inbound()));
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);

        // Off: the registration goes, the number stays in the organization's account, untouched by any release.
        lines.toggle(orgId, false);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "inactive".equals(client.status(orgId).status()));
        SagaResponse off = client.saga(client.status(orgId).latestSaga().id());
        assertThat(status(off, "release-number")).isEqualTo("SKIPPED");
        assertThat(status(off, "return-number-to-pool")).isEqualTo("SKIPPED");
        assertThat(tenantNumber(mine.sid())).isPresent();
        assertThat(system.vapi().phoneNumbers()).noneMatch(p -> mine.phoneNumber().equals(p.number()));
        assertThat(lines.poolRows()).doesNotContainKey(mine.sid());

        // On again without naming a source: the line remembers it brings its own number.
        lines.toggle(orgId, true);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(orgId).status()));
        SagaResponse on = client.saga(client.status(orgId).latestSaga().id());
        assertThat(status(on, "claim-own-number")).isEqualTo("SUCCEEDED");
        assertThat(client.status(orgId).phoneNumber()).isEqualTo(mine.phoneNumber());
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);

        // Cleanup: assistants and registration deleted, the number kept in the account, and the request says so.
        String requestId = JSON.decodeLenient(lines.delete("/api/v1/organizations/" + orgId + "/ai-setup").body(),
                OrganizationSetupController.Accepted.class).requestId();
        OrganizationSetupController.RequestStatus cleanup = await().atMost(SAGA_TIMEOUT).ignoreExceptions()
                .until(() -> request(orgId, requestId), r -> r.saga() != null && "COMPLETED".equals(r.saga().state()));
        assertThat(cleanup.cleanup()).isEqualTo(new CleanupResults(true, true, true, true, true,
                "kept_in_organization_account"));
        assertThat(tenantNumber(mine.sid())).isPresent();
        assertThat(system.twilio().releasedNumbers()).noneMatch(r -> r.sid().equals(mine.sid()));
        assertThat(assistantsOf(orgId)).isEmpty();
    }

    @Test
    void aClaimedNumberThatIsNotInTheAccountUndoesTheOnboardingAndBuysNothing() {
        String orgId = SystemClient.newOrgId("notmine");
        String credential = registerTenantCredential(orgId);
        long purchases = system.twilio().purchaseCount();
        List<IncomingNumber> before = system.twilio().ownedNumbers(TENANT);

        client.approve(approval(orgId, "Not Mine", credential, "+16285559999"));
        SagaResponse onboarding = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(onboarding.state()).isEqualTo("COMPENSATED");
        assertThat(onboarding.failedStep()).isEqualTo("claim-own-number");
        assertThat(onboarding.failureReason()).startsWith(StepFailed.NUMBER_NOT_IN_ACCOUNT).contains("+16285559999");
        assertThat(assistantsOf(orgId)).isEmpty();
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        assertThat(system.twilio().ownedNumbers(TENANT)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(client.status(orgId).status()).isEqualTo("failed");
    }

    @Test
    void aNumberAnotherLineUsesIsNotTakenAndAnyGetsAFreeOne() {
        IncomingNumber shared = seed("Front desk");
        String first = SystemClient.newOrgId("firstline");
        String firstCredential = registerTenantCredential(first);
        client.approve(approval(first, "First Line", firstCredential, shared.phoneNumber()));
        assertThat(client.awaitSagaEnded(first, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        AiStatusResponse firstLine = client.status(first);
        String firstTag = tenantNumber(shared.sid()).orElseThrow().friendlyName();

        // Another organization of the same account names that number: refused, and the first line keeps it.
        String second = SystemClient.newOrgId("secondline");
        String secondCredential = registerTenantCredential(second);
        client.approve(approval(second, "Second Line", secondCredential, shared.sid()));
        SagaResponse refused = client.awaitSagaEnded(second, SAGA_TIMEOUT);
        assertThat(refused.state()).isEqualTo("COMPENSATED");
        assertThat(refused.failedStep()).isEqualTo("claim-own-number");
        assertThat(refused.failureReason()).startsWith(StepFailed.NUMBER_IN_USE).contains("organization " + first);
        assertThat(tenantNumber(shared.sid()).orElseThrow().friendlyName()).isEqualTo(firstTag);
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> shared.phoneNumber().equals(p.number()))
                .singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(firstLine.assistants().inbound()));
        assertThat(client.status(first).status()).isEqualTo("active");

        // "any": a number of the account no line uses, never the first line's.
        seed("Spare");
        HttpResponse<String> retried = lines.post("/api/v1/organizations/" + second + "/retry-ai-setup",
                "{\"numberSource\":\"own_number\",\"ownNumber\":\"any\"}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(second).status()));
        String secondNumber = client.status(second).phoneNumber();
        assertThat(secondNumber).isNotEqualTo(shared.phoneNumber());
        assertThat(system.twilio().ownedNumbers(TENANT)).filteredOn(n -> n.phoneNumber().equals(secondNumber))
                .singleElement().satisfies(n -> assertThat(n.friendlyName()).startsWith("sb/own/" + second + "/"));
        assertThat(tenantNumber(shared.sid()).orElseThrow().friendlyName()).isEqualTo(firstTag);
    }

    /** A number the organization bought in its own Twilio console: Twilio's FriendlyName, no Switchboard tag. */
    private static IncomingNumber seed(String friendlyName) {
        String number = "+1628555" + String.format("%04d", NEXT.getAndIncrement() % 10000);
        return system.twilio().seedOwnedNumber(TENANT, number, friendlyName);
    }

    private static Optional<IncomingNumber> tenantNumber(String sid) {
        return system.twilio().ownedNumbers(TENANT).stream().filter(n -> n.sid().equals(sid)).findFirst();
    }

    private static OrganizationApproved approval(String orgId, String name, String credentialId, String ownNumber) {
        return new OrganizationApproved(orgId, name, SystemClient.ownerOf(orgId), "verified", "US", "628", credentialId,
                NumberSources.OWN_NUMBER, ownNumber);
    }

    private static String registerTenantCredential(String orgId) {
        HttpResponse<String> created = lines.post("/api/v1/organizations/" + orgId + "/twilio-credentials",
                "{\"accountSid\":\"" + TENANT + "\",\"authToken\":\"" + RunningSystem.TENANT_AUTH_TOKEN + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return String.valueOf(JSON.decodeLenient(created.body(), Map.class).get("credentialId"));
    }

    private static List<Assistant> assistantsOf(String orgId) {
        return system.vapi().assistants().stream()
                .filter(a -> orgId.equals(a.metadata().path("orgId").asString(""))).toList();
    }

    private static OrganizationSetupController.RequestStatus request(String orgId, String requestId) {
        HttpResponse<String> response = lines.get("/api/v1/organizations/" + orgId + "/requests/" + requestId);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.decodeLenient(response.body(), OrganizationSetupController.RequestStatus.class);
    }

    private static String status(SagaResponse saga, String step) {
        return saga.steps().stream().filter(s -> s.name().equals(step) && s.direction().equals("ACTION"))
                .map(SagaResponse.Step::status).findFirst().orElse("ABSENT");
    }
}
