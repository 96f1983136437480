package io.switchboard.orchestrator.batches;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.UUID;

/**
 * Ops batches: one action over many organizations, at a rate, with progress and a result per organization
 * ({@link BatchRunner}). Ops tokens only (the access policy's default for every path outside an organization's).
 */
@RestController
@RequestMapping("/api/v1/batches")
public class BatchController {
    private static final int DEFAULT_LIMIT = 100;

    private final Batches batches;
    private final BatchProperties properties;

    public BatchController(Batches batches, BatchProperties properties) {
        this.batches = batches;
        this.properties = properties;
    }

    /** 201 with the batch (a dry run: {@code PLANNED}, its items each with what they would do). */
    @PostMapping
    public ResponseEntity<BatchView> create(@RequestBody BatchRequest request) {
        BatchView batch = batches.create(request);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/batches/" + batch.id()))
                .body(batch);
    }

    @GetMapping
    public BatchPage list(@RequestParam(required = false) String status,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) Integer offset) {
        BatchStatus batchStatus = parse(BatchStatus.class, "status", status);
        int[] page = page(limit, offset);
        return new BatchPage(page[0], page[1], batches.list(batchStatus, page[0], page[1]));
    }

    @GetMapping("/{batchId}")
    public BatchView get(@PathVariable String batchId) {
        return batches.view(id(batchId));
    }

    @GetMapping("/{batchId}/items")
    public BatchItemPage items(@PathVariable String batchId, @RequestParam(required = false) String status,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) Integer offset) {
        ItemStatus itemStatus = parse(ItemStatus.class, "status", status);
        int[] page = page(limit, offset);
        return batches.items(id(batchId), itemStatus, page[0], page[1]);
    }

    @PostMapping("/{batchId}/pause")
    public BatchView pause(@PathVariable String batchId) {
        return batches.pause(id(batchId));
    }

    @PostMapping("/{batchId}/resume")
    public BatchView resume(@PathVariable String batchId) {
        return batches.resume(id(batchId));
    }

    @PostMapping("/{batchId}/cancel")
    public BatchView cancel(@PathVariable String batchId) {
        return batches.cancel(id(batchId));
    }

    private int[] page(Integer limit, Integer offset) {
        int max = properties.maxPageSize();
        new FieldErrors()
                .require(limit == null || (limit >= 1 && limit <= max), "limit", "must be between 1 and " + max)
                .require(offset == null || offset >= 0, "offset", "must be 0 or more")
                .throwIfAny();
        return new int[]{limit == null ? Math.min(DEFAULT_LIMIT, max) : limit, offset == null ? 0 : offset};
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiProblem.invalid(field, "must be one of " + String.join(", ",
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
    }

    private static UUID id(String batchId) {
        try {
            return UUID.fromString(batchId);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.BATCH_NOT_FOUND, "No batch " + batchId + "; a batch id is a UUID, "
                    + "GET /api/v1/batches lists them.").with("batchId", batchId);
        }
    }
}
