package io.switchboard.orchestrator.batches;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.templates.AssistantTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves the batches: every {@code switchboard.batches.tick-interval}, for each batch with work, one transaction that
 * holds the batch's row ({@code FOR UPDATE SKIP LOCKED}: of several orchestrators exactly one drives a batch at a
 * time, the others pass it by) and
 * <ol>
 *   <li>follows its started items through their queued request and the saga it started: {@code COMPLETED} →
 *       {@code SUCCEEDED}, {@code COMPENSATED}/{@code FAILED} → {@code FAILED} with the saga's failed step and reason,
 *       ignored or superseded by the intake → {@code SKIPPED} with the intake's reason;</li>
 *   <li>starts the next pending ones, within the rate (at most {@code ratePerMinute} in any minute, one every
 *       {@code 60 s / rate}) and {@code switchboard.batches.max-in-flight}: it plans each again, skips it if there
 *       is nothing to do now, else queues its request in the organization's queue (identity
 *       {@code <batch id>:<org id>}) and marks it {@code STARTED} — both in this one transaction;</li>
 *   <li>completes the batch when nothing is pending or in flight.</li>
 * </ol>
 * So a crash at any point repeats a tick, never half of one: an item is {@code STARTED} exactly when its request is
 * queued, a started item is followed (never queued again: a unique index on the request's identity backs that up),
 * and a restarted runner carries on from the items' states.
 */
public class BatchRunner {
    public static final String SOURCE = "/switchboard/ops-batches";
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final BatchStore store;
    private final BatchPlanner planner;
    private final OrganizationEventIntake intake;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BatchProperties properties;
    private final Clock clock;
    private final AssistantTemplates templates;

    public BatchRunner(BatchStore store, BatchPlanner planner, OrganizationEventIntake intake, JdbcTemplate jdbc,
                       TransactionTemplate transactions, BatchProperties properties, Clock clock,
                       AssistantTemplates templates) {
        this.store = store;
        this.planner = planner;
        this.intake = intake;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.templates = templates;
    }

    static String requestId(UUID batchId, String orgId) {
        return batchId + ":" + orgId;
    }

    @Scheduled(fixedDelayString = "${switchboard.batches.tick-interval:1s}",
            initialDelayString = "${switchboard.batches.tick-interval:1s}")
    public void tick() {
        for (UUID id : store.withWork()) {
            try {
                transactions.executeWithoutResult(status -> tick(id));
            } catch (RuntimeException e) {
                // The tick is rolled back whole; the next one repeats it.
                log.warn("Batch {}: tick failed, retried at the next one: {}", id, e.toString());
            }
        }
    }

    /** One batch's tick, in the caller's transaction; does nothing when another runner holds the batch. */
    public void tick(UUID id) {
        Optional<BatchStore.Batch> locked = store.lockIfFree(id);
        if (locked.isEmpty()) {
            return;
        }
        BatchStore.Batch batch = locked.get();
        Instant now = clock.instant();
        follow(batch, now);
        if (batch.status() == BatchStatus.RUNNING) {
            startDue(batch, now);
        }
        if (store.countItems(id, ItemStatus.STARTED) == 0) {
            if (batch.status() == BatchStatus.RUNNING && store.countItems(id, ItemStatus.PENDING) == 0) {
                store.status(id, BatchStatus.COMPLETED, now);
                store.finished(id, now);
                log.info("Batch {} ({}) completed: {}", id, batch.kind().slug(), store.counts(id));
            } else if (batch.status() == BatchStatus.CANCELLED) {
                store.finished(id, now);
            }
        }
    }

    private void follow(BatchStore.Batch batch, Instant now) {
        List<Followed> started = jdbc.query("select i.org_id, e.status, e.saga_id, e.note, s.state, s.failed_step, "
                        + "s.failure_reason, s.saga_type from ops_batch_item i "
                        + "left join org_event e on e.event_source = ? and e.event_id = i.request_id "
                        + "left join saga_instance s on s.id = e.saga_id "
                        + "where i.batch_id = ? and i.status = 'STARTED' order by i.position",
                (rs, i) -> new Followed(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), SOURCE, batch.id());
        for (Followed item : started) {
            if (item.queueStatus() == null) {
                store.markFinished(batch.id(), item.orgId(), ItemStatus.FAILED,
                        "its queued request is gone from the organization's queue", null, now);
            } else if ("IGNORED".equals(item.queueStatus()) || "SUPERSEDED".equals(item.queueStatus())) {
                store.markFinished(batch.id(), item.orgId(), ItemStatus.SKIPPED, item.note(), null, now);
            } else if (item.sagaId() != null) {
                finishIfEnded(batch, item, now);
            }
        }
    }

    private void finishIfEnded(BatchStore.Batch batch, Followed item, Instant now) {
        switch (item.sagaState()) {
            case "COMPLETED" -> store.markFinished(batch.id(), item.orgId(), ItemStatus.SUCCEEDED, null, item.sagaId(), now);
            case "COMPENSATED", "FAILED" -> {
                String reason = item.sagaType() + " saga " + item.sagaId() + " ended " + item.sagaState()
                        + (item.failedStep() == null ? "" : " at " + item.failedStep() + ": " + item.failureReason());
                log.info("Batch {}: org {} failed: {}", batch.id(), item.orgId(), reason);
                store.markFinished(batch.id(), item.orgId(), ItemStatus.FAILED, reason, item.sagaId(), now);
            }
            default -> store.markSaga(batch.id(), item.orgId(), item.sagaId(), now);
        }
    }

    private void startDue(BatchStore.Batch batch, Instant now) {
        Duration spacing = WINDOW.dividedBy(batch.ratePerMinute());
        Optional<Instant> last = store.lastStart(batch.id());
        if (last.isPresent() && now.isBefore(last.get().plus(spacing))) {
            return;
        }
        long inWindow = store.startedSince(batch.id(), now.minus(WINDOW));
        long inFlight = store.countItems(batch.id(), ItemStatus.STARTED);
        // More than one a tick only when the rate's spacing is shorter than the tick.
        long perTick = Math.max(1, (long) Math.ceil((double) properties.tickInterval().toMillis() / spacing.toMillis()));
        long budget = Math.min(perTick, Math.min(batch.ratePerMinute() - inWindow, properties.maxInFlight() - inFlight));
        if (budget <= 0) {
            return;
        }
        // Items skipped now (nothing to do) cost nothing; look a little further for ones to start.
        for (BatchStore.Item item : store.items(batch.id(), ItemStatus.PENDING, (int) budget + 50)) {
            if (budget == 0) {
                return;
            }
            Object request = batch.kind().eventFor(item.orgId(), batch.options());
            BatchPlanner.Plan plan = planner.plan(batch.kind(), item.orgId(), request);
            if (plan.skip()) {
                store.markFinished(batch.id(), item.orgId(), ItemStatus.SKIPPED, plan.text(), null, now);
                continue;
            }
            String requestId = requestId(batch.id(), item.orgId());
            if (request instanceof OpsRequest.UpdateAssistants update && update.templateName() != null) {
                // Pinned with the queueing, in this transaction: the organization's later assistants get it too.
                templates.pin(item.orgId(), update.templateName(), update.templateVersion(), "batch " + batch.id());
            }
            if (request instanceof OpsRequest ops) {
                intake.acceptInternal(SOURCE, requestId, ops);
            } else {
                intake.acceptInternal(SOURCE, requestId, (InboundAiChanged) request);
            }
            store.markStarted(batch.id(), item.orgId(), plan.text(), requestId, now);
            log.info("Batch {}: org {} queued {} ({})", batch.id(), item.orgId(), batch.kind().slug(), plan.text());
            budget--;
        }
    }

    private record Followed(String orgId, String queueStatus, UUID sagaId, String note, String sagaState,
                            String failedStep, String failureReason, String sagaType) {
    }
}
