package io.switchboard.notifier.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * What the notifier says and how it guards delivery ({@code switchboard.notifier.*}). SMTP connection settings
 * are Spring Boot's {@code spring.mail.*}.
 *
 * @param from           the From header, an RFC 5322 address, optionally with a display name
 * @param supportEmail   where owners are told to write when something went wrong
 * @param productName    how the product is called in subjects and bodies
 * @param dashboardUrl   link to the owner's dashboard in the approval email; blank leaves the link out
 * @param timeZone       zone in which the setup date is shown to owners
 * @param inFlightWindow how long a claimed-but-unconfirmed email counts as "being sent right now" by another
 *                       consumer; after it, the claim is taken as left behind by a crash mid-send. Must exceed
 *                       the longest possible SMTP exchange (connection + read + write timeouts, a few times over)
 * @param smtpIdleConnections SMTP connections kept open between emails (0: one connection per email)
 * @param smtpIdleTimeout     how long an open SMTP connection may sit unused and still be reused; keep it below the
 *                            server's own idle limit (often 60 s to 5 min)
 */
@ConfigurationProperties(prefix = "switchboard.notifier")
public record NotifierProperties(
        @DefaultValue("Switchboard <no-reply@switchboard.local>") String from,
        @DefaultValue("support@switchboard.local") String supportEmail,
        @DefaultValue("Switchboard") String productName,
        @DefaultValue("") String dashboardUrl,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("5m") Duration inFlightWindow,
        @DefaultValue("4") int smtpIdleConnections,
        @DefaultValue("30s") Duration smtpIdleTimeout) {
}
