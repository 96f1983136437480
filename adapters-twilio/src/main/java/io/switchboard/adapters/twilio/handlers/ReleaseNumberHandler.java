package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Releases a number by SID. Idempotent: a number Twilio no longer knows (404 / 20404) counts as released. */
public class ReleaseNumberHandler implements CommandHandler<ReleaseNumber> {
    private static final Logger log = LoggerFactory.getLogger(ReleaseNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;

    public ReleaseNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers) {
        this.accounts = accounts;
        this.numbers = numbers;
    }

    @Override
    public Reply handle(ReleaseNumber command, CommandContext context) {
        if (command.numberSid() == null || command.numberSid().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "numberSid is required to release a number", false,
                    FailureReplies.PROVIDER, null);
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        try {
            boolean released = numbers.release(account, command.numberSid());
            log.info("Released Twilio number {} sid={} alreadyReleased={}", command.phoneNumber(), command.numberSid(), !released);
            return new NumberReleased(command.numberSid(), !released);
        } catch (TwilioFailure e) {
            log.warn("Releasing {} failed: {} {} {}", command.numberSid(), e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio number release failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }
}
