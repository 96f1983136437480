package io.switchboard.notifier.handlers;

import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.notifier.delivery.ClaimOutcome;
import io.switchboard.notifier.delivery.Delivery;
import io.switchboard.notifier.delivery.DeliveryLedger;
import io.switchboard.notifier.delivery.DeliveryStatus;
import io.switchboard.notifier.email.RecipientAddress;
import io.switchboard.notifier.email.RenderedEmail;
import io.switchboard.notifier.email.SmtpFailures;
import io.switchboard.notifier.email.SmtpMailer;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends an email at most once per request id and kind, however often (or concurrently) its command arrives:
 * <ol>
 *   <li>validate the recipient and render the email, so that nothing is claimed for an email that cannot exist;</li>
 *   <li>claim it in the ledger (unique insert); whoever loses the race sends nothing;</li>
 *   <li>send; on failure release the claim so a retry of the step may send; on success mark it SENT.</li>
 * </ol>
 * A claim still PENDING when a command arrives again is either being sent right now by another consumer (younger
 * than the in-flight window: answer "retry later", since that send may still fail) or was left behind by a crash
 * mid-send (older: the email may have gone out, so it is not sent again; reported as a duplicate and logged).
 * <p>
 * One gap is accepted knowingly: a connection lost after the server took the message but before it said so looks
 * like a failed send, so the claim is released and a retry may send a second copy. Keeping such claims would instead
 * lose emails that really failed, which is the worse outcome for an owner waiting for their number.
 */
public class AtMostOnceEmailDelivery {
    private static final Logger log = LoggerFactory.getLogger(AtMostOnceEmailDelivery.class);
    static final String SEND_IN_PROGRESS = "SEND_IN_PROGRESS";

    private final DeliveryLedger ledger;
    private final SmtpMailer mailer;
    private final Clock clock;
    private final Duration inFlightWindow;

    public AtMostOnceEmailDelivery(DeliveryLedger ledger, SmtpMailer mailer, Clock clock, Duration inFlightWindow) {
        this.ledger = ledger;
        this.mailer = mailer;
        this.clock = clock;
        this.inFlightWindow = inFlightWindow;
    }

    public Reply deliver(EmailRequest request, Supplier<RenderedEmail> render) {
        Optional<InternetAddress> recipient = RecipientAddress.parse(request.recipient());
        if (recipient.isEmpty()) {
            log.warn("Not sending {} email: recipient address '{}' is not valid", request.kind().wireName(), request.recipient());
            return new StepFailed(StepFailed.INVALID_REQUEST,
                    "owner email address '" + request.recipient() + "' is not a valid email address",
                    false, "switchboard", null);
        }
        RenderedEmail email = render.get();
        String address = recipient.get().getAddress();
        Delivery claim = Delivery.claim(request.requestId(), request.kind(), request.orgId(), request.sagaId(),
                address, clock.instant());
        ClaimOutcome outcome = ledger.claim(claim);
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            return send(claimed.delivery(), recipient.get(), email);
        }
        return alreadyClaimed(((ClaimOutcome.AlreadyClaimed) outcome).existing());
    }

    private Reply send(Delivery claim, InternetAddress recipient, RenderedEmail email) {
        String messageId;
        try {
            messageId = mailer.send(recipient, email, claim.requestId());
        } catch (MailException e) {
            // If this delete fails too (database gone), the claim stays PENDING and ages into "left by a crash":
            // the email is then never sent, which at-most-once accepts; the warning logged then tells ops.
            ledger.release(claim.requestId(), claim.kind());
            StepFailed failed = SmtpFailures.toStepFailed(e);
            log.warn("Sending {} email to {} failed ({}, retryable={}); claim released: {}", claim.kind().wireName(),
                    claim.recipient(), failed.errorCode(), failed.retryable(), failed.message());
            return failed;
        }
        try {
            ledger.markSent(claim.requestId(), claim.kind(), messageId, clock.instant());
        } catch (DataAccessException e) {
            // The email is out; the claim stays PENDING and a redelivery will not send it again. Say it went out.
            log.error("Sent {} email to {} (Message-ID {}) but could not mark it SENT; the PENDING claim still "
                    + "prevents a second send", claim.kind().wireName(), claim.recipient(), messageId, e);
        }
        log.info("Sent {} email to {} (Message-ID {})", claim.kind().wireName(), claim.recipient(), messageId);
        return new EmailSent(claim.kind().wireName(), claim.recipient(), false);
    }

    private Reply alreadyClaimed(Delivery existing) {
        String kind = existing.kind().wireName();
        if (existing.status() == DeliveryStatus.SENT) {
            log.info("{} email for request {} was already sent at {} (Message-ID {}); not sending again",
                    kind, existing.requestId(), existing.sentAt(), existing.messageId());
            return new EmailSent(kind, existing.recipient(), true);
        }
        Instant inFlightUntil = existing.claimedAt().plus(inFlightWindow);
        if (clock.instant().isBefore(inFlightUntil)) {
            log.info("{} email for request {} is being sent by another consumer (claimed at {}); asking to retry",
                    kind, existing.requestId(), existing.claimedAt());
            return new StepFailed(SEND_IN_PROGRESS, "the " + kind + " email is being sent by another consumer right now",
                    true, "switchboard", null);
        }
        log.warn("{} email for request {} to {} was claimed at {} but never confirmed: the process probably died "
                        + "mid-send. Not sending again (at most once); check the mailbox or SMTP logs if in doubt",
                kind, existing.requestId(), existing.recipient(), existing.claimedAt());
        return new EmailSent(kind, existing.recipient(), true);
    }
}
