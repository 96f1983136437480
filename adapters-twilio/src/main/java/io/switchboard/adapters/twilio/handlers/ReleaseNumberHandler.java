package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Releases a number by SID — only after reading its owner tag: the number must be the releasing owner's (the
 * command's organization, or the pool), or predate owner tags. Another organization's number, a trial account's own
 * number, or one Switchboard did not tag is never released ({@code OWNED_BY_ANOTHER_ORGANIZATION}), so a
 * misaddressed or forged command cannot take someone's line away. Idempotent: a number Twilio no longer knows
 * (404 / 20404) counts as released.
 * <p>
 * Reading and deleting are two calls (Twilio has no conditional delete); nothing re-tags a number between them,
 * because the orchestrator runs one saga per organization at a time and moves pool numbers under a row lock.
 */
public class ReleaseNumberHandler implements CommandHandler<ReleaseNumber> {
    private static final Logger log = LoggerFactory.getLogger(ReleaseNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;
    private final String legacyTagPrefix;

    public ReleaseNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers, String legacyTagPrefix) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.legacyTagPrefix = legacyTagPrefix;
    }

    @Override
    public Reply handle(ReleaseNumber command, CommandContext context) {
        if (command.numberSid() == null || command.numberSid().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "numberSid is required to release a number", false,
                    FailureReplies.PROVIDER, null);
        }
        NumberOwner owner = command.ownerOrOrganization();
        Optional<StepFailed> misaddressed = CommandOwners.refuseForeign(command.orgId(), owner);
        if (misaddressed.isPresent()) {
            return misaddressed.get();
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        try {
            return release(command, owner, account);
        } catch (TwilioFailure e) {
            log.warn("Releasing {} failed: {} {} {}", command.numberSid(), e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio number release failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }

    private Reply release(ReleaseNumber command, NumberOwner owner, TwilioAccount account) {
        Optional<OwnedNumber> found = numbers.fetch(account, command.numberSid());
        if (found.isEmpty()) {
            log.info("Twilio number {} sid={} is already released", command.phoneNumber(), command.numberSid());
            return new NumberReleased(command.numberSid(), true);
        }
        OwnedNumber number = found.get();
        Optional<StepFailed> otherNumber = NumberIdentity.mismatch(command.phoneNumber(), number);
        if (otherNumber.isPresent()) {
            return otherNumber.get();
        }
        OwnerTag tag = OwnerTag.parse(number.friendlyName(), legacyTagPrefix);
        if (!tag.releasableBy(owner)) {
            log.warn("Refusing to release {} sid={} for {}: its tag names {}", number.phoneNumber(), number.sid(),
                    owner.describe(), tag.describe());
            return FailureReplies.ownedByAnother("Not releasing " + number.phoneNumber() + " (" + number.sid()
                    + ") for " + owner.describe() + ": it belongs to " + tag.describe());
        }
        boolean released = numbers.release(account, number.sid());
        log.info("Released Twilio number {} sid={} for {} alreadyReleased={}", number.phoneNumber(), number.sid(),
                owner.describe(), !released);
        return new NumberReleased(number.sid(), !released);
    }
}
