package io.switchboard.adapters.vapi.handlers;

import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Removes a number's VAPI registration (the Twilio number itself is released by the Twilio worker) if it is the
 * command's organization's; one VAPI no longer knows counts as deleted.
 */
public class DeletePhoneNumberRegistrationHandler implements CommandHandler<DeletePhoneNumberRegistration> {
    private final VapiPhoneNumbers phoneNumbers;

    public DeletePhoneNumberRegistrationHandler(VapiPhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    @Override
    public Reply handle(DeletePhoneNumberRegistration command, CommandContext context) {
        if (command.vapiPhoneNumberId() == null || command.vapiPhoneNumberId().isBlank()) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "vapiPhoneNumberId is required", false, FailureReplies.PROVIDER, null);
        }
        try {
            boolean deleted = phoneNumbers.delete(command.orgId(), command.vapiPhoneNumberId());
            return new PhoneNumberRegistrationDeleted(command.vapiPhoneNumberId(), !deleted);
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI phone number deletion failed");
        }
    }
}
