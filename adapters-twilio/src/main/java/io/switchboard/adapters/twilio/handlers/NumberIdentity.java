package io.switchboard.adapters.twilio.handlers;

import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.contracts.replies.StepFailed;

import java.util.Optional;

/** A command names a number twice, by SID and by digits; when Twilio's SID holds other digits it is misaddressed. */
final class NumberIdentity {
    private NumberIdentity() {
    }

    static Optional<StepFailed> mismatch(String commandPhoneNumber, OwnedNumber atTwilio) {
        if (commandPhoneNumber == null || commandPhoneNumber.isBlank()
                || commandPhoneNumber.equals(atTwilio.phoneNumber())) {
            return Optional.empty();
        }
        return Optional.of(new StepFailed(StepFailed.INVALID_REQUEST, "Twilio number " + atTwilio.sid() + " is "
                + atTwilio.phoneNumber() + ", not " + commandPhoneNumber + ": the command is misaddressed", false,
                FailureReplies.PROVIDER, null));
    }
}
