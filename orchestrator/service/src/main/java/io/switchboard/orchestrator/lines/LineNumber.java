package io.switchboard.orchestrator.lines;

import java.time.Instant;
import java.util.UUID;

/**
 * One of an organization's numbers beyond its line's own ({@code line_number}): registered at VAPI, bound to one of the
 * organization's assistants.
 *
 * @param source             {@code PURCHASED}, {@code POOLED} or {@code ORGANIZATION_OWNED} (as {@link LineData})
 * @param twilioCredentialId the organization's own Twilio account holding it; {@code null}: the platform's
 * @param assistantId        the assistant VAPI routes its calls to
 * @param status             {@link #ACTIVE}, or {@link #REMOVING} from the moment a remove-number saga took it on
 */
public record LineNumber(String numberSid, String orgId, String phoneNumber, String source, String twilioCredentialId,
                         String country, String vapiPhoneNumberId, String assistantId, String status,
                         UUID createdBySaga, Instant createdAt) {
    public static final String ACTIVE = "active";
    public static final String REMOVING = "removing";

    /** The number as the remove-number saga sees it: a line of its own, with nothing but this number. */
    public LineData asLineData(String orgName, String ownerEmail) {
        return new LineData(orgId, orgName, ownerEmail, country, null, twilioCredentialId, phoneNumber, numberSid,
                source, false, vapiPhoneNumberId, assistantId, null, false, null, null, null);
    }
}
