package io.switchboard.launcher;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.twilio.IncomingNumber;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each approval or request says where its number comes from: the pool first (default), a fresh Twilio purchase
 * ({@code force_twilio}), or no number at all ({@code none}: assistants only, the number comes with the next
 * "on"). What the pool, Twilio and VAPI hold is checked after each.
 */
class NumberSourceSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonCodec JSON = new JsonCodec();

    record Started(List<String> sagaIds) {
    }

    @Test
    void forceTwilioBuysAFreshNumberAndLeavesThePooledOneForTheNextDefaultApproval() {
        String pooledSid = provisionOne("627");

        String forced = SystemClient.newOrgId("forced");
        client.approve(approval(forced, "Forced", "627", NumberSources.FORCE_TWILIO, null));
        SagaResponse forcedSaga = client.awaitSagaEnded(forced, SAGA_TIMEOUT);
        assertThat(forcedSaga.state()).isEqualTo("COMPLETED");
        assertThat(status(forcedSaga, "take-pooled-number")).isEqualTo("SKIPPED");
        assertThat(status(forcedSaga, "acquire-number")).isEqualTo("SUCCEEDED");
        AiStatusResponse forcedLine = client.status(forced);
        assertThat(ownedSid(forcedLine.phoneNumber())).isNotEqualTo(pooledSid);
        assertThat(lines.poolRows()).containsEntry(pooledSid, "AVAILABLE");

        // The default (no numberSource) still takes the pool's number first.
        String pooled = SystemClient.newOrgId("pooledfirst");
        client.approve(pooled, "Pooled First", "627");
        SagaResponse pooledSaga = client.awaitSagaEnded(pooled, SAGA_TIMEOUT);
        assertThat(pooledSaga.state()).isEqualTo("COMPLETED");
        assertThat(status(pooledSaga, "acquire-number")).isEqualTo("SKIPPED");
        assertThat(ownedSid(client.status(pooled).phoneNumber())).isEqualTo(pooledSid);
        assertThat(lines.poolRows()).doesNotContainKey(pooledSid);

        // Turned off and on again asking for force_twilio: a fresh purchase, the pool not looked at.
        lines.toggle(forced, false);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "inactive".equals(client.status(forced).status()));
        String extraPooled = provisionOne("627");
        lines.toggle(new InboundAiChanged(forced, true, null, null, null, null, null, NumberSources.FORCE_TWILIO, null));
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(forced).status()));
        SagaResponse on = client.saga(client.status(forced).latestSaga().id());
        assertThat(on.type()).isEqualTo("inbound-ai-on");
        assertThat(status(on, "take-pooled-number")).isEqualTo("SKIPPED");
        assertThat(status(on, "acquire-number")).isEqualTo("SUCCEEDED");
        assertThat(lines.poolRows()).containsEntry(extraPooled, "AVAILABLE");
    }

    @Test
    void noneGivesAssistantsOnlyAndTheNextOnGivesTheLineItsNumber() {
        String orgId = SystemClient.newOrgId("nonumber");
        long purchases = system.twilio().purchaseCount();
        client.approve(approval(orgId, "No Number", "510", NumberSources.NONE, null));
        SagaResponse onboarding = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(onboarding.state()).isEqualTo("COMPLETED");
        for (String skipped : List.of("take-pooled-number", "claim-own-number", "acquire-number", "register-number",
                "send-approval-email")) {
            assertThat(status(onboarding, skipped)).as(skipped).isEqualTo("SKIPPED");
        }
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);

        AiStatusResponse assistantsOnly = client.status(orgId);
        assertThat(assistantsOnly.hasSetup()).isTrue();
        assertThat(assistantsOnly.setupCompleted()).isFalse();
        assertThat(assistantsOnly.status()).isEqualTo("inactive");
        assertThat(assistantsOnly.phoneNumber()).isNull();
        assertThat(assistantsOnly.assistants().inbound()).isNotNull();
        assertThat(assistantsOnly.assistants().outbound()).isNotNull();
        assertThat(system.vapi().phoneNumbers()).noneMatch(p -> assistantsOnly.assistants().inbound().equals(p.assistantId()));

        // Turning inbound AI on asking for no number says why it does nothing; the default gives it its number.
        String refused = lines.toggle(new InboundAiChanged(orgId, true, null, null, null, null, null,
                NumberSources.NONE, null));
        await().atMost(SAGA_TIMEOUT).until(() -> noteOf(orgId, refused) != null);
        assertThat(noteOf(orgId, refused)).contains("numberSource 'none'");

        lines.toggle(orgId, true);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(orgId).status()));
        AiStatusResponse active = client.status(orgId);
        assertThat(active.assistants()).isEqualTo(assistantsOnly.assistants());
        assertThat(active.phoneNumber()).startsWith("+1510");
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> active.phoneNumber().equals(p.number()))
                .singleElement().satisfies(p -> assertThat(p.assistantId()).isEqualTo(active.assistants().inbound()));
    }

    @Test
    void badNumberOptionsAreRefusedBeforeAnythingIsBought() {
        String orgId = SystemClient.newOrgId("badsource");
        long purchases = system.twilio().purchaseCount();
        // own_number without the organization's own Twilio account: nothing starts, and the event is answered.
        client.approve(approval(orgId, "Bad Source", "510", NumberSources.OWN_NUMBER, "any"));
        await().atMost(SAGA_TIMEOUT).until(() -> noteOf(orgId, null) != null);
        assertThat(noteOf(orgId, null)).contains("own_number").contains("twilioCredentialId");
        AiStatusResponse status = client.status(orgId);
        assertThat(status.latestSaga()).isNull();
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);

        // The API checks the options field by field.
        String failed = SystemClient.newOrgId("badretry");
        client.approve(approval(failed, "Bad Retry", "510", NumberSources.NONE, null));
        assertThat(client.awaitSagaEnded(failed, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        String retry = "/api/v1/organizations/" + failed + "/retry-ai-setup";
        HttpResponse<String> unknownSource = lines.post(retry, "{\"numberSource\":\"cheapest\"}");
        assertThat(unknownSource.statusCode()).isEqualTo(400);
        assertThat(unknownSource.body()).contains("numberSource").contains("force_twilio");
        HttpResponse<String> badNumber = lines.post(retry, "{\"numberSource\":\"own_number\",\"ownNumber\":\"5105550100\"}");
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.body()).contains("ownNumber");
    }

    static OrganizationApproved approval(String orgId, String name, String areaCode, String numberSource,
                                         String ownNumber) {
        return new OrganizationApproved(orgId, name, SystemClient.ownerOf(orgId), "verified", "US", areaCode, null,
                numberSource, ownNumber);
    }

    /**
     * The note of an organization's ignored event ({@code eventId}, or any when null): why it started nothing, or
     * null while undecided.
     */
    private static String noteOf(String orgId, String eventId) {
        try (var connection = java.sql.DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             var statement = connection.prepareStatement("select note from org_event where org_id = ? "
                     + "and (?::text is null or event_id = ?) and status = 'IGNORED' order by id desc")) {
            statement.setString(1, orgId);
            statement.setString(2, eventId);
            statement.setString(3, eventId);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(SagaResponse saga, String step) {
        return saga.steps().stream().filter(s -> s.name().equals(step) && s.direction().equals("ACTION"))
                .map(SagaResponse.Step::status).findFirst().orElse("ABSENT");
    }

    private static String ownedSid(String phoneNumber) {
        return system.twilio().ownedNumbers().stream().filter(n -> n.phoneNumber().equals(phoneNumber))
                .map(IncomingNumber::sid).findFirst().orElseThrow();
    }

    /** Buys one number for the pool in the area code and returns its SID. */
    private static String provisionOne(String areaCode) {
        java.util.Set<String> before = lines.poolRows().keySet();
        HttpResponse<String> response = lines.post("/api/v1/number-pool/provision",
                "{\"count\":1,\"country\":\"US\",\"areaCode\":\"" + areaCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        for (String id : JSON.decodeLenient(response.body(), Started.class).sagaIds()) {
            await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> client.saga(id).state().equals("COMPLETED"));
        }
        Map<String, String> rows = lines.poolRows();
        List<String> added = rows.keySet().stream().filter(sid -> !before.contains(sid)).toList();
        assertThat(added).hasSize(1);
        return added.get(0);
    }
}
