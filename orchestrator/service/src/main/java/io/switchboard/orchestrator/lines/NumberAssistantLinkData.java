package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.PhoneNumberRegistered;

/**
 * What the {@code number-assistant-link} saga knows: the line's number, the assistant it is to be bound to and the
 * one it was bound to (the undo binds it back there).
 */
public record NumberAssistantLinkData(String orgId, String orgName, String numberId, String phoneNumber,
                                      String numberSid, String twilioCredentialId, String vapiPhoneNumberId,
                                      String previousAssistantId, String assistantId) {

    NumberAssistantLinkData withRegistration(PhoneNumberRegistered reply) {
        return new NumberAssistantLinkData(orgId, orgName, numberId, phoneNumber, numberSid, twilioCredentialId,
                reply.vapiPhoneNumberId(), previousAssistantId, assistantId);
    }
}
