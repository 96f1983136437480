package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.ClaimOwnNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Brings a number the organization already owns, in its own Twilio account, to its line:
 * <ol>
 *   <li>a number already tagged for this request is the answer (an earlier delivery claimed it);</li>
 *   <li>otherwise the number named by SID or E.164 — or, for "any", the first of the account's numbers no line uses
 *       — must be in the account ({@code NUMBER_NOT_IN_ACCOUNT}) and serve no other line: Switchboard never tagged
 *       it, it was handed back, or this organization brought it before ({@code NUMBER_IN_USE} otherwise; the
 *       message names whom it serves);</li>
 *   <li>it is tagged {@code sb/own/<org>/<request>} and answered as {@code ORGANIZATION_OWNED}.</li>
 * </ol>
 * Nothing is bought, released or moved from another owner. The tag keeps every later release, pool hand-over or
 * another organization's claim away from it ({@link OwnerTag#releasableBy}, {@link OwnerTag#bringableBy}).
 */
public class ClaimOwnNumberHandler implements CommandHandler<ClaimOwnNumber> {
    private static final Logger log = LoggerFactory.getLogger(ClaimOwnNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;
    private final String legacyTagPrefix;

    public ClaimOwnNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers, String legacyTagPrefix) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.legacyTagPrefix = legacyTagPrefix;
    }

    @Override
    public Reply handle(ClaimOwnNumber command, CommandContext context) {
        if (command.twilioCredentialId() == null || command.twilioCredentialId().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "A number the organization brings lives in its own Twilio "
                    + "account: the command needs its twilioCredentialId", false, FailureReplies.PROVIDER, null);
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        try {
            return claim(command, account);
        } catch (TwilioFailure e) {
            log.warn("Claiming the organization's own number failed: {} {} {}", e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio look-up of the organization's own number failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }

    private Reply claim(ClaimOwnNumber command, TwilioAccount account) {
        String tag = OwnerTag.broughtBy(command.orgId(), command.requestId()).friendlyName();
        Optional<OwnedNumber> claimed = numbers.findByTag(account, tag);
        if (claimed.isPresent()) {
            log.info("Number {} sid={} was brought for this request already", claimed.get().phoneNumber(), claimed.get().sid());
            return brought(claimed.get());
        }
        Optional<OwnedNumber> found;
        String wanted;
        if (!command.anyUnassigned() && command.numberSid() != null && !command.numberSid().isBlank()) {
            wanted = command.numberSid();
            found = numbers.fetch(account, command.numberSid())
                    .filter(n -> command.phoneNumber() == null || command.phoneNumber().equals(n.phoneNumber()));
        } else if (!command.anyUnassigned()) {
            wanted = command.phoneNumber();
            found = numbers.allOwned(account).stream().filter(n -> command.phoneNumber().equals(n.phoneNumber())).findFirst();
        } else {
            wanted = "any number no line uses";
            List<OwnedNumber> owned = numbers.allOwned(account);
            found = owned.stream().filter(n -> tagOf(n).bringableBy(command.orgId())).findFirst();
            if (found.isEmpty()) {
                return new StepFailed(StepFailed.NUMBER_NOT_IN_ACCOUNT, "None of the " + owned.size() + " numbers of the "
                        + "organization's Twilio account is free: each serves a line", false, FailureReplies.PROVIDER, null);
            }
        }
        if (found.isEmpty()) {
            log.warn("The organization's Twilio account holds no number {}", wanted);
            return new StepFailed(StepFailed.NUMBER_NOT_IN_ACCOUNT, "The organization's Twilio account holds no number "
                    + wanted + "; bring a number of that account (its SID or E.164 number), or 'any'", false,
                    FailureReplies.PROVIDER, null);
        }
        OwnedNumber number = found.get();
        OwnerTag current = tagOf(number);
        if (!current.bringableBy(command.orgId())) {
            log.warn("Not bringing {} sid={} to {}'s line: it serves {}", number.phoneNumber(), number.sid(),
                    command.orgId(), current.describe());
            return new StepFailed(StepFailed.NUMBER_IN_USE, "Number " + number.phoneNumber() + " (" + number.sid()
                    + ") already serves " + current.describe() + "; it is not taken from that line", false,
                    FailureReplies.PROVIDER, null);
        }
        numbers.retag(account, number.sid(), tag);
        log.info("Organization {} brought its own number {} sid={} (was: {})", command.orgId(), number.phoneNumber(),
                number.sid(), current.describe());
        return brought(number);
    }

    private OwnerTag tagOf(OwnedNumber number) {
        return OwnerTag.parse(number.friendlyName(), legacyTagPrefix);
    }

    private static NumberAcquired brought(OwnedNumber number) {
        return new NumberAcquired(number.phoneNumber(), number.sid(), NumberAcquired.Source.ORGANIZATION_OWNED);
    }
}
