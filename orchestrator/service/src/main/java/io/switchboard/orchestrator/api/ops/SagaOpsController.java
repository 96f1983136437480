package io.switchboard.orchestrator.api.ops;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.saga.persistence.SagaState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Ops on sagas: find them, replay a FAILED one from its failed step (one, or every match of a filter), stop and
 * undo a stuck one. {@code GET /api/v1/sagas/{id}} (the full step history) lives in the status controller.
 */
@RestController
@RequestMapping("/api/v1/sagas")
public class SagaOpsController {
    static final int DEFAULT_BULK_LIMIT = 100;

    private final SagaSearch search;
    private final SagaActions actions;
    private final Clock clock;

    public SagaOpsController(SagaSearch search, SagaActions actions, Clock clock) {
        this.search = search;
        this.actions = actions;
        this.clock = clock;
    }

    @GetMapping
    public SagaPage list(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
                         @RequestParam(required = false) String orgId, @RequestParam(required = false) String failedStep,
                         @RequestParam(required = false) String olderThan, @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) Integer offset) {
        return search.find(SagaFilter.parse(type, state, orgId, failedStep, olderThan, limit, offset, clock));
    }

    @PostMapping("/{sagaId}/replay")
    public SagaActionResult replay(@PathVariable String sagaId,
                                   @RequestParam(defaultValue = "false") boolean dryRun) {
        return actions.replay(parse(sagaId), dryRun);
    }

    @PostMapping("/{sagaId}/compensate")
    public SagaActionResult compensate(@PathVariable String sagaId,
                                       @RequestBody(required = false) CompensateRequest body,
                                       @RequestParam(required = false) String reason) {
        String why = body != null && body.reason() != null ? body.reason() : reason;
        return actions.compensate(parse(sagaId), why);
    }

    @PostMapping("/replay")
    public BulkReplayResult replayAll(@RequestParam(required = false) String type,
                                      @RequestParam(required = false) String state,
                                      @RequestParam(required = false) String orgId,
                                      @RequestParam(required = false) String failedStep,
                                      @RequestParam(required = false) String olderThan,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) Boolean dryRun,
                                      @RequestBody(required = false) BulkReplayRequest body) {
        BulkReplayRequest query = new BulkReplayRequest(type, state, orgId, failedStep, olderThan, limit, dryRun);
        BulkReplayRequest request = body == null ? query : merge(body, query);
        SagaFilter filter = SagaFilter.parse(request.type(), request.state(), request.orgId(), request.failedStep(),
                request.olderThan(), request.limit() == null ? DEFAULT_BULK_LIMIT : request.limit(), 0, clock);
        if (filter.state() != null && filter.state() != SagaState.FAILED) {
            throw ApiProblem.invalid("state", "must be FAILED or left out: only FAILED sagas can be replayed");
        }
        boolean dry = Boolean.TRUE.equals(request.dryRun());
        List<SagaActionResult> results = new ArrayList<>();
        for (UUID id : search.ids(filter.withState(SagaState.FAILED))) {
            results.add(replayOne(id, dry));
        }
        int replayed = (int) results.stream().filter(r -> r.outcome().equals(dry ? "WOULD_REPLAY" : "REPLAYED")).count();
        return new BulkReplayResult(results.size(), replayed, results.size() - replayed, dry, results);
    }

    private SagaActionResult replayOne(UUID id, boolean dryRun) {
        try {
            return actions.replay(id, dryRun);
        } catch (ApiProblem e) {
            String outcome = e.status() == HttpStatus.NOT_FOUND ? "NOT_FOUND" : "REJECTED";
            return new SagaActionResult(id.toString(), null, outcome, null, e.detail());
        } catch (RuntimeException e) {
            return new SagaActionResult(id.toString(), null, "ERROR", null, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private static BulkReplayRequest merge(BulkReplayRequest body, BulkReplayRequest query) {
        return new BulkReplayRequest(first(body.type(), query.type()), first(body.state(), query.state()),
                first(body.orgId(), query.orgId()), first(body.failedStep(), query.failedStep()),
                first(body.olderThan(), query.olderThan()), first(body.limit(), query.limit()),
                first(body.dryRun(), query.dryRun()));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static UUID parse(String sagaId) {
        try {
            return UUID.fromString(sagaId);
        } catch (IllegalArgumentException e) {
            throw SagaActions.sagaNotFound(sagaId);
        }
    }
}
