package io.switchboard.adapters.vapi.handlers;

import java.util.Optional;

import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

/**
 * Imports the organization's Twilio number into VAPI bound to the assistant, or adopts (and if needed re-binds)
 * the organization's own registration the number already has. The reply carries ids only, never the Twilio
 * credentials.
 */
public class RegisterPhoneNumberHandler implements CommandHandler<RegisterPhoneNumber> {
    private final TwilioAccounts accounts;
    private final VapiPhoneNumbers phoneNumbers;

    public RegisterPhoneNumberHandler(TwilioAccounts accounts, VapiPhoneNumbers phoneNumbers) {
        this.accounts = accounts;
        this.phoneNumbers = phoneNumbers;
    }

    /** The registration an earlier delivery made (its answer lost with its worker), looked up, never made. */
    @Override
    public Optional<Reply> earlierEffect(RegisterPhoneNumber command, CommandContext context) {
        if (command.phoneNumber() == null || !command.phoneNumber().startsWith("+")) {
            return Optional.empty();
        }
        return phoneNumbers.earlierRegistration(command)
                .map(p -> new PhoneNumberRegistered(p.id(), command.phoneNumber(), p.assistantId()));
    }

    @Override
    public Reply handle(RegisterPhoneNumber command, CommandContext context) {
        if (command.phoneNumber() == null || !command.phoneNumber().startsWith("+")) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "phoneNumber must be E.164 (+country code), got '"
                    + command.phoneNumber() + "'", false, FailureReplies.PROVIDER, null);
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        try {
            VapiDtos.PhoneNumber registered = phoneNumbers.register(command, context.sagaId(), account);
            return new PhoneNumberRegistered(registered.id(), command.phoneNumber(), registered.assistantId());
        } catch (RuntimeException e) {
            StepFailed failed = FailureReplies.of(e, "VAPI phone number registration failed");
            // Defence in depth: whatever VAPI echoed back, the Twilio token never leaves in a reply.
            return new StepFailed(failed.errorCode(), account.redact(failed.message()), failed.retryable(),
                    failed.provider(), failed.providerCode());
        }
    }
}
