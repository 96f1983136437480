package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.replies.PhoneNumberActive;

/**
 * What the {@code free-number-activation} saga knows: an activation-pending line's free VAPI number and, once VAPI
 * shows them, its digits.
 */
public record FreeNumberActivationData(String orgId, String orgName, String ownerEmail, String vapiPhoneNumberId,
                                       String phoneNumber, String setupDate) {

    FreeNumberActivationData withNumber(PhoneNumberActive reply) {
        return new FreeNumberActivationData(orgId, orgName, ownerEmail, vapiPhoneNumberId, reply.reachableAt(),
                setupDate);
    }

    boolean activated() {
        return phoneNumber != null;
    }
}
