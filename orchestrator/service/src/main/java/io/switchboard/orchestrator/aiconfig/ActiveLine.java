package io.switchboard.orchestrator.aiconfig;

/** Everything a working line consists of, as a saga hands it to the AI config. */
public record ActiveLine(
        String phoneNumber,
        String numberSid,
        String numberSource,
        String vapiPhoneNumberId,
        String inboundAssistantId,
        String outboundAssistantId,
        String country,
        String areaCode,
        String twilioCredentialId) {
}
