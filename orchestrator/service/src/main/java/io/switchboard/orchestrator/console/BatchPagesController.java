package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.Batches;
import io.switchboard.orchestrator.batches.ItemStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Ops batches: the list, one batch's progress and each organization's result, and pause, resume (a dry run: run
 * exactly its plan) and cancel (after a confirmation: it cannot be taken back). Batches are created over the API or
 * the CLI. Ops only, like the API's batch endpoints.
 */
@Controller
class BatchPagesController {
    private static final int LIST_LIMIT = 100;

    private final Batches batches;
    private final ConsoleProperties properties;

    BatchPagesController(Batches batches, ConsoleProperties properties) {
        this.batches = batches;
        this.properties = properties;
    }

    @GetMapping("/console/batches")
    String list(HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("The batches page");
        model.addAttribute("title", "Batches");
        model.addAttribute("batches", batches.list(null, LIST_LIMIT, 0));
        return "console/batches";
    }

    @GetMapping("/console/batches/{batchId}")
    String batch(@PathVariable String batchId, @RequestParam(required = false) String status,
                 @RequestParam(defaultValue = "0") int offset, @RequestParam(required = false) String done,
                 HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("A batch's page");
        UUID id = id(batchId);
        ItemStatus filter = Arrays.stream(ItemStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .orElse(null);
        int limit = properties.pageSize();
        BatchView batch = batches.view(id);
        model.addAttribute("title", "Batch " + batch.kind());
        model.addAttribute("batch", batch);
        model.addAttribute("page", batches.items(id, filter, limit, Math.max(0, offset)));
        model.addAttribute("filter", filter == null ? null : filter.name());
        model.addAttribute("statuses", List.of(ItemStatus.values()));
        model.addAttribute("done", done);
        return "console/batch";
    }

    @PostMapping("/console/batches/{batchId}/pause")
    String pause(@PathVariable String batchId, HttpServletRequest request) {
        Viewer.of(request).requireOps("Pausing a batch");
        batches.pause(id(batchId));
        return "redirect:/console/batches/" + batchId + "?done=paused";
    }

    @PostMapping("/console/batches/{batchId}/resume")
    String resume(@PathVariable String batchId, HttpServletRequest request) {
        Viewer.of(request).requireOps("Resuming a batch");
        batches.resume(id(batchId));
        return "redirect:/console/batches/" + batchId + "?done=resumed";
    }

    @GetMapping("/console/batches/{batchId}/cancel")
    String confirmCancel(@PathVariable String batchId, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Cancelling a batch");
        BatchView batch = batches.view(id(batchId));
        model.addAttribute("title", "Cancel batch");
        model.addAttribute("batch", batch);
        model.addAttribute("cancellable", batch.status() == BatchStatus.PLANNED || batch.status() == BatchStatus.RUNNING
                || batch.status() == BatchStatus.PAUSED);
        return "console/batch-cancel";
    }

    @PostMapping("/console/batches/{batchId}/cancel")
    String cancel(@PathVariable String batchId, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("Cancelling a batch");
        try {
            batches.cancel(id(batchId));
            return "redirect:/console/batches/" + batchId + "?done=cancelled";
        } catch (ApiProblem refused) {
            model.addAttribute("refused", refused.detail());
            return confirmCancel(batchId, request, model);
        }
    }

    private static UUID id(String batchId) {
        try {
            return UUID.fromString(batchId);
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusal(404, "No such batch", "No batch " + batchId + ".");
        }
    }
}
