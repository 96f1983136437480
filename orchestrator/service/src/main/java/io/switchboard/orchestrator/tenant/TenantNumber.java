package io.switchboard.orchestrator.tenant;

/**
 * One of an organization's numbers as its own token sees it.
 *
 * @param numberId           the id to link it with: the Twilio Phone Number SID, or VAPI's id for a free VAPI number
 * @param phoneNumber        E.164 (empty while a free VAPI number is still activating)
 * @param source             where it came from: {@code PURCHASED}, {@code POOLED}, {@code TRIAL_EXISTING},
 *                           {@code ORGANIZATION_OWNED} (brought from its own Twilio account), {@code VAPI_FREE}
 * @param status             the line's status for its own number ({@code active}, {@code activation_pending},
 *                           {@code deactivating}, …); an added number's: {@code active} or {@code removing}
 * @param assistantId        the assistant VAPI routes its calls to; {@code null} while it has no VAPI registration
 * @param vapiPhoneNumberId  its VAPI registration
 */
public record TenantNumber(String numberId, String phoneNumber, String source, String status, String assistantId,
                           String vapiPhoneNumberId) {
}
