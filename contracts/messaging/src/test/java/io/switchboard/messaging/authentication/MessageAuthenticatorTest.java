package io.switchboard.messaging.authentication;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageAuthenticatorTest {
    private static final String TOPIC = "switchboard.twilio-commands.v1";
    private static final byte[] VALUE = "{\"orgId\":\"org-a\",\"numberSid\":\"PN1\"}".getBytes(StandardCharsets.UTF_8);

    private final MessageKeyset keyset = MessageKeyset.generate();
    private final MessageAuthenticator authenticator = new MessageAuthenticator(keyset);
    private final Map<String, String> headers = new CloudEventHeaders("/switchboard/orchestrator").newMessage(
            "io.switchboard.command.twilio.ReleaseNumber.v1", "org-a",
            SagaRouting.command("saga-1", "release-number", 1, "switchboard.saga-replies.v1",
                    Instant.parse("2026-12-01T10:00:00Z")));

    @Test
    void aTaggedRecordVerifies() {
        Map<String, String> signed = authenticator.signed(TOPIC, "org-a", VALUE, headers);

        assertThat(signed).containsKey(Headers.MAC);
        assertThat(authenticator.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(signed)))
                .isInstanceOf(MessageAuthenticator.Verdict.Authentic.class);
    }

    @Test
    void aRecordWithoutTagOrWithGarbageIsRejected() {
        assertThat(rejection(headers)).isEqualTo("unauthenticated: no sb_mac header");
        Map<String, String> garbage = new LinkedHashMap<>(headers);
        garbage.put(Headers.MAC, "not base64 !");
        assertThat(rejection(garbage)).isEqualTo("unauthenticated: sb_mac is not base64");
    }

    @Test
    void changingTheTopicKeyValueOrAnyCoveredHeaderBreaksTheTag() {
        Map<String, String> signed = authenticator.signed(TOPIC, "org-a", VALUE, headers);

        assertThat(authenticator.verify("switchboard.vapi-commands.v1", "org-a", VALUE, CloudEventHeaders.toKafka(signed)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        assertThat(authenticator.verify(TOPIC, "org-b", VALUE, CloudEventHeaders.toKafka(signed)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        byte[] otherValue = "{\"orgId\":\"org-a\",\"numberSid\":\"PN2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(authenticator.verify(TOPIC, "org-a", otherValue, CloudEventHeaders.toKafka(signed)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        for (String covered : MessageAuthenticator.COVERED_HEADERS) {
            Map<String, String> altered = new LinkedHashMap<>(signed);
            altered.put(covered, "tampered");
            assertThat(authenticator.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(altered)))
                    .as("header %s is covered", covered).isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        }
        // Adding a covered header the sender did not set (e.g. a later deadline on a command without one) breaks it too.
        Map<String, String> withoutDeadline = new LinkedHashMap<>(headers);
        withoutDeadline.remove(Headers.DEADLINE);
        Map<String, String> signedWithout = authenticator.signed(TOPIC, "org-a", VALUE, withoutDeadline);
        signedWithout.put(Headers.DEADLINE, "2099-01-01T00:00:00Z");
        assertThat(authenticator.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(signedWithout)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
    }

    @Test
    void deadLetterHeadersAreNotCoveredSoARedrivenRecordStillVerifies() {
        RecordHeaders parked = CloudEventHeaders.toKafka(authenticator.signed(TOPIC, "org-a", VALUE, headers));
        parked.add(Headers.DLQ_REASON, "broker hiccup".getBytes(StandardCharsets.UTF_8));
        parked.add(Headers.DLQ_ORIGINAL_TOPIC, TOPIC.getBytes(StandardCharsets.UTF_8));

        assertThat(authenticator.verify(TOPIC, "org-a", VALUE, parked))
                .isInstanceOf(MessageAuthenticator.Verdict.Authentic.class);
    }

    @Test
    void anotherKeysetsTagIsRejected() {
        Map<String, String> signedElsewhere = new MessageAuthenticator(MessageKeyset.generate())
                .signed(TOPIC, "org-a", VALUE, headers);

        assertThat(rejection(signedElsewhere)).startsWith("unauthenticated: sb_mac does not match");
    }

    @Test
    void keysRotateWithoutRejectingMessagesInFlight() {
        Map<String, String> taggedWithOldKey = authenticator.signed(TOPIC, "org-a", VALUE, headers);
        var added = MessageKeyset.fromJson(keyset.keys().withNewKey().toJson());
        long newKey = added.keys().keyIds().stream().filter(id -> id != keyset.keys().primaryKeyId()).findFirst().orElseThrow();
        var promoted = MessageKeyset.fromJson(added.keys().withPrimary(newKey).toJson());
        MessageAuthenticator afterPromotion = new MessageAuthenticator(promoted);

        assertThat(afterPromotion.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(taggedWithOldKey)))
                .isInstanceOf(MessageAuthenticator.Verdict.Authentic.class);
        Map<String, String> taggedWithNewKey = afterPromotion.signed(TOPIC, "org-a", VALUE, headers);
        // A service still on the old keyset only (step 1 not rolled out to it) cannot verify the new key's tags.
        assertThat(authenticator.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(taggedWithNewKey)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        MessageAuthenticator retired = new MessageAuthenticator(
                MessageKeyset.fromJson(promoted.keys().without(keyset.keys().primaryKeyId()).toJson()));
        assertThat(retired.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(taggedWithOldKey)))
                .isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        assertThat(retired.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(taggedWithNewKey)))
                .isInstanceOf(MessageAuthenticator.Verdict.Authentic.class);
    }

    @Test
    void onlyHmacSha256KeysetsAreAcceptedAndErrorsNeverQuoteKeyMaterial() {
        assertThatThrownBy(() -> MessageKeyset.fromJson(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not set");
        assertThatThrownBy(() -> MessageKeyset.fromJson("{\"primaryKeyId\": 1, \"key\": \"secret-bytes\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-bytes");
        // A weaker MAC (128-bit tag) is refused at startup, not used.
        String weakKeyset = io.switchboard.messaging.keys.TinkKeyset.generate("any MAC",
                com.google.crypto.tink.mac.PredefinedMacParameters.HMAC_SHA256_128BITTAG, p -> true).toJson();
        assertThatThrownBy(() -> MessageKeyset.fromJson(weakKeyset))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThat(keyset.toString()).doesNotContain(keyset.toJson());
    }

    private String rejection(Map<String, String> sent) {
        var verdict = authenticator.verify(TOPIC, "org-a", VALUE, CloudEventHeaders.toKafka(sent));
        assertThat(verdict).isInstanceOf(MessageAuthenticator.Verdict.Rejected.class);
        return ((MessageAuthenticator.Verdict.Rejected) verdict).reason();
    }
}
