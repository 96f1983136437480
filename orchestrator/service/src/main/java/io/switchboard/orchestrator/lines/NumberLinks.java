package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.aiconfig.AiConfig;

import java.util.Optional;

/** Which lines' numbers can be linked to another assistant, asked by the API up front and by the intake at its turn. */
public final class NumberLinks {
    private NumberLinks() {
    }

    /** Why the line's number cannot be re-bound now, or empty when it can. */
    public static Optional<String> whyNotLinkable(AiConfig config) {
        if (config.numberSid() == null || config.vapiPhoneNumberId() == null) {
            // A free VAPI number has no Twilio number behind it: its update is another branch of the document's
            // update body, which the VAPI worker does not send yet.
            return Optional.of("only a Twilio number registered with VAPI can be linked (a free VAPI number cannot "
                    + "yet)");
        }
        if (!AiConfig.ACTIVE.equals(config.status())) {
            return Optional.of("the line is " + config.status() + "; a number can be linked while the line is active");
        }
        return Optional.empty();
    }
}
