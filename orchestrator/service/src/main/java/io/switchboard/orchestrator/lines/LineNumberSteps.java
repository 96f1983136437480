package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.definition.StepFailure;

import java.time.Clock;
import java.util.UUID;

/** The local steps of the add-number and remove-number sagas: {@code line_number} and the pool, in the saga's transaction. */
public class LineNumberSteps {
    /** The number the saga got is already some line's: nothing may bind it a second time. */
    public static final String NUMBER_IN_USE = "NUMBER_IN_USE";

    private final LineNumbers numbers;
    private final NumberPool pool;
    private final LocalStepFaults faults;
    private final Clock clock;

    public LineNumberSteps(LineNumbers numbers, NumberPool pool, LocalStepFaults faults, Clock clock) {
        this.numbers = numbers;
        this.pool = pool;
        this.faults = faults;
        this.clock = clock;
    }

    /**
     * Before the number is registered at VAPI: a number another line already has (the organization's own number,
     * named twice) must fail here, because undoing a registration the VAPI worker adopted would take the other
     * line's registration down with it.
     */
    public LineData checkNumberUnused(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        if (numbers.anyLineUses(data.numberSid())) {
            throw new StepFailure(NUMBER_IN_USE, "number " + data.phoneNumber() + " (" + data.numberSid()
                    + ") is already one of a line's numbers", false);
        }
        return data;
    }

    public LineData saveLineNumber(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        numbers.insert(new LineNumber(data.numberSid(), data.orgId(), data.phoneNumber(), data.numberSource(),
                data.twilioCredentialId(), data.country(), data.vapiPhoneNumberId(), data.inboundAssistantId(),
                LineNumber.ACTIVE, UUID.fromString(step.sagaId()), clock.instant()));
        return data;
    }

    public LineData markRemoving(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        numbers.markRemoving(data.orgId(), data.numberSid(), clock.instant());
        return data;
    }

    /**
     * After the re-tag for the pool at Twilio: the pool may hand the number to another organization from this
     * transaction on, so the organization's row goes in the same one.
     */
    public LineData returnToPool(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        pool.giveBack(data.numberSid(), data.phoneNumber(), data.country(), data.twilioCredentialId());
        numbers.delete(data.orgId(), data.numberSid());
        return data.withoutNumber();
    }

    public LineData deleteLineNumber(LineData data, StepContext step) throws StepFailure {
        faults.check(step.step());
        numbers.delete(data.orgId(), data.numberSid());
        return data;
    }

    /**
     * The number is bound to the assistant now ({@code number-assistant-link}): an additional number's row says so,
     * else the line's own number's ({@link LineSteps#saveNumberAssistant}).
     */
    public NumberAssistantLinkData saveNumberAssistant(NumberAssistantLinkData data, StepContext step, LineSteps lines)
            throws StepFailure {
        faults.check(step.step());
        if (numbers.linkTo(data.orgId(), data.numberId(), data.assistantId(), clock.instant())) {
            return data;
        }
        return lines.saveNumberAssistant(data, step);
    }
}
