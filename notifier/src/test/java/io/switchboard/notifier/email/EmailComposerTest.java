package io.switchboard.notifier.email;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.notifier.config.NotifierProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class EmailComposerTest {
    private static final NotifierProperties PROPERTIES = new NotifierProperties(
            "Switchboard <no-reply@example.com>", "help@example.com", "Switchboard", "",
            ZoneId.of("UTC"), Duration.ofMinutes(5), 4, Duration.ofSeconds(30));

    private final EmailComposer composer = new EmailComposer(new EmailTemplates(), PROPERTIES);

    @Test
    void approvalEmailShowsNumberAssistantsAndDateInBothParts() {
        RenderedEmail email = composer.approval(new SendApprovalEmail("org-1", "saga-1:email", "Acme Dental",
                "owner@example.com", "+14155550123", "Acme Dental inbound", "Acme Dental outbound",
                "2026-03-05T14:30:00Z"));

        assertThat(email.kind()).isEqualTo(EmailKind.APPROVAL);
        assertThat(email.subject()).isEqualTo("Your Switchboard phone line is ready: +14155550123");
        for (String body : new String[] {email.text(), email.html()}) {
            assertThat(body).contains("Acme Dental", "+14155550123", "Acme Dental inbound", "Acme Dental outbound",
                    "March 5, 2026", "help@example.com");
        }
        assertThat(email.html()).contains("href=\"tel:+14155550123\"").contains("<li>");
        assertThat(email.text()).doesNotContain("<").doesNotContain("dashboard");
    }

    @Test
    void organizationDataIsHtmlEscapedInTheHtmlPartAndVerbatimInTheTextPart() {
        String hostile = "<script>alert(1)</script> Smith & Sons";
        RenderedEmail email = composer.approval(new SendApprovalEmail("org-1", "saga-1:email", hostile,
                "owner@example.com", "+14155550123", hostile + " inbound", hostile + " outbound", "2026-03-05"));

        assertThat(email.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Smith &amp; Sons");
        assertThat(email.text()).contains(hostile);
    }

    @Test
    void lineBreaksInOrgDataCannotAddMailHeadersThroughTheSubject() {
        RenderedEmail email = composer.failure(new SendFailureEmail("org-1", "saga-1:email", "Acme\r\nBcc: x@evil.test",
                "owner@example.com", "acquire-number", "no numbers"));

        assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("We could not finish setting up Switchboard for Acme Bcc: x@evil.test");
    }

    @Test
    void failureEmailNamesTheStepInHumanWordsTheReasonAndTheSupportContact() {
        RenderedEmail email = composer.failure(new SendFailureEmail("org-1", "saga-1:failure-email", "Acme Dental",
                "owner@example.com", "acquire-number", "No phone numbers are available in area code 415"));

        assertThat(email.kind()).isEqualTo(EmailKind.FAILURE);
        assertThat(email.subject()).isEqualTo("We could not finish setting up Switchboard for Acme Dental");
        for (String body : new String[] {email.text(), email.html()}) {
            assertThat(body).contains("Acme Dental", "getting a phone number for your organization",
                    "No phone numbers are available in area code 415", "help@example.com");
        }
    }

    @Test
    void dashboardStepAppearsOnlyWhenADashboardUrlIsConfigured() {
        NotifierProperties withDashboard = new NotifierProperties(PROPERTIES.from(), PROPERTIES.supportEmail(),
                "Switchboard", "https://app.example.com/dashboard", ZoneId.of("UTC"), Duration.ofMinutes(5), 4, Duration.ofSeconds(30));
        RenderedEmail email = new EmailComposer(new EmailTemplates(), withDashboard).approval(
                new SendApprovalEmail("org-1", "r", "Acme", "owner@example.com", "+1", "Acme inbound",
                        "Acme outbound", "2026-03-05"));

        assertThat(email.text()).contains("your dashboard: https://app.example.com/dashboard");
        assertThat(email.html()).contains("href=\"https://app.example.com/dashboard\"");
    }
}
