package io.switchboard.notifier.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Step names, dates and addresses as owners see them. */
class EmailWordingTest {

    @ParameterizedTest
    @CsvSource({
            "acquire-number, getting a phone number for your organization",
            "ACQUIRE_NUMBER, getting a phone number for your organization",
            "createInboundAssistant, creating your inbound voice assistant",
            "register-phone-number, connecting your phone number to your voice assistant",
            "verifyBillingProfile, verify billing profile",
            "' ', an internal setup step"})
    void stepsAreDescribedInWords(String step, String words) {
        assertThat(StepDescriptions.describe(step)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-05T23:30:00Z, UTC, 'March 5, 2026'",
            "2026-03-05T23:30:00Z, Europe/Berlin, 'March 6, 2026'",
            "2026-03-05T10:00:00+02:00, UTC, 'March 5, 2026'",
            "2026-03-05, UTC, 'March 5, 2026'",
            "next Tuesday, UTC, next Tuesday"})
    void setupDatesAreShownAsOwnersWriteThem(String raw, String zone, String shown) {
        assertThat(SetupDates.humanize(raw, ZoneId.of(zone))).isEqualTo(shown);
    }

    @Test
    void aValidRecipientIsAccepted() {
        assertThat(RecipientAddress.parse(" Owner <owner@example.com> "))
                .hasValueSatisfying(a -> assertThat(a.getAddress()).isEqualTo("owner@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "owner", "owner@", "@example.com", "a@example.com, b@example.com",
            "owner@example.com\r\nBcc: x@evil.test", "owner@exa mple.com"})
    void invalidRecipientsAreRejected(String raw) {
        assertThat(RecipientAddress.parse(raw)).isEmpty();
    }
}
