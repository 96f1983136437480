package io.switchboard.adapters.vapi.handlers;

import java.util.Optional;

import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.FailureReplies;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.adapters.vapi.phonenumbers.FreeVapiNumbers;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;

import java.util.Locale;

/**
 * Gets a free VAPI number bound to the assistant (or adopts the one an earlier delivery got). Replies at once,
 * usually with status {@code activating}: the digits come later and are polled for by the saga.
 */
public class CreateFreePhoneNumberHandler implements CommandHandler<CreateFreePhoneNumber> {
    private final FreeVapiNumbers numbers;

    public CreateFreePhoneNumberHandler(FreeVapiNumbers numbers) {
        this.numbers = numbers;
    }

    /** The free number an earlier delivery got (its answer lost with its worker), looked up, never created. */
    @Override
    public Optional<Reply> earlierEffect(CreateFreePhoneNumber command, CommandContext context) {
        return numbers.earlierCreation(command).map(n -> new FreePhoneNumberCreated(n.id(), n.status()));
    }

    @Override
    public Reply handle(CreateFreePhoneNumber command, CommandContext context) {
        if (command.areaCode() != null && !command.areaCode().matches("\\d{3}")) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "free VAPI numbers take a 3-digit US area code, got '"
                    + command.areaCode() + "'", false, FailureReplies.PROVIDER, null);
        }
        try {
            VapiDtos.PhoneNumber number = numbers.findOrCreate(command, context.sagaId());
            return new FreePhoneNumberCreated(number.id(), number.status());
        } catch (VapiFailure e) {
            if (isFreeNumberLimit(e)) {
                // Final: repeating cannot help until someone deletes a free number or the saga uses Twilio instead.
                return new StepFailed(StepFailed.FREE_NUMBER_LIMIT, "VAPI refused another free number: "
                        + e.getMessage(), false, FailureReplies.PROVIDER, e.providerCode());
            }
            return FailureReplies.of(e, "VAPI free number creation failed");
        } catch (RuntimeException e) {
            return FailureReplies.of(e, "VAPI free number creation failed");
        }
    }

    /** VAPI answers 400 with a message naming the limit ("… up to 5 free Vapi phone numbers"). */
    static boolean isFreeNumberLimit(VapiFailure e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.kind() == VapiFailure.Kind.INVALID && message.contains("free") && message.contains("limit");
    }
}
