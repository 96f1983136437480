package io.switchboard.orchestrator.api.ops;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.runtime.SagaRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Replay and compensate one saga, each in its own transaction (so one saga of a bulk request failing leaves the
 * others done). The saga row is locked first, then the organization's intake lock — the order the runtime itself
 * uses — and the organization must not be running another saga: at most one saga per organization is active.
 */
public class SagaActions {
    private static final Logger log = LoggerFactory.getLogger(SagaActions.class);

    private final SagaRuntime runtime;
    private final SagaStore sagas;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    public SagaActions(SagaRuntime runtime, SagaStore sagas, TransactionTemplate transactions,
                       JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.sagas = sagas;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /**
     * Resumes a FAILED saga from where it stopped: the failed step (or failed compensation) runs again from attempt
     * 1; steps that succeeded are not repeated.
     *
     * @throws ApiProblem {@code saga-not-found}; {@code saga-not-replayable} (not FAILED; the detail says what to
     *                     do instead); {@code organization-busy}
     */
    public SagaActionResult replay(UUID sagaId, boolean dryRun) {
        return transactions.execute(status -> {
            SagaInstance saga = lock(sagaId);
            if (saga.state() != SagaState.FAILED) {
                throw new ApiProblem(ProblemType.SAGA_NOT_REPLAYABLE, notReplayable(saga)).with("sagaId", saga.id().toString())
                        .with("orgId", saga.orgId()).with("state", saga.state().name())
                        .with("failedStep", saga.failedStep());
            }
            requireNoOtherActiveSaga(saga, "replay");
            if (dryRun) {
                return result(saga, "WOULD_REPLAY", "would resume from " + saga.failedStep());
            }
            String from = saga.failedStep();
            log.info("Ops replay of saga {} ({}) for org {} from {}", saga.id(), saga.sagaType(), saga.orgId(), from);
            SagaInstance after = runtime.replay(sagaId);
            return result(after, "REPLAYED", "resumed from " + from);
        });
    }

    /**
     * Stops a RUNNING saga (or a FAILED one whose forward step failed) and undoes what it did, newest first.
     *
     * @throws ApiProblem {@code invalid-request} (no reason); {@code saga-not-found}; {@code saga-not-compensable}
     *                     (the detail says why); {@code organization-busy}
     */
    public SagaActionResult compensate(UUID sagaId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalid("reason", "is required: it is recorded as the saga's failure reason");
        }
        return transactions.execute(status -> {
            SagaInstance saga = lock(sagaId);
            switch (saga.state()) {
                case RUNNING -> {
                    if (!runtime.canCompensate(saga)) {
                        // Found by the chaos run: a cleanup stopped while its number was being handed to the pool
                        // left the number tagged for the pool at Twilio and still named by the line.
                        throw notCompensable(saga, "saga " + saga.id() + " (" + saga.sagaType() + ") takes a line "
                                + "down and has nothing to undo; stopping it halfway would leave a half-done hand-over. "
                                + "It stops by itself when a step fails for good; then replay it");
                    }
                    if (runtime.onlyNonCriticalStepsLeft(saga)) {
                        // Found by the chaos run: stopping an onboarding while only its approval email was out undid
                        // the number and assistants but left the saved config "active" on nothing.
                        throw notCompensable(saga, "saga " + saga.id() + " has done everything that counts; only "
                                + "non-critical steps (such as the owner's email) are still running and will finish "
                                + "on their own. To take down a working line use DELETE /api/v1/organizations/"
                                + saga.orgId() + "/ai-setup");
                    }
                }
                case FAILED -> {
                    if (compensationFailed(saga)) {
                        throw notCompensable(saga, "saga " + saga.id() + " is already undoing its work and parked "
                                + "because the compensation " + saga.failedStep() + " failed (" + saga.failureReason()
                                + "); fix the cause, then replay it to retry the compensation");
                    }
                    requireNoOtherActiveSaga(saga, "compensate");
                }
                case COMPENSATING -> throw notCompensable(saga, "saga " + saga.id() + " is already compensating; "
                        + "GET /api/v1/sagas/" + saga.id() + " shows how far it got");
                default -> throw notCompensable(saga, "saga " + saga.id() + " has ended (" + saga.state()
                        + "); nothing to compensate. To take down a working line use DELETE /api/v1/organizations/"
                        + saga.orgId() + "/ai-setup");
            }
            log.info("Ops compensation of saga {} ({}) for org {}", saga.id(), saga.sagaType(), saga.orgId());
            SagaInstance after = runtime.compensate(sagaId, "ops: " + reason.trim());
            return result(after, "COMPENSATING", "compensating: " + reason.trim());
        });
    }

