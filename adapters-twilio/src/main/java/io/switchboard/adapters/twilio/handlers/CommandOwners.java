package io.switchboard.adapters.twilio.handlers;

import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.replies.StepFailed;

import java.util.Optional;

/**
 * A command acts for its own organization (or for the pool) only: an organization named as an owner must be the
 * command's. A misaddressed command — another organization's id in its owner fields — is refused before Twilio is
 * called.
 */
final class CommandOwners {
    private CommandOwners() {
    }

    static Optional<StepFailed> refuseForeign(String commandOrgId, NumberOwner... owners) {
        for (NumberOwner owner : owners) {
            if (owner == null) {
                return Optional.of(invalid("the command names no owner"));
            }
            if (owner.kind() == NumberOwner.Kind.ORGANIZATION && !owner.orgId().equals(commandOrgId)) {
                return Optional.of(invalid("a command of organization " + commandOrgId + " cannot act for "
                        + owner.describe()));
            }
        }
        return Optional.empty();
    }

    private static StepFailed invalid(String message) {
        return new StepFailed(StepFailed.INVALID_REQUEST, message, false, FailureReplies.PROVIDER, null);
    }
}
