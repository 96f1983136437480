package io.switchboard.orchestrator.batches;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.orchestrator.intake.OpsRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a batch does to each organization. Every kind queues, per organization, the {@link InboundAiChanged} that
 * asks for it, in the organization's own queue of events and requests: so an item never runs beside another saga of
 * the organization, and the intake's {@code SagaLauncher} decides it when its turn comes exactly as it decides
 * upstream's events. {@code update-assistants} queues an {@link OpsRequest.UpdateAssistants} instead: when its turn
 * comes, the organization's assistants are updated to its effective template's version then.
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
    /** Both assistants re-applied with the organization's effective template (its pin, else the default) now. */
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
            return new OpsRequest.UpdateAssistants(orgId);
        }
        String numberSource = inboundAi && options != null ? options.numberSource() : null;
        return new InboundAiChanged(orgId, inboundAi, null, null, null, null, null, numberSource, null);
    }
}
