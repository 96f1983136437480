package io.switchboard.orchestrator.batches;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.orchestrator.intake.OpsRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a batch does to each organization. Every kind queues, per organization, the request that asks for it (an
 * {@link InboundAiChanged}, or for {@code update-assistants} an {@link OpsRequest.UpdateAssistants}), in the
 * organization's own queue of events and requests: so an item never runs beside another saga of the organization,
 * and the intake's {@code SagaLauncher} decides it when its turn comes exactly as it decides upstream's events.
 */
public enum BatchKind {
    /**
     * Lines without a number — set up with {@code numberSource: none}, or turned off — get one: the line is turned
     * on, its number chosen as {@code options.numberSource} says (default: the pool first, then Twilio). An
     * organization upstream switched off ({@code InboundAiChanged(false)} its latest word) is skipped.
     */
    ASSIGN_NUMBERS("assign-numbers", true),
    INBOUND_AI_ON("inbound-ai-on", true),
    INBOUND_AI_OFF("inbound-ai-off", false),
    /**
     * Every assistant of the line moves to the organization's effective template version (its pin, else the default
     * template; latest unless the pin names a version), by an {@code assistant-template-update} saga. An organization
     * whose assistants already run that version, or without a line or assistants, is skipped.
     */
    UPDATE_ASSISTANTS("update-assistants", false);

    private final String slug;
    private final boolean inboundAi;

    BatchKind(String slug, boolean inboundAi) {
        this.slug = slug;
        this.inboundAi = inboundAi;
    }

    public String slug() {
        return slug;
    }

    public static Optional<BatchKind> of(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }

    public static List<String> slugs() {
        return Arrays.stream(values()).map(BatchKind::slug).toList();
    }

    /** The request queued for one organization: an {@link InboundAiChanged} or an {@link OpsRequest}. */
    Object eventFor(String orgId, BatchOptions options) {
        if (this == UPDATE_ASSISTANTS) {
            return options == null ? new OpsRequest.UpdateAssistants(orgId)
                    : new OpsRequest.UpdateAssistants(orgId, options.templateName(), options.templateVersion());
        }
        String numberSource = inboundAi && options != null ? options.numberSource() : null;
        return new InboundAiChanged(orgId, inboundAi, null, null, null, null, null, numberSource, null);
    }
}
