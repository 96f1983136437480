package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Binds an organization's VAPI phone number to another of its assistants, after checking both are the
 * organization's ({@code OWNED_BY_ANOTHER_ORGANIZATION} otherwise, nothing changed).
 */
public class BindPhoneNumberHandler implements CommandHandler<BindPhoneNumber> {
    private final VapiPhoneNumbers phoneNumbers;

    public BindPhoneNumberHandler(VapiPhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    @Override
    public Reply handle(BindPhoneNumber command, CommandContext context) {
        if (blank(command.vapiPhoneNumberId()) || blank(command.assistantId())) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "vapiPhoneNumberId and assistantId are required", false,
                    FailureReplies.PROVIDER, null);
        }
        try {
            VapiDtos.PhoneNumber bound = phoneNumbers.bind(command.orgId(), command.vapiPhoneNumberId(),
                    command.assistantId());
            return new PhoneNumberRegistered(bound.id(), bound.number() != null ? bound.number() : bound.sipUri(),
                    bound.assistantId());
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI phone number re-binding failed");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
