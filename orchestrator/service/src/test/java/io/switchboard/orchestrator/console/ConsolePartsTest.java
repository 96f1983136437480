package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.SagaResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
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

    private static SagaResponse.Step step(String name, String direction, Instant start, Instant end, Instant attempt) {
        return new SagaResponse.Step(name, direction, "SUCCEEDED", 1, 1, "Cmd", null, "Reply", null, null, null,
                start, end, end.toEpochMilli() - start.toEpochMilli(), attempt);
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
