package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.SagaResponse;
import org.junit.jupiter.api.Test;
import io.switchboard.orchestrator.api.security.ApiProperties;
import io.switchboard.orchestrator.api.security.Caller;
import io.switchboard.orchestrator.api.security.TokenRegistry;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The console's small parts on their own: CSRF values, redaction, the timeline's scale. */
class ConsolePartsTest {
    private final Redaction redaction = new Redaction(JsonMapper.builder().build());

    @Test
    void aFormIsAcceptedOnlyWithTheValueBoundToThisSessionsTokenAndNonce() {
        String nonce = ConsoleSession.newNonce();
        String value = ConsoleSession.csrfValue(nonce, Optional.of("ops-token"));
        assertThat(value).isNotEqualTo(nonce).doesNotContain("ops-token");
        assertThat(ConsoleSession.csrfValue(nonce, Optional.of("other-token"))).isNotEqualTo(value);

        assertThat(ConsoleSession.csrfMatches(post(nonce, value), Optional.of("ops-token"))).isTrue();
        assertThat(ConsoleSession.csrfMatches(post(nonce, value), Optional.of("other-token"))).isFalse();
        assertThat(ConsoleSession.csrfMatches(post(ConsoleSession.newNonce(), value), Optional.of("ops-token")))
                .isFalse();
        assertThat(ConsoleSession.csrfMatches(post(nonce, null), Optional.of("ops-token"))).isFalse();
        assertThat(ConsoleSession.csrfMatches(post(null, value), Optional.of("ops-token"))).isFalse();
        // Before sign-in the form carries the nonce itself.
        assertThat(ConsoleSession.csrfMatches(post(nonce, nonce), Optional.empty())).isTrue();
    }

    @Test
    void theFilterSendsStrangersToSignInRefusesFormsWithoutTheirValueAndLetsSessionsThrough() throws Exception {
        TokenRegistry tokens = new TokenRegistry(new ApiProperties(List.of("ops-token"), Map.of("org-token", "acme")));
        ConsoleFilter filter = new ConsoleFilter(tokens, true);

        MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/console/sagas");
        anonymous.setServletPath("/console/sagas");
        anonymous.setQueryString("state=FAILED");
        MockHttpServletResponse stranger = run(filter, anonymous);
        assertThat(stranger.getStatus()).isEqualTo(303);
        assertThat(stranger.getHeader("Location")).isEqualTo("/console/sign-in?next=%2Fconsole%2Fsagas%3Fstate%3DFAILED");

        String nonce = ConsoleSession.newNonce();
        MockHttpServletRequest forged = session("POST", "/console/sagas/x/replay", "ops-token", nonce);
        forged.addParameter(ConsoleSession.CSRF_FIELD, nonce);
        assertThat(run(filter, forged).getStatus()).isEqualTo(403);

        MockHttpServletRequest genuine = session("POST", "/console/sagas/x/replay", "org-token", nonce);
        genuine.addParameter(ConsoleSession.CSRF_FIELD, ConsoleSession.csrfValue(nonce, Optional.of("org-token")));
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(genuine, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(genuine.getAttribute(ConsoleFilter.CALLER)).isEqualTo(new Caller.Organization("acme"));

        MockHttpServletRequest unknown = session("GET", "/console/sagas", "no-such-token", nonce);
        assertThat(run(filter, unknown).getStatus()).isEqualTo(303);
        assertThat(run(new ConsoleFilter(tokens, false), session("GET", "/console/sagas", "ops-token", nonce))
                .getStatus()).as("switched off").isEqualTo(404);
    }

    @Test
    void membersAndHeadersNamedLikeSecretsAreMaskedWhereverTheyAre() {
        String shown = redaction.json(Map.of("orgId", "acme", "credentialId", "cred-1",
                "nested", List.of(Map.of("authToken", "s3cr3t", "apiKey", "k3y", "password", "pw"))));
        assertThat(shown).contains("acme").contains("cred-1").doesNotContain("s3cr3t").doesNotContain("k3y")
                .doesNotContain("\"pw\"").contains(Redaction.MASK);
        assertThat(redaction.text("{\"client_secret\":\"abc\",\"n\":1}")).doesNotContain("abc").contains("\"n\" : 1");
        assertThat(redaction.text("{not json")).isEqualTo("{not json");
        assertThat(redaction.headers(Map.of("sb_mac", "mac", "Authorization", "Bearer x", "ce_id", "id-1")))
                .containsEntry("sb_mac", Redaction.MASK).containsEntry("Authorization", Redaction.MASK)
                .containsEntry("ce_id", "id-1");
    }

    @Test
    void barsAreDrawnToScaleWithEarlierAttemptsLighter() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SagaResponse saga = new SagaResponse("id", "onboarding", 3, "acme", "FAILED", "b", "boom", t0, t0,
                t0.plusSeconds(10), List.of(
                step("a", "ACTION", t0, t0.plusSeconds(5), t0),
                step("b", "ACTION", t0.plusSeconds(5), t0.plusSeconds(10), t0.plusSeconds(8)),
                step("a", "COMPENSATION", t0.plusSeconds(10), t0.plusSeconds(10), t0.plusSeconds(10))));
        Timeline timeline = Timeline.of(saga, t0.plusSeconds(60));
        assertThat(timeline.totalMillis()).isEqualTo(10_000);
        Timeline.Bar first = timeline.bars().get(0);
        Timeline.Bar second = timeline.bars().get(1);
        assertThat(first.x()).isEqualTo(Timeline.LABEL_WIDTH);
        assertThat(first.width()).isCloseTo(Timeline.TRACK_WIDTH / 2.0, within(0.01));
        assertThat(second.x()).isCloseTo(Timeline.LABEL_WIDTH + Timeline.TRACK_WIDTH / 2.0, within(0.01));
        assertThat(second.earlierWidth()).isCloseTo(Timeline.TRACK_WIDTH * 0.3, within(0.01));
        Timeline.Bar undo = timeline.bars().get(2);
        assertThat(undo.compensation()).isTrue();
        assertThat(undo.width()).as("an instant step stays visible").isGreaterThan(0);
        assertThat(undo.label()).isEqualTo("a (undo)");
    }

