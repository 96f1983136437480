package io.switchboard.orchestrator.batches;

/**
 * Which organizations a batch acts on when it names no {@code orgIds}: every organization the orchestrator knows (a
 * line in {@code ai_config}, or upstream's word in {@code organization}) matching all the members given.
 *
 * @param lineStatus         the line's status ({@code active}, {@code inactive}, {@code activation_pending},
 *                           {@code deactivating}), or {@code none} for organizations without a line
 * @param hasNumber          whether the line has a number (a Twilio SID, a free VAPI number or its registration)
 * @param organizationStatus upstream's latest {@code OrganizationApproved} status ({@code verified}, …)
 * @param inboundAi          upstream's latest {@code inboundAi} word
 * @param setupBefore        an ISO instant: lines set up before it
 * @param orgIdPrefix        organization ids starting with this
 */
public record BatchFilter(String lineStatus, Boolean hasNumber, String organizationStatus, Boolean inboundAi,
                          String setupBefore, String orgIdPrefix) {

    boolean empty() {
        return lineStatus == null && hasNumber == null && organizationStatus == null && inboundAi == null
                && setupBefore == null && orgIdPrefix == null;
    }
}