    private SagaInstance lock(UUID sagaId) {
        return sagas.lock(sagaId).orElseThrow(() -> sagaNotFound(sagaId.toString()));
    }

    /** {@code saga-not-found} for an id that is no saga (or not a saga id at all). */
    public static ApiProblem sagaNotFound(String sagaId) {
        return new ApiProblem(ProblemType.SAGA_NOT_FOUND, "There is no saga " + sagaId + "; GET /api/v1/sagas lists "
                + "them (filter by orgId, type, state).").with("sagaId", sagaId);
    }

    private static ApiProblem notCompensable(SagaInstance saga, String detail) {
        return new ApiProblem(ProblemType.SAGA_NOT_COMPENSABLE, detail).with("sagaId", saga.id().toString())
                .with("orgId", saga.orgId()).with("state", saga.state().name()).with("failedStep", saga.failedStep());
    }

    private static String notReplayable(SagaInstance saga) {
        String id = saga.id().toString();
        return switch (saga.state()) {
            case RUNNING, COMPENSATING -> "saga " + id + " is still " + saga.state()
                    + "; wait for it to end, or compensate it (POST /api/v1/sagas/" + id + "/compensate)";
            case COMPLETED -> "saga " + id + " completed; there is nothing to replay";
            case COMPENSATED -> "saga " + id + " was compensated: everything it created was undone, so there is no "
                    + "failed step left to resume from" + (saga.failedStep() == null ? "" : " (it failed at "
                    + saga.failedStep() + ")") + ". Start a new saga instead, e.g. POST /api/v1/organizations/"
                    + saga.orgId() + "/retry-ai-setup for an onboarding";
            case FAILED -> throw new IllegalStateException("FAILED sagas are replayable");
        };
    }

    private static boolean compensationFailed(SagaInstance saga) {
        return saga.steps().stream().anyMatch(s -> s.direction() == Direction.COMPENSATION
                && s.status() == StepStatus.FAILED);
    }

    /** Serialises with the intake (which starts the organization's next saga) and checks the org is idle. */
    private void requireNoOtherActiveSaga(SagaInstance saga, String action) {
        jdbc.update("insert into org_lock (org_id) values (?) on conflict do nothing", saga.orgId());
        jdbc.queryForObject("select org_id from org_lock where org_id = ? for update", String.class, saga.orgId());
        List<SagaInstance> active = sagas.ofOrgIn(saga.orgId(),
                List.of(SagaState.RUNNING, SagaState.COMPENSATING));
        active.stream().filter(other -> !other.id().equals(saga.id())).findFirst().ifPresent(other -> {
            throw new ApiProblem(ProblemType.ORGANIZATION_BUSY, "organization " + saga.orgId() + " is running saga "
                    + other.id() + " (" + other.sagaType() + ", " + other.state() + "); " + action
                    + " once it has ended — one saga per organization at a time")
                    .with("sagaId", saga.id().toString()).with("orgId", saga.orgId())
                    .with("runningSagaId", other.id().toString());
        });
    }

    private static SagaActionResult result(SagaInstance saga, String outcome, String message) {
        return new SagaActionResult(saga.id().toString(), saga.orgId(), outcome, saga.state().name(), message);
    }
}
