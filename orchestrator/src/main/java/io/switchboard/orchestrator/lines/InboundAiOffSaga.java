package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.saga.definition.SagaDefinition;
import io.switchboard.orchestrator.saga.definition.StepDefinition;

/**
 * Inbound AI switched off: the line goes, the assistants stay.
 * <ol>
 *   <li>take the line down ({@link LineTeardown}: mark deactivating, delete the VAPI registration, give the number
 *       up to the pool or Twilio by policy);</li>
 *   <li>mark the AI config inactive, clear number, SID and VAPI id, setup no longer completed.</li>
 * </ol>
 * Nothing here can be undone (a deleted registration cannot be restored), so a step that keeps failing stops the
 * saga with the config still referencing the number (nothing is lost track of) and marked deactivating, so the next
 * "on" rebuilds the line and the next "off" finishes the job; ops can also replay.
 */
public final class InboundAiOffSaga {
    public static final String TYPE = "inbound-ai-off";

    private InboundAiOffSaga() {
    }

    public static SagaDefinition<LineData> definition(LineSteps lines) {
        return SagaDefinition.saga(TYPE, 1, LineData.class)
                .then(LineTeardown.takeDownTheLine(lines))
                .then(StepDefinition.<LineData>step("deactivate-ai-config")
                        .invokeLocal(lines::deactivateConfig))
                .build();
    }
}
