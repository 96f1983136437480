package io.switchboard.orchestrator.lines;

import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;

/**
 * Inbound AI switched off: the line goes, the assistants stay.
 * <ol>
 *   <li>take the line down ({@link LineTeardown}: mark deactivating, delete the VAPI registration, hand a trial
 *       account's number back to the account, give any other number up to the pool or Twilio by policy);</li>
 *   <li>mark the AI config inactive, clear number, SID and VAPI id, setup no longer completed.</li>
 * </ol>
 * Nothing here can be undone (a deleted registration cannot be restored), so a step that keeps failing stops the
 * saga with the config still referencing the number (nothing is lost track of) and marked deactivating, so the next
 * "on" rebuilds the line and the next "off" finishes the job; ops can also replay.
 * <p>
 * Version 3 releases a number in the organization's own Twilio account instead of pooling it; version 2 added the
 * owner tags (hand-back-trial-number, hand-number-to-pool). Both earlier versions stay registered.
 */
public final class InboundAiOffSaga {
    public static final String TYPE = "inbound-ai-off";
    public static final int VERSION = 3;

    private InboundAiOffSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines) {
        return SagaDefinition.saga(TYPE, VERSION, LineData.class)
                .then(LineTeardown.takeDownTheLine(lines))
                .then(StepDefinition.<LineData>step("deactivate-ai-config")
                        .invokeLocal(lines::deactivateConfig))
                .build();
    }

    /** Versions 2 and 1, for instances that started on them. */
    public static SagaDefinition<LineData> version2(LineSteps lines) {
        return SagaDefinition.saga(TYPE, 2, LineData.class)
                .then(LineTeardown.takeDownTheLineVersion2(lines))
                .then(StepDefinition.<LineData>step("deactivate-ai-config")
                        .invokeLocal(lines::deactivateConfig))
                .build();
    }

    public static SagaDefinition<LineData> version1(LineSteps lines) {
        return LineSagaPreviousVersions.inboundAiOffVersion1(lines);
    }
}
