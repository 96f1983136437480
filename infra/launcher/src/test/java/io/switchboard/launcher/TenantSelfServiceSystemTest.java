package io.switchboard.launcher;

import io.switchboard.messaging.codec.JsonCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, point 6: an organization's own token, issued at run time by ops, reaches its organization and nothing of
 * another one. Two organizations, each with a token; every tenant endpoint tried with the other's ids answers 404
 * with the same problem body as an unknown organization, and nothing changes at the simulators.
 */
class TenantSelfServiceSystemTest extends SharedSystemTest {
    private static final String OPS = SystemClient.OPS_AUTHORIZATION;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonCodec CODEC = new JsonCodec();

    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);

    private static String orgA;
    private static String orgB;
    private static String tokenA;
    private static String tokenB;
    private static Line lineA;
    private static Line lineB;

    /** What an organization's line is, as read with ops' eyes before any tenant call. */
    record Line(String orgId, String phoneNumber, String numberSid, String vapiPhoneNumberId, String inbound,
                String outbound) {
    }

    @BeforeAll
    static void twoOrganizationsWithALineAndATokenEach() {
        orgA = SystemClient.newOrgId("tenanta");
        orgB = SystemClient.newOrgId("tenantb");
        tokenA = "Bearer " + issue(orgA, "tenant a admin").get("token");
        tokenB = "Bearer " + issue(orgB, "tenant b admin").get("token");
        client.approve(orgA, "Tenant A", "510");
        client.approve(orgB, "Tenant B", "510");
        lineA = onboarded(orgA);
        lineB = onboarded(orgB);
    }

    private static Line onboarded(String orgId) {
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        LineClient.ConfigRow row = lines.configs(orgId).get(0);
        return new Line(orgId, client.status(orgId).phoneNumber(), row.numberSid(), row.vapiPhoneNumberId(),
                row.inbound(), row.outbound());
    }

    // ---- run-time organization tokens ----------------------------------------------------------------------

    @Test
    void anIssuedTokenWorksAtOnceIsListedWithoutItsSecretAndIsRefusedFromTheRequestAfterItsRevocation() {
        String org = SystemClient.newOrgId("tokens");
        Map<String, Object> created = issue(org, "billing service");
        String token = created.get("token").toString();
        String tokenId = created.get("tokenId").toString();
        assertThat(token).startsWith("sb_org_").hasSizeGreaterThanOrEqualTo("sb_org_".length() + 43);
        assertThat(created).containsEntry("orgId", org).containsEntry("label", "billing service")
                .containsEntry("prefix", token.substring(0, "sb_org_".length() + 6));

        assertThat(call("Bearer " + token, "GET", "/api/v1/organizations/" + org + "/ai-status", null).statusCode())
                .isEqualTo(200);

        HttpResponse<String> listed = call(OPS, "GET", "/api/v1/organizations/" + org + "/tokens", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(tokenId).contains("billing service").doesNotContain(token)
                .doesNotContain(token.substring("sb_org_".length())).doesNotContain("digest");
        List<?> tokens = CODEC.decodeLenient(listed.body(), List.class);
        assertThat(tokens).singleElement().satisfies(t -> assertThat(map(t))
                .containsEntry("tokenId", tokenId).containsEntry("revokedAt", null)
                .containsKey("lastUsedAt").doesNotContainKey("token"));
        assertThat(map(tokens.get(0)).get("lastUsedAt")).as("used once").isNotNull();

        assertThat(call(OPS, "DELETE", "/api/v1/organizations/" + org + "/tokens/" + tokenId, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> refused = call("Bearer " + token, "GET", "/api/v1/organizations/" + org + "/ai-status", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("/problems/unauthorized").doesNotContain(token);

        List<?> afterRevocation = CODEC.decodeLenient(
                call(OPS, "GET", "/api/v1/organizations/" + org + "/tokens", null).body(), List.class);
        assertThat(afterRevocation).singleElement().satisfies(t -> assertThat((map(t)).get("revokedAt")).isNotNull());
        // Revoking again changes nothing and still answers 204; an unknown id is a problem, not a 500.
        assertThat(call(OPS, "DELETE", "/api/v1/organizations/" + org + "/tokens/" + tokenId, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> unknown = call(OPS, "DELETE", "/api/v1/organizations/" + org + "/tokens/"
                + UUID.randomUUID(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/problems/token-not-found");
        assertThat(call(OPS, "DELETE", "/api/v1/organizations/" + org + "/tokens/not-a-uuid", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aTokenIsRevokedOnlyForItsOwnOrganizationAndAnotherOrganizationsTokenIdIsNotFound() {
        Map<String, Object> created = issue(orgA, "second admin");
        String tokenId = created.get("tokenId").toString();
        HttpResponse<String> wrongOrg = call(OPS, "DELETE", "/api/v1/organizations/" + orgB + "/tokens/" + tokenId, null);
        assertThat(wrongOrg.statusCode()).isEqualTo(404);
        assertThat(call("Bearer " + created.get("token"), "GET", "/api/v1/organizations/" + orgA + "/ai-status", null)
                .statusCode()).as("still valid").isEqualTo(200);
        assertThat(call(OPS, "GET", "/api/v1/organizations/" + orgB + "/tokens", null).body()).doesNotContain(tokenId);
    }

    @Test
    void anOrganizationTokenManagesNoTokensAndReachesNoOtherOrganization() {
        HttpResponse<String> ownTokens = call(tokenA, "POST", "/api/v1/organizations/" + orgA + "/tokens",
                "{\"label\":\"successor\"}");
        assertThat(ownTokens.statusCode()).isEqualTo(403);
        assertThat(ownTokens.body()).contains("/problems/forbidden");
        assertThat(call(tokenA, "GET", "/api/v1/organizations/" + orgA + "/tokens", null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> otherTokens = call(tokenA, "GET", "/api/v1/organizations/" + orgB + "/tokens",
                null);
        assertThat(otherTokens.statusCode()).isEqualTo(404);
        HttpResponse<String> otherStatus = call(tokenA, "GET", "/api/v1/organizations/" + orgB
                + "/ai-status", null);
        assertThat(otherStatus.statusCode()).isEqualTo(404);
        assertThat(problemOf(otherStatus)).isEqualTo(problemOf(call(tokenA, "GET",
                "/api/v1/organizations/" + orgB + "/no-such-endpoint", null)));
    }

    @Test
    void aTokenNeedsALabelAndAGuessedTokenIsNotValid() {
        HttpResponse<String> noLabel = call(OPS, "POST", "/api/v1/organizations/" + orgA + "/tokens", "{}");
        assertThat(noLabel.statusCode()).isEqualTo(400);
        assertThat(noLabel.body()).contains("/problems/invalid-request").contains("label");
        HttpResponse<String> tooLong = call(OPS, "POST", "/api/v1/organizations/" + orgA + "/tokens",
                "{\"label\":\"" + "x".repeat(101) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        String guessed = tokenA.substring(0, tokenA.length() - 1) + (tokenA.endsWith("A") ? "B" : "A");
        assertThat(call(guessed, "GET", "/api/v1/organizations/" + orgA + "/ai-status", null).statusCode())
                .isEqualTo(401);
    }

    // ---- the tenant's numbers and assistants ----------------------------------------------------------------

    @Test
    void eachTokenListsItsOwnNumbersAndAssistants() {
        for (Line line : List.of(lineA, lineB)) {
            String token = line == lineA ? tokenA : tokenB;
            HttpResponse<String> numbers = call(token, "GET", "/api/v1/organizations/" + line.orgId() + "/numbers", null);
            assertThat(numbers.statusCode()).isEqualTo(200);
            List<?> listed = CODEC.decodeLenient(numbers.body(), List.class);
            assertThat(listed).singleElement().satisfies(n -> assertThat(map(n))
                    .containsEntry("numberId", line.numberSid()).containsEntry("phoneNumber", line.phoneNumber())
                    .containsEntry("status", "active").containsEntry("assistantId", line.inbound())
                    .containsEntry("vapiPhoneNumberId", line.vapiPhoneNumberId()).containsKey("source"));
            assertThat(map(listed.get(0)).get("source")).isNotNull();

            HttpResponse<String> assistants = call(token, "GET", "/api/v1/organizations/" + line.orgId()
                    + "/assistants", null);
            assertThat(assistants.statusCode()).isEqualTo(200);
            List<?> both = CODEC.decodeLenient(assistants.body(), List.class);
            String name = line == lineA ? "Tenant A" : "Tenant B";
            assertThat(both).hasSize(2);
            assertThat(map(both.get(0))).containsEntry("assistantId", line.inbound()).containsEntry("role", "inbound")
                    .containsEntry("name", name + " inbound").containsEntry("numberIds", List.of(line.numberSid()));
            assertThat(map(both.get(1))).containsEntry("assistantId", line.outbound()).containsEntry("role", "outbound")
                    .containsEntry("name", name + " outbound").containsEntry("numberIds", List.of());
            Line other = line == lineA ? lineB : lineA;
            assertThat(numbers.body() + assistants.body()).doesNotContain(other.numberSid())
                    .doesNotContain(other.inbound()).doesNotContain(other.outbound());
        }
    }

    @Test
    void anOrganizationSwitchboardNeverHeardOfIsNotFoundAndOneWithoutALineHasNothing() {
        String unknown = SystemClient.newOrgId("unknown");
        HttpResponse<String> none = call(OPS, "GET", "/api/v1/organizations/" + unknown + "/numbers", null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(problemOf(none)).isEqualTo(problemOf(call(tokenA, "GET", "/api/v1/organizations/" + orgB
                + "/numbers", null)));
        assertThat(call(OPS, "GET", "/api/v1/organizations/" + unknown + "/assistants", null).statusCode())
                .isEqualTo(404);
    }

    /** The heart of it: A's token with B's ids, everywhere, answers 404 and moves nothing at VAPI or in B's line. */
    @Test
    void everyTenantEndpointTriedWithTheOtherOrganizationsIdsIsNotFoundAndChangesNothing() {
        List<io.switchboard.sim.vapi.PhoneNumber> vapiBefore = registrations();
        List<LineClient.ConfigRow> rowsBefore = List.of(lines.configs(orgA).get(0), lines.configs(orgB).get(0));
        long patchesBefore = system.vapi().stats().count("PhoneNumberController_update");
        Map<String, Object> unknownOrganization = problemOf(call(OPS, "GET", "/api/v1/organizations/"
                + SystemClient.newOrgId("unknown") + "/numbers", null));

        for (String[] attempt : List.<String[]>of(
                new String[]{"GET", "/api/v1/organizations/" + orgB + "/numbers", null},
                new String[]{"GET", "/api/v1/organizations/" + orgB + "/assistants", null},
                new String[]{"PUT", "/api/v1/organizations/" + orgB + "/numbers/" + lineB.numberSid() + "/assistant",
                        "{\"assistantId\":\"" + lineB.outbound() + "\"}"},
                new String[]{"PUT", "/api/v1/organizations/" + orgB + "/numbers/" + lineB.numberSid() + "/assistant",
                        "{\"assistantId\":\"" + lineA.outbound() + "\"}"},
                new String[]{"GET", "/api/v1/organizations/" + orgB + "/ai-status", null},
                new String[]{"GET", "/api/v1/organizations/" + orgB + "/tokens", null})) {
            HttpResponse<String> answer = call(tokenA, attempt[0], attempt[1], attempt[2]);
            assertThat(answer.statusCode()).as(attempt[0] + " " + attempt[1]).isEqualTo(404);
            assertThat(problemOf(answer)).as(attempt[0] + " " + attempt[1]).isEqualTo(unknownOrganization);
            assertThat(answer.body()).doesNotContain(lineB.phoneNumber()).doesNotContain(lineB.inbound());
        }
        // B's ids in A's own path: as unknown as ids that never existed.
        HttpResponse<String> otherNumber = call(tokenA, "PUT", "/api/v1/organizations/" + orgA + "/numbers/"
                + lineB.numberSid() + "/assistant", "{\"assistantId\":\"" + lineA.outbound() + "\"}");
        assertThat(otherNumber.statusCode()).isEqualTo(404);
        assertThat(otherNumber.body()).contains("/problems/number-not-found");
        HttpResponse<String> neverExisted = call(tokenA, "PUT", "/api/v1/organizations/" + orgA + "/numbers/PN"
                + "0".repeat(32) + "/assistant", "{\"assistantId\":\"" + lineA.outbound() + "\"}");
        assertThat(withoutIds(problemOf(otherNumber))).isEqualTo(withoutIds(problemOf(neverExisted)));
        HttpResponse<String> otherAssistant = call(tokenA, "PUT", "/api/v1/organizations/" + orgA + "/numbers/"
                + lineA.numberSid() + "/assistant", "{\"assistantId\":\"" + lineB.outbound() + "\"}");
        assertThat(otherAssistant.statusCode()).isEqualTo(404);
        assertThat(otherAssistant.body()).contains("/problems/assistant-not-found");
        HttpResponse<String> noAssistant = call(tokenA, "PUT", "/api/v1/organizations/" + orgA + "/numbers/"
                + lineA.numberSid() + "/assistant", "{}");
        assertThat(noAssistant.statusCode()).isEqualTo(400);
        assertThat(noAssistant.body()).contains("/problems/invalid-request").contains("assistantId");

        assertThat(registrations()).isEqualTo(vapiBefore);
        assertThat(system.vapi().stats().count("PhoneNumberController_update")).isEqualTo(patchesBefore);
        assertThat(List.of(lines.configs(orgA).get(0), lines.configs(orgB).get(0))).isEqualTo(rowsBefore);
    }

    // ---- linking a number to one of the organization's assistants -----------------------------------------

    @Test
    void anOrganizationLinksItsNumberToItsOutboundAssistantAndBack() {
        String path = "/api/v1/organizations/" + orgA + "/numbers/" + lineA.numberSid() + "/assistant";
        Map<String, Object> saga = awaitRequest(orgA, tokenA,
                accepted(call(tokenA, "PUT", path, "{\"assistantId\":\"" + lineA.outbound() + "\"}")));
        assertThat(saga).containsEntry("type", "number-assistant-link").containsEntry("state", "COMPLETED");
        assertThat(registration(lineA)).extracting(io.switchboard.sim.vapi.PhoneNumber::assistantId)
                .isEqualTo(lineA.outbound());
        assertThat(map(CODEC.decodeLenient(call(tokenA, "GET", "/api/v1/organizations/" + orgA + "/numbers", null)
                .body(), List.class).get(0))).containsEntry("assistantId", lineA.outbound());
        List<?> assistants = CODEC.decodeLenient(call(tokenA, "GET", "/api/v1/organizations/" + orgA + "/assistants",
                null).body(), List.class);
        assertThat(map(assistants.get(1))).containsEntry("numberIds", List.of(lineA.numberSid()));
        assertThat(map(assistants.get(0))).containsEntry("numberIds", List.of());

        // Linked already: nothing to do, nothing queued.
        HttpResponse<String> again = call(tokenA, "PUT", path, "{\"assistantId\":\"" + lineA.outbound() + "\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(map(CODEC.decodeLenient(again.body(), Map.class).get("number")))
                .containsEntry("assistantId", lineA.outbound());

        Map<String, Object> back = awaitRequest(orgA, tokenA,
                accepted(call(tokenA, "PUT", path, "{\"assistantId\":\"" + lineA.inbound() + "\"}")));
        assertThat(back).containsEntry("state", "COMPLETED");
        assertThat(registration(lineA).assistantId()).isEqualTo(lineA.inbound());
        assertThat(registration(lineB).assistantId()).as("the other organization's line").isEqualTo(lineB.inbound());
        assertThat(system.vapi().violations()).isEmpty();
    }

    @Test
    void aFreeVapiNumberIsLinkedToo() {
        String orgId = SystemClient.newOrgId("tenantfree");
        String token = "Bearer " + issue(orgId, "free line admin").get("token");
        client.approve(new io.switchboard.contracts.events.OrganizationApproved(orgId, "Tenant Free",
                SystemClient.ownerOf(orgId), "verified", "US", "415", null, "vapi_free", null));
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        Map<String, Object> number = map(CODEC.decodeLenient(call(token, "GET", "/api/v1/organizations/" + orgId
                + "/numbers", null).body(), List.class).get(0));
        assertThat(number).containsEntry("source", "VAPI_FREE").containsEntry("status", "active");
        String outbound = lines.configs(orgId).get(0).outbound();

        Map<String, Object> saga = awaitRequest(orgId, token, accepted(call(token, "PUT", "/api/v1/organizations/"
                + orgId + "/numbers/" + number.get("numberId") + "/assistant", "{\"assistantId\":\"" + outbound
                + "\"}")));

        assertThat(saga).containsEntry("state", "COMPLETED");
        assertThat(system.vapi().phoneNumbers()).filteredOn(p -> p.id().equals(number.get("vapiPhoneNumberId")))
                .singleElement().satisfies(p -> {
                    assertThat(p.provider()).isEqualTo("vapi");
                    assertThat(p.assistantId()).isEqualTo(outbound);
                });
        assertThat(system.vapi().violations()).isEmpty();
    }

    /**
     * A link and an "off" for the same line, sent together: they run one after the other in the organization's queue,
     * whichever came first, and the line ends off with its number gone from VAPI — a link that comes second finds no
     * number any more and starts nothing.
     */
    @Test
    void aLinkQueuedBesideALineSagaNeverRunsBesideIt() {
        String orgId = SystemClient.newOrgId("tenantrace");
        String token = "Bearer " + issue(orgId, "race admin").get("token");
        client.approve(orgId, "Tenant Race", "510");
        Line line = onboarded(orgId);

        lines.toggle(orgId, false);
        HttpResponse<String> put = call(token, "PUT", "/api/v1/organizations/" + orgId + "/numbers/"
                + line.numberSid() + "/assistant", "{\"assistantId\":\"" + line.outbound() + "\"}");

        if (put.statusCode() == 202) {
            String requestId = accepted(put);
            Map<String, Object> request = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> map(CODEC.decodeLenient(call(token, "GET", "/api/v1/organizations/" + orgId
                            + "/requests/" + requestId, null).body(), Map.class)), r -> !"PENDING".equals(r.get("status")));
            if ("IGNORED".equals(request.get("status"))) {
                assertThat(request.get("note").toString()).contains("no such number");
            } else {
                assertThat(map(awaitRequest(orgId, token, requestId))).containsEntry("state", "COMPLETED");
            }
        } else {
            // The off saga had already begun taking the line down (no longer active) or finished (no number).
            assertThat(put.statusCode()).as(put.body()).isIn(404, 409);
            assertThat(put.body()).containsAnyOf("/problems/number-not-linkable", "/problems/number-not-found");
        }
        await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> lines.settled(orgId, 2));
        assertThat(lines.configs(orgId).get(0).status()).isEqualTo("inactive");
        assertThat(system.vapi().phoneNumbers()).noneMatch(p -> p.id().equals(line.vapiPhoneNumberId()));
        assertThat(CODEC.decodeLenient(call(token, "GET", "/api/v1/organizations/" + orgId + "/numbers", null).body(),
                List.class)).isEmpty();
    }

    /**
     * Defence in depth: were the orchestrator's records wrong (here: B's line made to name A's assistant), the VAPI
     * worker still refuses to bind B's number to another organization's assistant, from the owner tags it reads at VAPI.
     */
    @Test
    void theVapiWorkerRefusesAnotherOrganizationsAssistantEvenWhenTheRecordsNameIt() throws Exception {
        setOutbound(orgB, lineA.outbound());
        try {
            String path = "/api/v1/organizations/" + orgB + "/numbers/" + lineB.numberSid() + "/assistant";
            Map<String, Object> saga = awaitRequest(orgB, tokenB,
                    accepted(call(tokenB, "PUT", path, "{\"assistantId\":\"" + lineA.outbound() + "\"}")));
            assertThat(saga).containsEntry("state", "COMPENSATED").containsEntry("failedStep", "bind-number");
            assertThat(saga.get("steps").toString()).contains("OWNED_BY_ANOTHER_ORGANIZATION");
            assertThat(registration(lineB).assistantId()).isEqualTo(lineB.inbound());
        } finally {
            setOutbound(orgB, lineB.outbound());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> issue(String orgId, String label) {
        HttpResponse<String> created = call(OPS, "POST", "/api/v1/organizations/" + orgId + "/tokens",
                "{\"label\":\"" + label + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CODEC.decodeLenient(created.body(), Map.class);
    }

    static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return CODEC.decodeLenient(response.body(), Map.class).get("requestId").toString();
    }

    /** Follows the request to the saga it started until that saga ended; returns the saga with its steps. */
    static Map<String, Object> awaitRequest(String orgId, String token, String requestId) {
        Map<String, Object> status = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> map(CODEC.decodeLenient(call(token, "GET", "/api/v1/organizations/" + orgId
                        + "/requests/" + requestId, null).body(), Map.class)), s -> s.get("saga") != null
                        && List.of("COMPLETED", "COMPENSATED", "FAILED").contains(map(s.get("saga")).get("state")));
        return map(status.get("saga"));
    }

    private static List<io.switchboard.sim.vapi.PhoneNumber> registrations() {
        return system.vapi().phoneNumbers().stream()
                .filter(p -> p.id().equals(lineA.vapiPhoneNumberId()) || p.id().equals(lineB.vapiPhoneNumberId()))
                .sorted(java.util.Comparator.comparing(io.switchboard.sim.vapi.PhoneNumber::id))
                .toList();
    }

    private static io.switchboard.sim.vapi.PhoneNumber registration(Line line) {
        return system.vapi().phoneNumbers().stream().filter(p -> p.id().equals(line.vapiPhoneNumberId()))
                .findFirst().orElseThrow();
    }

    private static void setOutbound(String orgId, String assistantId) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             var statement = connection.prepareStatement(
                     "update ai_config set outbound_assistant_id = ? where org_id = ?")) {
            statement.setString(1, assistantId);
            statement.setString(2, orgId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static Map<String, Object> withoutIds(Map<String, Object> problem) {
        Map<String, Object> rest = new java.util.HashMap<>(problem);
        rest.remove("detail");
        rest.remove("numberId");
        return rest;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** The problem body without {@code instance} (the path it was answered for). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> problemOf(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = new java.util.HashMap<>(CODEC.decodeLenient(response.body(), Map.class));
        problem.remove("instance");
        return problem;
    }

    static HttpResponse<String> call(String authorization, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.orchestratorUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
