package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.adapters.vapi.phonenumbers.FreeVapiNumbers;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Looks once at a VAPI number. The worker never waits for activation itself: "not yet" is a retryable
 * {@code NOT_READY}, and the saga's durable retry timer decides when to ask again and when to give up.
 */
public class CheckPhoneNumberHandler implements CommandHandler<CheckPhoneNumber> {
    private static final String ACTIVE = "active";
    private static final String BLOCKED = "blocked";

    private final FreeVapiNumbers numbers;

    public CheckPhoneNumberHandler(FreeVapiNumbers numbers) {
        this.numbers = numbers;
    }

    @Override
    public Reply handle(CheckPhoneNumber command, CommandContext context) {
        if (command.vapiPhoneNumberId() == null || command.vapiPhoneNumberId().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "vapiPhoneNumberId is required", false, FailureReplies.PROVIDER, null);
        }
        VapiDtos.PhoneNumber number;
        try {
            number = numbers.get(command.vapiPhoneNumberId());
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI phone number lookup failed");
        }
        if (ready(number)) {
            return new PhoneNumberActive(number.id(), number.number(), number.sipUri());
        }
        if (BLOCKED.equals(number.status())) {
            return new StepFailed(StepFailed.NUMBER_BLOCKED, "VAPI number " + number.id() + " is blocked", false,
                    FailureReplies.PROVIDER, null);
        }
        return new StepFailed(StepFailed.NOT_READY, "VAPI number " + number.id() + " is " + number.status()
                + (number.number() == null ? " and has no number yet" : ""), true, FailureReplies.PROVIDER, null);
    }

    /**
     * Active and reachable: by its digits, or by its {@code sipUri}, which VAPI's document describes as callable
     * ("You can SIP INVITE this. The assistant attached to this number will answer"). {@code number} is optional in
     * {@code VapiPhoneNumber}; an activating number is not ready either way ("Calls will not work until activation is
     * complete").
     */
    static boolean ready(VapiDtos.PhoneNumber number) {
        return ACTIVE.equals(number.status()) && (present(number.number()) || present(number.sipUri()));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
