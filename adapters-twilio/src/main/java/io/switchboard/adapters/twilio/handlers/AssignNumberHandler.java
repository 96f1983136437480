package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.replies.NumberAssigned;
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
 * Re-tags a number from its expected owner to a new one (compare-and-set on the FriendlyName), changing nothing
 * else about it:
 * <ul>
 *   <li>tag already names the new owner: answered as assigned, nothing written (a repeated command);</li>
 *   <li>tag names the expected owner, or predates owner tags: re-tagged for the new owner by this request;</li>
 *   <li>anything else: refused, {@code OWNED_BY_ANOTHER_ORGANIZATION}, not retryable.</li>
 * </ul>
 * Read and write are two calls (Twilio has no conditional update); as for releases, the orchestrator keeps a number
 * from being moved by two sagas at once.
 */
public class AssignNumberHandler implements CommandHandler<AssignNumber> {
    private static final Logger log = LoggerFactory.getLogger(AssignNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;
    private final String legacyTagPrefix;

    public AssignNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers, String legacyTagPrefix) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.legacyTagPrefix = legacyTagPrefix;
    }

    @Override
    public Reply handle(AssignNumber command, CommandContext context) {
        if (command.numberSid() == null || command.numberSid().isBlank()) {
            return invalid("numberSid is required to re-tag a number");
        }
        Optional<StepFailed> misaddressed = CommandOwners.refuseForeign(command.orgId(), command.expectedOwner(),
                command.newOwner());
        if (misaddressed.isPresent()) {
            return misaddressed.get();
        }
        if (command.expectedOwner().equals(command.newOwner())) {
            return invalid("expectedOwner and newOwner are both " + command.newOwner().describe());
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        try {
            return assign(command, account);
        } catch (TwilioFailure e) {
            log.warn("Re-tagging {} failed: {} {} {}", command.numberSid(), e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio number re-tag failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }

    private Reply assign(AssignNumber command, TwilioAccount account) {
        Optional<OwnedNumber> found = numbers.fetch(account, command.numberSid());
        if (found.isEmpty()) {
            return invalid("Twilio has no number " + command.numberSid() + " in this account (released?)");
        }
        OwnedNumber number = found.get();
        Optional<StepFailed> otherNumber = NumberIdentity.mismatch(command.phoneNumber(), number);
        if (otherNumber.isPresent()) {
            return otherNumber.get();
        }
        OwnerTag current = OwnerTag.parse(number.friendlyName(), legacyTagPrefix);
        if (current.names(command.newOwner())) {
            log.info("Twilio number {} sid={} already belongs to {}", number.phoneNumber(), number.sid(),
                    command.newOwner().describe());
            return new NumberAssigned(number.sid(), number.phoneNumber(), command.newOwner(), true);
        }
        if (current.kind() == OwnerTag.Kind.OWN) {
            // A brought number stays the organization's: it is never pooled or handed to anyone.
            log.warn("Refusing to move {} sid={} to {}: {}", number.phoneNumber(), number.sid(),
                    command.newOwner().describe(), current.describe());
            return FailureReplies.ownedByAnother("Not moving " + number.phoneNumber() + " (" + number.sid() + ") to "
                    + command.newOwner().describe() + ": it belongs to " + current.describe());
        }
        if (!current.names(command.expectedOwner()) && current.kind() != OwnerTag.Kind.LEGACY) {
            log.warn("Refusing to move {} sid={} from {} to {}: its tag names {}", number.phoneNumber(), number.sid(),
                    command.expectedOwner().describe(), command.newOwner().describe(), current.describe());
            return FailureReplies.ownedByAnother("Not moving " + number.phoneNumber() + " (" + number.sid() + ") from "
                    + command.expectedOwner().describe() + " to " + command.newOwner().describe()
                    + ": it belongs to " + current.describe());
        }
        numbers.retag(account, number.sid(), OwnerTag.heldBy(command.newOwner(), command.requestId()).friendlyName());
        log.info("Moved Twilio number {} sid={} from {} to {}", number.phoneNumber(), number.sid(), current.describe(),
                command.newOwner().describe());
        return new NumberAssigned(number.sid(), number.phoneNumber(), command.newOwner(), false);
    }

    private static StepFailed invalid(String message) {
        return new StepFailed(StepFailed.INVALID_REQUEST, message, false, FailureReplies.PROVIDER, null);
    }
}
