package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.client.VapiDtos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a VAPI number counts as ready, as VAPI's {@code VapiPhoneNumber} describes it: {@code number} is optional, a
 * {@code sipUri} can be called ("You can SIP INVITE this"), and nothing works while it is {@code activating}.
 */
class CheckPhoneNumberReadinessTest {

    private static VapiDtos.PhoneNumber number(String status, String digits, String sipUri) {
        return new VapiDtos.PhoneNumber("pn-1", "vapi", digits, "Acme", "asst-1", null, status,
                "2026-01-01T00:00:00Z", sipUri);
    }

    @Test
    void activeWithDigitsOrWithOnlyASipUriIsReady() {
        assertThat(CheckPhoneNumberHandler.ready(number("active", "+14155550100", null))).isTrue();
        assertThat(CheckPhoneNumberHandler.ready(number("active", null, "sip:acme@sip.vapi.ai"))).isTrue();
    }

    @Test
    void activeWithNeitherOrStillActivatingIsNot() {
        assertThat(CheckPhoneNumberHandler.ready(number("active", null, null))).isFalse();
        assertThat(CheckPhoneNumberHandler.ready(number("active", " ", ""))).isFalse();
        assertThat(CheckPhoneNumberHandler.ready(number("activating", null, "sip:acme@sip.vapi.ai"))).isFalse();
        assertThat(CheckPhoneNumberHandler.ready(number("blocked", "+14155550100", null))).isFalse();
    }
}
