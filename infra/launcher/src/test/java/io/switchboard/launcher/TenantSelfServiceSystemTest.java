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

/**
 * Issue 12, point 6: an organization's own token, issued at run time by ops, reaches its organization and nothing of
 * another one. Two organizations, each with a token; every tenant endpoint tried with the other's ids answers 404
 * with the same problem body as an unknown organization, and nothing changes at the simulators.
 */
class TenantSelfServiceSystemTest extends SharedSystemTest {
    private static final String OPS = SystemClient.OPS_AUTHORIZATION;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonCodec CODEC = new JsonCodec();

    private static String orgA;
    private static String orgB;
    private static String tokenA;
    private static String tokenB;

    @BeforeAll
    static void twoOrganizationsWithATokenEach() {
        orgA = SystemClient.newOrgId("tenanta");
        orgB = SystemClient.newOrgId("tenantb");
        tokenA = issue(orgA, "tenant a admin").get("token").toString();
        tokenB = issue(orgB, "tenant b admin").get("token").toString();
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
        HttpResponse<String> ownTokens = call("Bearer " + tokenA, "POST", "/api/v1/organizations/" + orgA + "/tokens",
                "{\"label\":\"successor\"}");
        assertThat(ownTokens.statusCode()).isEqualTo(403);
        assertThat(ownTokens.body()).contains("/problems/forbidden");
        assertThat(call("Bearer " + tokenA, "GET", "/api/v1/organizations/" + orgA + "/tokens", null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> otherTokens = call("Bearer " + tokenA, "GET", "/api/v1/organizations/" + orgB + "/tokens",
                null);
        assertThat(otherTokens.statusCode()).isEqualTo(404);
        HttpResponse<String> otherStatus = call("Bearer " + tokenA, "GET", "/api/v1/organizations/" + orgB
                + "/ai-status", null);
        assertThat(otherStatus.statusCode()).isEqualTo(404);
        assertThat(problemOf(otherStatus)).isEqualTo(problemOf(call("Bearer " + tokenA, "GET",
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
        String guessed = "sb_org_" + tokenA.substring("sb_org_".length(), tokenA.length() - 1)
                + (tokenA.endsWith("A") ? "B" : "A");
        assertThat(call("Bearer " + guessed, "GET", "/api/v1/organizations/" + orgA + "/ai-status", null).statusCode())
                .isEqualTo(401);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> issue(String orgId, String label) {
        HttpResponse<String> created = call(OPS, "POST", "/api/v1/organizations/" + orgId + "/tokens",
                "{\"label\":\"" + label + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CODEC.decodeLenient(created.body(), Map.class);
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
