package io.switchboard.orchestrator.batches;

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
 * Moves the batches: every {@code switchboard.batches.tick-interval}, for each batch with work, steps — each one
 * transaction that holds the batch's row ({@code FOR UPDATE SKIP LOCKED}: of several orchestrators exactly one drives
 * a batch at a time, the others pass it by) — that
 * <ol>
 *   <li>follow its started items through their queued request and the saga it started (the first step of a tick):
 *       {@code COMPLETED} → {@code SUCCEEDED}, {@code COMPENSATED}/{@code FAILED} → {@code FAILED} with the saga's
 *       failed step and reason, ignored or superseded by the intake → {@code SKIPPED} with the intake's reason;</li>
 *   <li>start the next pending item if the rate allows (at most {@code ratePerMinute} in any minute, one every
 *       {@code 60 s / rate}, and {@code switchboard.batches.max-in-flight}): plan it again, skip it if there is
 *       nothing to do now, else queue its request in the organization's queue (identity {@code <batch id>:<org id>})
 *       and mark it {@code STARTED} — both in this one transaction;</li>
 *   <li>complete the batch when nothing is pending or in flight.</li>
 * </ol>
 * So a crash at any point repeats a step, never half of one: an item is {@code STARTED} exactly when its request is
 * queued, a started item is followed (never queued again: a unique index on the request's identity backs that up),
 * and a restarted runner carries on from the items' states.
 */
public class BatchRunner {
    public static final String SOURCE = "/switchboard/ops-batches";
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Pending items one step may skip (nothing to do any more) before it ends and lets the next step go on. */
    private static final int SKIPS_PER_STEP = 50;
    /** Bounds one tick of one batch, so a batch of skips cannot hold the runner's thread for long. */
    private static final int MAX_STEPS_PER_TICK = 200;

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
                tick(id);
            } catch (RuntimeException e) {
                // The step is rolled back whole; the next tick repeats it.
                log.warn("Batch {}: tick failed, retried at the next one: {}", id, e.toString());
            }
        }
    }

    /**
     * One batch's tick: steps, each its own transaction holding the batch's row, each starting at most one item (so
     * a transaction locks at most one organization, and cannot deadlock with a reply batch locking several), while
     * the rate allows. Does nothing when another runner holds the batch.
     */
    public void tick(UUID id) {
        for (int step = 0; step < MAX_STEPS_PER_TICK; step++) {
            boolean first = step == 0;
            if (!Boolean.TRUE.equals(transactions.execute(status -> step(id, first)))) {
                return;
            }
        }
    }

    /** @return whether another step may start one more item now */
    private boolean step(UUID id, boolean follow) {
        Optional<BatchStore.Batch> locked = store.lockIfFree(id);
        if (locked.isEmpty()) {
            return false;
        }
        BatchStore.Batch batch = locked.get();
        Instant now = clock.instant();
        if (follow) {
            follow(batch, now);
        }
        boolean more = batch.status() == BatchStatus.RUNNING && startOne(batch, now);
        if (store.countItems(id, ItemStatus.STARTED) == 0) {
            if (batch.status() == BatchStatus.RUNNING && store.countItems(id, ItemStatus.PENDING) == 0) {
                store.status(id, BatchStatus.COMPLETED, now);
                store.finished(id, now);
                log.info("Batch {} ({}) completed: {}", id, batch.kind().slug(), store.counts(id));
                return false;
            } else if (batch.status() == BatchStatus.CANCELLED) {
                store.finished(id, now);
            }
        }
        return more;
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

    /**
     * Starts the next pending item if the rate allows it now, skipping (without queueing anything) those with nothing
     * to do any more. Evaluated on the stored start times under the batch's lock, so it holds whichever instance
     * starts.
     *
     * @return whether an item was started or skipped (another step may follow)
     */
    private boolean startOne(BatchStore.Batch batch, Instant now) {
        if (!rateAllows(batch, now)) {
            return false;
        }
        for (BatchStore.Item item : store.items(batch.id(), ItemStatus.PENDING, SKIPS_PER_STEP)) {
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
            intake.acceptInternal(SOURCE, requestId, request);
            store.markStarted(batch.id(), item.orgId(), plan.text(), requestId, now);
            log.info("Batch {}: org {} queued {} ({})", batch.id(), item.orgId(), batch.kind().slug(), plan.text());
            return true;
        }
        return store.countItems(batch.id(), ItemStatus.PENDING) > 0;
    }

    /**
     * At most {@code ratePerMinute} starts in any minute and {@code max-in-flight} items in flight; starts evenly
     * spaced, one every {@code 60 s / rate} — or, when that is shorter than a tick, at most as many in any tick's
     * length as fit in it.
     */
    private boolean rateAllows(BatchStore.Batch batch, Instant now) {
        if (store.countItems(batch.id(), ItemStatus.STARTED) >= properties.maxInFlight()
                || store.startedSince(batch.id(), now.minus(WINDOW)) >= batch.ratePerMinute()) {
            return false;
        }
        Duration spacing = WINDOW.dividedBy(batch.ratePerMinute());
        Duration tick = properties.tickInterval();
        if (spacing.compareTo(tick) >= 0) {
            Optional<Instant> last = store.lastStart(batch.id());
            return last.isEmpty() || !now.isBefore(last.get().plus(spacing));
        }
        long perTick = (long) Math.ceil((double) tick.toMillis() / Math.max(1, spacing.toMillis()));
        return store.startedSince(batch.id(), now.minus(tick)) < perTick;
    }

    private record Followed(String orgId, String queueStatus, UUID sagaId, String note, String sagaState,
                            String failedStep, String failureReason, String sagaType) {
    }
}
