package io.switchboard.contracts.events;

/**
 * An organization was approved by the admin service. The first approval of a verified organization starts the
 * onboarding saga; later ones start nothing and the existing setup is reported.
 *
 * @param orgId       stable organization id (also the Kafka key)
 * @param orgName     display name; assistants are named "{orgName} inbound" / "{orgName} outbound"
 * @param ownerEmail  where the approval or failure email goes
 * @param status      verification status; only {@code verified} starts onboarding
 * @param country     ISO 3166-1 alpha-2 country for the phone number, e.g. {@code US}
 * @param areaCode    preferred area code (3 digits, US/CA) or {@code null} for any
 * @param twilioCredentialId id of the organization's own stored Twilio credential, or {@code null} for the platform account
 * @param numberSource where the number comes from ({@link NumberSources}; optional, added compatibly to v1):
 *                     {@code pool_first} (default), {@code force_twilio}, {@code own_number}, {@code vapi_free},
 *                     {@code none} (assistants only)
 * @param ownNumber    with {@code own_number}: a Phone Number SID ({@code PN…}) or E.164 number in the organization's
 *                     own Twilio account ({@code twilioCredentialId}), or {@code any} for any number no line uses
 */
public record OrganizationApproved(
        String orgId,
        String orgName,
        String ownerEmail,
        String status,
        String country,
        String areaCode,
        String twilioCredentialId,
        String numberSource,
        String ownNumber) implements OrganizationEvent {

    public static final String TYPE = "io.switchboard.org.OrganizationApproved.v1";
    public static final String STATUS_VERIFIED = "verified";

    /** The event as it was before the number options existed. */
    public OrganizationApproved(String orgId, String orgName, String ownerEmail, String status, String country,
                                String areaCode, String twilioCredentialId) {
        this(orgId, orgName, ownerEmail, status, country, areaCode, twilioCredentialId, null, null);
    }

    /** The number source asked for ({@code ownNumber} alone implies {@code own_number}), or {@code null}. */
    public String effectiveNumberSource() {
        return NumberSources.effective(numberSource, ownNumber);
    }

    public boolean verified() {
        return STATUS_VERIFIED.equalsIgnoreCase(status);
    }
}
