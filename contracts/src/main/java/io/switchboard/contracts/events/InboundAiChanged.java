package io.switchboard.contracts.events;

/**
 * The organization's {@code inboundAi} setting changed. {@code true} gives it a working line (reusing existing
 * assistants), {@code false} takes the line away (assistants are kept).
 * <p>
 * Every field after {@code inboundAi} is optional (added compatibly to v1). They matter for {@code true} only:
 * an organization that never had a setup gets one (both assistants and a number), named and emailed with
 * {@code orgName}/{@code ownerEmail} — or with what its earlier {@code OrganizationApproved} said; without either
 * the event starts nothing and says why on {@code switchboard.saga-events.v1}.
 *
 * @param orgName            display name, as in {@link OrganizationApproved#orgName()}
 * @param ownerEmail         where the approval or failure email goes
 * @param country            ISO 3166-1 alpha-2 country for a new number
 * @param areaCode           preferred area code (3 digits)
 * @param twilioCredentialId the organization's own stored Twilio credential
 * @param numberSource       where the number comes from ({@link NumberSources}); {@code null} = the line's earlier
 *                           choice, else the default
 * @param ownNumber          with {@code own_number}: a Phone Number SID or E.164 number of the organization's own
 *                           Twilio account, or {@code any}
 */
public record InboundAiChanged(
        String orgId,
        boolean inboundAi,
        String orgName,
        String ownerEmail,
        String country,
        String areaCode,
        String twilioCredentialId,
        String numberSource,
        String ownNumber) implements OrganizationEvent {
    public static final String TYPE = "io.switchboard.org.InboundAiChanged.v1";

    /** The event as it was before the optional fields existed. */
    public InboundAiChanged(String orgId, boolean inboundAi) {
        this(orgId, inboundAi, null, null, null, null, null, null, null);
    }

    /** The number source asked for ({@code ownNumber} alone implies {@code own_number}), or {@code null}. */
    public String effectiveNumberSource() {
        return NumberSources.effective(numberSource, ownNumber);
    }
}