    @Test
    void poolLevelsArePlottedAcrossTheWindowUpToTheHighestLevel() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = from.plusSeconds(100);
        PoolChart chart = PoolChart.of(List.of(new PoolLevels.Sample(from, 4, 0, 0, 1),
                new PoolLevels.Sample(from.plusSeconds(50), 2, 2, 0, 3)), from, to);
        PoolChart.Series stock = chart.series().get(0);
        assertThat(stock.points()).isEqualTo("50.0,10.0 515.0,110.0");
        assertThat(stock.last()).isEqualTo(2);
        assertThat(chart.yTicks()).extracting(PoolChart.Tick::label).containsExactly("0", "2.0", "4");
        assertThat(PoolChart.of(List.of(), from, to).empty()).isTrue();
    }

    private static SagaResponse.Step step(String name, String direction, Instant start, Instant end, Instant attempt) {
        return new SagaResponse.Step(name, direction, "SUCCEEDED", 1, 1, "Cmd", null, "Reply", null, null, null,
                start, end, end.toEpochMilli() - start.toEpochMilli(), attempt);
    }

    private static MockHttpServletResponse run(ConsoleFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("refused requests go no further").isNull();
        return response;
    }

    /** A browser's request with the sign-in cookies, as ConsoleSession writes them. */
    private static MockHttpServletRequest session(String method, String path, String token, String nonce) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        MockHttpServletResponse signedIn = new MockHttpServletResponse();
        ConsoleSession.signIn(request, signedIn, token, java.time.Duration.ofHours(1));
        String cookie = signedIn.getHeaders("Set-Cookie").get(0);
        request.setCookies(new Cookie(ConsoleSession.TOKEN_COOKIE,
                cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'))),
                new Cookie(ConsoleSession.NONCE_COOKIE, nonce));
        return request;
    }

    private static MockHttpServletRequest post(String nonce, String field) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/x");
        if (nonce != null) {
            request.setCookies(new Cookie(ConsoleSession.NONCE_COOKIE, nonce));
        }
        if (field != null) {
            request.addParameter(ConsoleSession.CSRF_FIELD, field);
        }
        return request;
    }
}
