package io.switchboard.notifier.email;

import io.switchboard.contracts.replies.StepFailed;
import jakarta.mail.SendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what an SMTP failure means for the saga. Connection problems, timeouts and temporary (4xx) answers are
 * retryable; a recipient the server rejects for good (5xx on RCPT TO) or an email that cannot be built is not, and
 * neither is a login the server refuses: retrying a wrong password for minutes helps no one.
 * Messages are Jakarta Mail's and the server's own texts, which never contain the configured password.
 */
public final class SmtpFailures {
    public static final String PROVIDER = "smtp";
    private static final int MAX_MESSAGE = 300;
    /** Jakarta Mail's SMTP exceptions carry the server's reply line, which starts with its 3-digit reply code. */
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

    private SmtpFailures() {
    }

    public static StepFailed toStepFailed(MailException failure) {
        if (failure instanceof MailAuthenticationException) {
            return new StepFailed(StepFailed.AUTHENTICATION_FAILED,
                    "SMTP server refused the configured credentials: " + describe(failure), false, PROVIDER, null);
        }
        if (failure instanceof MailPreparationException) {
            return new StepFailed(StepFailed.INVALID_REQUEST, describe(failure), false, PROVIDER, null);
        }
        Throwable cause = sendCause(failure);
        // Jakarta Mail lists a recipient as "invalid" only when the server refused it for good (5xx to RCPT TO).
        if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                && refused.getInvalidAddresses().length > 0) {
            Throwable detail = refused.getNextException() != null ? refused.getNextException() : refused;
            return new StepFailed(StepFailed.INVALID_REQUEST, "SMTP server rejected the recipient: " + describe(detail),
                    false, PROVIDER, replyCode(detail));
        }
        String code = cause == null ? null : replyCode(cause);
        if (hasCause(failure, SocketTimeoutException.class)) {
            return new StepFailed(StepFailed.TIMEOUT, "SMTP server timed out: " + describe(failure), true, PROVIDER, code);
        }
        return new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "SMTP send failed: " + describe(failure), true, PROVIDER, code);
    }

    /** The exception Jakarta Mail reported for our (only) message. */
    private static Throwable sendCause(MailException failure) {
        if (failure instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            return send.getFailedMessages().values().iterator().next();
        }
        return failure.getCause();
    }

    private static String replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher matcher = REPLY_CODE.matcher(t.getMessage() == null ? "" : t.getMessage());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** Jakarta Mail chains exceptions through {@code getCause()} (its "next exception"), so walking causes suffices. */
    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        if (failure instanceof MailSendException send) {
            return send.getFailedMessages().values().stream().anyMatch(e -> hasCause(e, type));
        }
        return false;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
