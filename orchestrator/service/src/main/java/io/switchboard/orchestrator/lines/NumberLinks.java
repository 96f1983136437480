package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.aiconfig.AiConfig;

import java.util.Optional;

/**
 * Which lines' numbers can be linked to another assistant, asked by the API up front and by the intake at its turn.
 */
public final class NumberLinks {
    private NumberLinks() {
    }

    /** The id the tenant API shows for the line's number: its Twilio SID, else its VAPI id (a free VAPI number). */
    public static Optional<String> numberIdOf(AiConfig config) {
        return Optional.ofNullable(config.numberSid() != null ? config.numberSid() : config.vapiPhoneNumberId());
    }

    /** Why the line's number cannot be re-bound now, or empty when it can. */
    public static Optional<String> whyNotLinkable(AiConfig config) {
        if (config.vapiPhoneNumberId() == null) {
            return Optional.of("the number has no VAPI registration");
        }
        if (!AiConfig.ACTIVE.equals(config.status())) {
            return Optional.of("the line is " + config.status() + "; a number can be linked while the line is active");
        }
        return Optional.empty();
    }
}
