package io.switchboard.orchestrator.batches;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.templates.AssistantTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Creating, reading and steering batches; the {@link BatchRunner} moves them. */
public class Batches {
    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final BatchStore store;
    private final BatchPlanner planner;
    private final BatchProperties properties;
    private final Clock clock;
    private final AssistantTemplates templates;

    public Batches(BatchStore store, BatchPlanner planner, BatchProperties properties, Clock clock,
                   AssistantTemplates templates) {
        this.store = store;
        this.planner = planner;
        this.properties = properties;
        this.clock = clock;
        this.templates = templates;
    }

    /**
     * Resolves the organizations and plans each one now: an item with nothing to do is {@code SKIPPED} with the
     * reason at once, the others wait {@code PENDING} with what they would do. A dry run stops there ({@code PLANNED});
     * a real batch is {@code RUNNING} and the runner starts its items.
     */
    @Transactional
    public BatchView create(BatchRequest request) {
        request.validate(properties);
        BatchKind kind = request.batchKind();
        BatchSelector selector = new BatchSelector(request.orgIds(), request.filter());
        BatchOptions options = request.options() == null ? BatchOptions.NONE : request.options();
        if (options.templateName() != null
                && templates.find(options.templateName(), options.templateVersion()).isEmpty()) {
            throw options.templateVersion() == null
                    ? ApiProblem.invalid("options.templateName", "names no assistant template "
                            + "(GET /api/v1/assistant-templates lists them)")
                    : ApiProblem.invalid("options.templateVersion", "is not a version of " + options.templateName()
                            + " (GET /api/v1/assistant-templates/" + options.templateName() + " lists them)");
        }
        List<String> orgIds = planner.select(selector, kind, properties.maxItems());
        if (orgIds.isEmpty()) {
            throw ApiProblem.invalid("filter", "matches no organization; nothing to do");
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        BatchStatus status = dryRun ? BatchStatus.PLANNED : BatchStatus.RUNNING;
        store.insert(new BatchStore.Batch(id, kind, selector, options, status,
                request.ratePerMinute() == null ? properties.defaultRatePerMinute() : request.ratePerMinute(), dryRun,
                request.createdBy() == null ? "ops" : request.createdBy(), now, dryRun ? null : now, null), now);
        List<BatchStore.NewItem> items = new java.util.ArrayList<>(orgIds.size());
        for (String orgId : orgIds) {
            Object event = kind.eventFor(orgId, options);
            BatchPlanner.Plan plan = planner.plan(kind, orgId, event);
            items.add(new BatchStore.NewItem(orgId, plan.skip() ? ItemStatus.SKIPPED : ItemStatus.PENDING,
                    plan.skip() ? null : plan.text(), plan.skip() ? plan.text() : null));
        }
        store.insertItems(id, items, now);
        log.info("Batch {} created: {} over {} organization(s){}", id, kind.slug(), orgIds.size(),
                dryRun ? " (dry run)" : "");
        return view(id);
    }

    @Transactional(readOnly = true)
    public BatchView view(UUID id) {
        BatchStore.Batch batch = store.find(id).orElseThrow(() -> notFound(id));
        return view(batch);
    }

    private BatchView view(BatchStore.Batch batch) {
        Map<ItemStatus, Long> counts = store.counts(batch.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Instant eta = null;
        if (batch.status() == BatchStatus.RUNNING) {
            long pending = counts.get(ItemStatus.PENDING);
            eta = clock.instant().plus(Duration.ofMinutes(1).multipliedBy(pending).dividedBy(batch.ratePerMinute()));
        }
        return new BatchView(batch.id(), batch.kind().slug(), batch.status(), batch.dryRun(), batch.ratePerMinute(),
                properties.maxInFlight(), batch.selector(), batch.options(), batch.createdBy(), batch.createdAt(),
                batch.startedAt(), batch.finishedAt(), total, counts, counts.get(ItemStatus.STARTED), eta,
                "/api/v1/batches/" + batch.id() + "/items");
    }

    @Transactional(readOnly = true)
    public List<BatchView> list(BatchStatus status, int limit, int offset) {
        return store.list(status, limit, offset).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public BatchItemPage items(UUID id, ItemStatus status, int limit, int offset) {
        store.find(id).orElseThrow(() -> notFound(id));
        return new BatchItemPage(id, status, store.countItems(id, status), limit, offset,
                store.itemViews(id, status, limit, offset));
    }

    /** Starts no more items; the started ones finish and are still followed. */
    @Transactional
    public BatchView pause(UUID id) {
        return move(id, Set.of(BatchStatus.RUNNING), BatchStatus.PAUSED, "pause");
    }

    /** Carries on with a paused batch, or runs a dry run's plan: exactly the organizations it listed. */
    @Transactional
    public BatchView resume(UUID id) {
        return move(id, Set.of(BatchStatus.PAUSED, BatchStatus.PLANNED), BatchStatus.RUNNING, "resume");
    }

    /** Skips every item not started yet; the started ones finish and are still followed. */
    @Transactional
    public BatchView cancel(UUID id) {
        BatchView view = move(id, Set.of(BatchStatus.PLANNED, BatchStatus.RUNNING, BatchStatus.PAUSED),
                BatchStatus.CANCELLED, "cancel");
        Instant now = clock.instant();
        store.skipPending(id, "the batch was cancelled before this item started", now);
        if (store.countItems(id, ItemStatus.STARTED) == 0) {
            store.finished(id, now);
        }
        return view(id);
    }

    private BatchView move(UUID id, Set<BatchStatus> from, BatchStatus to, String action) {
        // Waits for a runner's tick on this batch to end, so the change applies from the next tick on.
        BatchStore.Batch batch = store.lock(id).orElseThrow(() -> notFound(id));
        if (!from.contains(batch.status())) {
            throw new ApiProblem(ProblemType.BATCH_STATE_CONFLICT, "Batch " + id + " is " + batch.status()
                    + ": only a batch that is " + String.join(" or ", from.stream().map(Enum::name).sorted().toList())
                    + " can " + action + ".").with("batchId", id.toString()).with("state", batch.status().name());
        }
        store.status(id, to, clock.instant());
        log.info("Batch {}: {} ({} -> {})", id, action, batch.status(), to);
        return view(id);
    }

    private static ApiProblem notFound(UUID id) {
        return new ApiProblem(ProblemType.BATCH_NOT_FOUND, "No batch " + id + "; GET /api/v1/batches lists them.")
                .with("batchId", id.toString());
    }
}
