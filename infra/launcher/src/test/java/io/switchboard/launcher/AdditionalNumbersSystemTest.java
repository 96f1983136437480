package io.switchboard.launcher;

import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.reconcile.Reconciler;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.PhoneNumber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.switchboard.launcher.NumberPoolSystemTest.findingsAbout;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.accepted;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.awaitRequest;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.call;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.issue;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.map;
import static io.switchboard.launcher.TenantSelfServiceSystemTest.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, point 6: an organization may hold more than one number, each bound to one of its assistants — added and
 * removed with its own token, linked like the line's own number, counted in its costs and by the reconciliation, and
 * given up with the line. Another organization can neither see nor remove nor re-bind any of them (404).
 */
class AdditionalNumbersSystemTest extends SharedSystemTest {
    private static final String OPS = SystemClient.OPS_AUTHORIZATION;
    private static final JsonCodec CODEC = new JsonCodec();
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);

    private static String orgA;
    private static String orgB;
    private static String tokenA;
    private static String tokenB;

    @BeforeAll
    static void twoOrganizationsWithALineAndATokenEach() {
        orgA = SystemClient.newOrgId("morea");
        orgB = SystemClient.newOrgId("moreb");
        tokenA = "Bearer " + issue(orgA, "more a admin").get("token");
        tokenB = "Bearer " + issue(orgB, "more b admin").get("token");
        client.approve(orgA, "More A", "510");
        client.approve(orgB, "More B", "510");
        assertThat(client.awaitSagaEnded(orgA, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        assertThat(client.awaitSagaEnded(orgB, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
    }

    @Test
    void anOrganizationAddsANumberForItsOutboundAssistantLinksItAndRemovesIt() {
        LineClient.ConfigRow line = lines.configs(orgA).get(0);
        Map<String, Object> added = awaitRequest(orgA, tokenA, accepted(call(tokenA, "POST",
                "/api/v1/organizations/" + orgA + "/numbers", "{\"assistantId\":\"" + line.outbound() + "\"}")));
        assertThat(added).containsEntry("type", "add-number").containsEntry("state", "COMPLETED");

        List<Map<String, Object>> numbers = numbers(orgA, tokenA);
        assertThat(numbers).hasSize(2);
        assertThat(numbers.get(0)).containsEntry("numberId", line.numberSid());
        Map<String, Object> extra = numbers.get(1);
        String sid = extra.get("numberId").toString();
        assertThat(extra).containsEntry("status", "active").containsEntry("assistantId", line.outbound());
        assertThat(List.of("PURCHASED", "POOLED")).contains(extra.get("source").toString());
        // At the providers: the organization's number, registered at VAPI and bound to the outbound assistant.
        assertThat(twilioNumber(sid)).hasValueSatisfying(n -> assertThat(n.friendlyName())
                .startsWith("sb/org/" + orgA + "/"));
        assertThat(registrationOf(extra.get("phoneNumber").toString())).hasValueSatisfying(p -> {
            assertThat(p.id()).isEqualTo(extra.get("vapiPhoneNumberId"));
            assertThat(p.assistantId()).isEqualTo(line.outbound());
        });
        List<?> assistants = CODEC.decodeLenient(call(tokenA, "GET", "/api/v1/organizations/" + orgA + "/assistants",
                null).body(), List.class);
        assertThat(map(assistants.get(1))).containsEntry("numberIds", List.of(sid));
        assertThat(map(map(CODEC.decodeLenient(call(tokenA, "GET", "/api/v1/organizations/" + orgA + "/costs", null)
                .body(), Map.class)).get("numbers")).get("platformTwilio")).isEqualTo(2);
        assertThat(findingsAbout(List.of(sid, extra.get("vapiPhoneNumberId").toString())))
                .allSatisfy(f -> assertThat(f.verdict()).as(f.toString()).isEqualTo(Reconciler.Verdict.OWNED))
                .hasSize(2);

        // Linked to the inbound assistant like the line's own number.
        Map<String, Object> linked = awaitRequest(orgA, tokenA, accepted(call(tokenA, "PUT", "/api/v1/organizations/"
                + orgA + "/numbers/" + sid + "/assistant", "{\"assistantId\":\"" + line.inbound() + "\"}")));
        assertThat(linked).containsEntry("type", "number-assistant-link").containsEntry("state", "COMPLETED");
        assertThat(registrationOf(extra.get("phoneNumber").toString()).orElseThrow().assistantId())
                .isEqualTo(line.inbound());
        assertThat(numbers(orgA, tokenA).get(1)).containsEntry("assistantId", line.inbound());

        // Removed: gone from VAPI, no longer the organization's at Twilio, gone from the list; the line untouched.
        Map<String, Object> removed = awaitRequest(orgA, tokenA, accepted(call(tokenA, "DELETE",
                "/api/v1/organizations/" + orgA + "/numbers/" + sid, null)));
        assertThat(removed).containsEntry("type", "remove-number").containsEntry("state", "COMPLETED");
        assertThat(numbers(orgA, tokenA)).extracting(n -> n.get("numberId")).containsExactly(line.numberSid());
        assertThat(registrationOf(extra.get("phoneNumber").toString())).isEmpty();
        assertThat(twilioNumber(sid).stream()).allSatisfy(n -> assertThat(n.friendlyName()).doesNotStartWith("sb/org/"));
        assertThat(client.status(orgA).status()).isEqualTo("active");
        assertThat(registrationOf(client.status(orgA).phoneNumber())).hasValueSatisfying(
                p -> assertThat(p.assistantId()).isEqualTo(line.inbound()));
        assertThat(findingsAbout(List.of(sid))).noneSatisfy(f -> assertThat(f.verdict().problem()).isTrue());
        assertThat(system.vapi().violations()).isEmpty();
        assertThat(system.twilio().violations()).isEmpty();
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorRemoveNorRebindAnAddedNumber() {
        LineClient.ConfigRow lineA = lines.configs(orgA).get(0);
        LineClient.ConfigRow lineB = lines.configs(orgB).get(0);
        awaitRequest(orgA, tokenA, accepted(call(tokenA, "POST", "/api/v1/organizations/" + orgA + "/numbers", "{}")));
        Map<String, Object> extra = numbers(orgA, tokenA).stream()
                .filter(n -> !n.get("numberId").equals(lineA.numberSid())).findFirst().orElseThrow();
        String sid = extra.get("numberId").toString();
        assertThat(extra).containsEntry("assistantId", lineA.inbound());

        assertThat(numbers(orgB, tokenB)).extracting(n -> n.get("numberId")).containsExactly(lineB.numberSid());
        // B's token on A's paths: as unknown as an organization that does not exist.
        HttpResponse<String> otherPath = call(tokenB, "DELETE", "/api/v1/organizations/" + orgA + "/numbers/" + sid, null);
        assertThat(otherPath.statusCode()).isEqualTo(404);
        assertThat(problemOf(otherPath)).containsEntry("type", "https://switchboard.io/problems/not-found");
        // A's number in B's own path: B has no such number.
        HttpResponse<String> inOwnPath = call(tokenB, "DELETE", "/api/v1/organizations/" + orgB + "/numbers/" + sid, null);
        assertThat(inOwnPath.statusCode()).isEqualTo(404);
        assertThat(problemOf(inOwnPath)).containsEntry("type", "https://switchboard.io/problems/number-not-found");
        assertThat(call(tokenB, "PUT", "/api/v1/organizations/" + orgB + "/numbers/" + sid + "/assistant",
                "{\"assistantId\":\"" + lineB.inbound() + "\"}").statusCode()).isEqualTo(404);
        // B cannot bind a number of its own to A's assistant either.
        HttpResponse<String> foreignAssistant = call(tokenB, "POST", "/api/v1/organizations/" + orgB + "/numbers",
                "{\"assistantId\":\"" + lineA.outbound() + "\"}");
        assertThat(foreignAssistant.statusCode()).isEqualTo(404);
        assertThat(problemOf(foreignAssistant)).containsEntry("type",
                "https://switchboard.io/problems/assistant-not-found");

        assertThat(twilioNumber(sid)).hasValueSatisfying(n -> assertThat(n.friendlyName())
                .startsWith("sb/org/" + orgA + "/"));
        assertThat(registrationOf(extra.get("phoneNumber").toString())).hasValueSatisfying(
                p -> assertThat(p.assistantId()).isEqualTo(lineA.inbound()));
        assertThat(numbers(orgB, tokenB)).hasSize(1);

        awaitRequest(orgA, tokenA, accepted(call(tokenA, "DELETE", "/api/v1/organizations/" + orgA + "/numbers/" + sid,
                null)));
        assertThat(numbers(orgA, tokenA)).hasSize(1);
    }

    @Test
    void theLineGoesWithEveryNumberItHolds() {
        String orgId = SystemClient.newOrgId("moregone");
        String token = "Bearer " + issue(orgId, "gone admin").get("token");
        client.approve(orgId, "More Gone", "415");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        for (int i = 0; i < 2; i++) {
            awaitRequest(orgId, token, accepted(call(token, "POST", "/api/v1/organizations/" + orgId + "/numbers",
                    "{\"numberSource\":\"force_twilio\"}")));
        }
        List<Map<String, Object>> numbers = numbers(orgId, token);
        assertThat(numbers).hasSize(3);
        List<String> ids = new ArrayList<>();
        numbers.forEach(n -> {
            ids.add(n.get("numberId").toString());
            ids.add(n.get("vapiPhoneNumberId").toString());
        });

        HttpResponse<String> cleanup = call(OPS, "DELETE", "/api/v1/organizations/" + orgId + "/ai-setup", null);
        Map<String, Object> saga = awaitRequest(orgId, OPS, accepted(cleanup));

        assertThat(saga).containsEntry("type", "cleanup").containsEntry("state", "COMPLETED");
        assertThat(client.sagas(orgId, "remove-number")).hasSize(2)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo("COMPLETED"));
        for (Map<String, Object> n : numbers) {
            assertThat(registrationOf(n.get("phoneNumber").toString())).isEmpty();
            assertThat(twilioNumber(n.get("numberId").toString()).stream())
                    .allSatisfy(owned -> assertThat(owned.friendlyName()).doesNotStartWith("sb/org/" + orgId + "/"));
        }
        assertThat(findingsAbout(ids)).noneSatisfy(f -> assertThat(f.verdict().problem()).isTrue());
        HttpResponse<String> noLine = call(token, "POST", "/api/v1/organizations/" + orgId + "/numbers", "{}");
        assertThat(noLine.statusCode()).isEqualTo(409);
        assertThat(problemOf(noLine)).containsEntry("type", "https://switchboard.io/problems/line-not-active");
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndTheLimitHolds() {
        String orgId = SystemClient.newOrgId("morelimit");
        String token = "Bearer " + issue(orgId, "limit admin").get("token");
        client.approve(orgId, "More Limit", "628");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        LineClient.ConfigRow line = lines.configs(orgId).get(0);
        String path = "/api/v1/organizations/" + orgId + "/numbers";

        assertThat(problemOf(refused(call(token, "POST", path, "{\"numberSource\":\"vapi_free\"}"), 400)))
                .containsEntry("type", "https://switchboard.io/problems/invalid-request");
        assertThat(problemOf(refused(call(token, "POST", path, "{\"areaCode\":\"41\"}"), 400)))
                .containsEntry("type", "https://switchboard.io/problems/invalid-request");
        assertThat(problemOf(refused(call(token, "POST", path, "{\"numberSource\":\"own_number\",\"ownNumber\":\""
                + line.numberSid() + "\"}"), 409))).containsEntry("type", "https://switchboard.io/problems/number-in-use");
        assertThat(problemOf(refused(call(token, "POST", path, "{\"numberSource\":\"own_number\",\"ownNumber\":\"any\"}"),
                400)).get("detail").toString()).contains("own Twilio account");
        assertThat(problemOf(refused(call(token, "DELETE", path + "/" + line.numberSid(), null), 409)))
                .containsEntry("type", "https://switchboard.io/problems/number-not-removable");

        // Default limit: five numbers an organization, the line's own included.
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(accepted(call(token, "POST", path, "{\"numberSource\":\"force_twilio\"}")));
        }
        requests.forEach(id -> assertThat(awaitRequest(orgId, token, id)).containsEntry("state", "COMPLETED"));
        assertThat(numbers(orgId, token)).hasSize(5);
        HttpResponse<String> sixth = refused(call(token, "POST", path, "{}"), 409);
        assertThat(problemOf(sixth)).containsEntry("type", "https://switchboard.io/problems/number-limit-reached");
        assertThat(problemOf(sixth).get("detail").toString()).contains("switchboard.numbers.max-per-organization = 5");
        assertThat(system.twilio().violations()).isEmpty();

        // The line goes with all five (off: its own number given up, the added ones removed first).
        lines.toggle(orgId, false);
        await().atMost(SAGA_TIMEOUT.multipliedBy(2)).ignoreExceptions()
                .until(() -> "inactive".equals(client.status(orgId).status()));
        assertThat(numbers(orgId, token)).isEmpty();
        assertThat(client.sagas(orgId, "remove-number")).hasSize(4)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo("COMPLETED"));
    }

    /**
     * An own number imported from the organization's Twilio account, and a second organization of that account (a
     * franchise) asking for the same number: refused and undone, the first one's line untouched. Removing it leaves it
     * in the account, never released.
     */
    @Test
    void anOwnNumberIsImportedAndKeptInTheAccountAndAnotherOrganizationOfTheAccountCannotTakeIt() {
        IncomingNumber mainX = seed("X main");
        IncomingNumber extra = seed("X second line");
        IncomingNumber mainY = seed("Y main");
        String orgX = SystemClient.newOrgId("ownmorex");
        String orgY = SystemClient.newOrgId("ownmorey");
        String tokenX = "Bearer " + issue(orgX, "x admin").get("token");
        String tokenY = "Bearer " + issue(orgY, "y admin").get("token");
        client.approve(ownNumberApproval(orgX, "Own More X", registerTenantCredential(orgX), mainX.sid()));
        client.approve(ownNumberApproval(orgY, "Own More Y", registerTenantCredential(orgY), mainY.sid()));
        assertThat(client.awaitSagaEnded(orgX, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        assertThat(client.awaitSagaEnded(orgY, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        long purchases = system.twilio().purchaseCount();
        LineClient.ConfigRow lineX = lines.configs(orgX).get(0);

        Map<String, Object> added = awaitRequest(orgX, tokenX, accepted(call(tokenX, "POST", "/api/v1/organizations/"
                + orgX + "/numbers", "{\"numberSource\":\"own_number\",\"ownNumber\":\"" + extra.phoneNumber()
                + "\",\"assistantId\":\"" + lineX.outbound() + "\"}")));
        assertThat(added).containsEntry("state", "COMPLETED");
        assertThat(numbers(orgX, tokenX).get(1)).containsEntry("numberId", extra.sid())
                .containsEntry("source", "ORGANIZATION_OWNED").containsEntry("assistantId", lineX.outbound());
        assertThat(tenantNumber(extra.sid())).hasValueSatisfying(n -> assertThat(n.friendlyName())
                .startsWith("sb/own/" + orgX + "/"));
        String tagX = tenantNumber(extra.sid()).orElseThrow().friendlyName();

        // Y names X's number: the claim is refused (or found in use before VAPI hears of it) and undone.
        Map<String, Object> taken = awaitRequest(orgY, tokenY, accepted(call(tokenY, "POST", "/api/v1/organizations/"
                + orgY + "/numbers", "{\"numberSource\":\"own_number\",\"ownNumber\":\"" + extra.sid() + "\"}")));
        assertThat(taken).containsEntry("state", "COMPENSATED");
        assertThat(List.of("claim-own-number", "check-number-unused")).contains(taken.get("failedStep").toString());
        assertThat(numbers(orgY, tokenY)).hasSize(1);
        assertThat(tenantNumber(extra.sid()).orElseThrow().friendlyName()).isEqualTo(tagX);
        assertThat(registrationOf(extra.phoneNumber())).hasValueSatisfying(
                p -> assertThat(p.assistantId()).isEqualTo(lineX.outbound()));

        // X gives it up: the registration goes, the number stays in the account as it is.
        assertThat(awaitRequest(orgX, tokenX, accepted(call(tokenX, "DELETE", "/api/v1/organizations/" + orgX
                + "/numbers/" + extra.sid(), null)))).containsEntry("state", "COMPLETED");
        assertThat(registrationOf(extra.phoneNumber())).isEmpty();
        assertThat(tenantNumber(extra.sid())).isPresent();
        assertThat(system.twilio().releasedNumbers()).noneMatch(r -> r.sid().equals(extra.sid()));
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        assertThat(findingsAbout(List.of(extra.sid()))).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.BROUGHT));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Numbers this class seeds in the tenant account: a block of its own, apart from OwnNumberSystemTest's. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(9000));

    private static IncomingNumber seed(String friendlyName) {
        String number = "+1628556" + String.format("%04d", NEXT.getAndIncrement() % 10000);
        return system.twilio().seedOwnedNumber(RunningSystem.TENANT_ACCOUNT_SID, number, friendlyName);
    }

    private static Optional<IncomingNumber> tenantNumber(String sid) {
        return system.twilio().ownedNumbers(RunningSystem.TENANT_ACCOUNT_SID).stream()
                .filter(n -> n.sid().equals(sid)).findFirst();
    }

    private static io.switchboard.contracts.events.OrganizationApproved ownNumberApproval(String orgId, String name,
                                                                                         String credentialId,
                                                                                         String ownNumber) {
        return new io.switchboard.contracts.events.OrganizationApproved(orgId, name, SystemClient.ownerOf(orgId),
                "verified", "US", "628", credentialId, io.switchboard.contracts.events.NumberSources.OWN_NUMBER,
                ownNumber);
    }

    private static String registerTenantCredential(String orgId) {
        HttpResponse<String> created = lines.post("/api/v1/organizations/" + orgId + "/twilio-credentials",
                "{\"accountSid\":\"" + RunningSystem.TENANT_ACCOUNT_SID + "\",\"authToken\":\""
                        + RunningSystem.TENANT_AUTH_TOKEN + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return String.valueOf(CODEC.decodeLenient(created.body(), Map.class).get("credentialId"));
    }


    private static HttpResponse<String> refused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static List<Map<String, Object>> numbers(String orgId, String token) {
        HttpResponse<String> response = call(token, "GET", "/api/v1/organizations/" + orgId + "/numbers", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CODEC.decodeLenient(response.body(), List.class).stream().map(TenantSelfServiceSystemTest::map).toList();
    }

    private static Optional<IncomingNumber> twilioNumber(String sid) {
        return system.twilio().ownedNumbers().stream().filter(n -> n.sid().equals(sid)).findFirst();
    }

    private static Optional<PhoneNumber> registrationOf(String phoneNumber) {
        return system.vapi().phoneNumbers().stream().filter(p -> phoneNumber.equals(p.number())).findFirst();
    }
}
