package io.switchboard.orchestrator.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a cleanup did to each of the organization's resources, as the documents' clients read it from
 * {@code GET …/requests/{id}}. Each flag is true once that resource no longer belongs to the line: its step
 * succeeded, or was skipped because there was nothing to remove; false while the step has not run yet, or failed
 * (the saga's steps say why).
 *
 * @param phoneNumberOutcome what happened to the number: {@code released} (at Twilio), {@code returned_to_pool},
 *                           {@code handed_back} (a trial account's own number, back to the account),
 *                           {@code kept_in_organization_account} (a number the organization brought: never
 *                           released), {@code none} (the line had no number), or {@code pending}
 */
public record CleanupResults(
        boolean phoneNumberReleased,
        boolean inboundAssistantDeleted,
        boolean outboundAssistantDeleted,
        boolean vapiPhoneNumberDeleted,
        boolean configDeleted,
        String phoneNumberOutcome) {

    private static final Set<String> DONE = Set.of("SUCCEEDED", "SKIPPED");
    private static final List<String> NUMBER_STEPS = List.of("hand-back-trial-number", "hand-number-to-pool",
            "return-number-to-pool", "release-number");

    /**
     * @param steps           the cleanup saga's steps
     * @param organizationOwn the line's number is one the organization brought (nothing is done to it)
     */
    static CleanupResults of(List<SagaResponse.Step> steps, boolean organizationOwn) {
        Map<String, String> status = steps.stream().filter(s -> "ACTION".equals(s.direction()))
                .collect(Collectors.toMap(SagaResponse.Step::name, SagaResponse.Step::status, (a, b) -> b));
        // release-number is the last of the number steps: once it is done (run or skipped) so are the others.
        boolean numberGone = NUMBER_STEPS.stream().allMatch(name -> !status.containsKey(name) || done(status, name))
                && done(status, "release-number");
        return new CleanupResults(numberGone, done(status, "delete-inbound-assistant"),
                done(status, "delete-outbound-assistant"), done(status, "delete-vapi-registration"),
                done(status, "delete-ai-config"), numberOutcome(status, numberGone, organizationOwn));
    }

    private static String numberOutcome(Map<String, String> status, boolean numberGone, boolean organizationOwn) {
        if (!numberGone) {
            return "pending";
        } else if ("SUCCEEDED".equals(status.get("release-number"))) {
            return "released";
        } else if ("SUCCEEDED".equals(status.get("return-number-to-pool"))) {
            return "returned_to_pool";
        } else if ("SUCCEEDED".equals(status.get("hand-back-trial-number"))) {
            return "handed_back";
        }
        return organizationOwn ? "kept_in_organization_account" : "none";
    }

    private static boolean done(Map<String, String> status, String step) {
        String value = status.get(step);
        return value != null && DONE.contains(value);
    }
}
