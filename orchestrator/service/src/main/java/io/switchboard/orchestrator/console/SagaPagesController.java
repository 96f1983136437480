package io.switchboard.orchestrator.console;

import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.api.StatusController;
import io.switchboard.orchestrator.api.ops.BulkReplayResult;
import io.switchboard.orchestrator.api.ops.SagaActionResult;
import io.switchboard.orchestrator.api.ops.SagaActions;
import io.switchboard.orchestrator.api.ops.SagaFilter;
import io.switchboard.orchestrator.api.ops.SagaOpsController;
import io.switchboard.orchestrator.api.ops.SagaPage;
import io.switchboard.orchestrator.api.ops.SagaSearch;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.saga.persistence.SagaState;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The saga pages: the list with its filters, one saga's timeline (live), and the actions on sagas, each behind a
 * confirmation page that shows first what would happen (the API's own dry run). Everything goes through the services
 * behind the REST API, so the console and the API cannot disagree.
 */
@Controller
class SagaPagesController {
    /** What a finished action says on the saga page; fixed texts, nothing from the request is echoed. */
    private static final Map<String, String> DONE = Map.of(
            "replayed", "Replay started: the saga resumes from its failed step.",
            "compensating", "Compensation started: the saga undoes what it did, newest first.");

    private final SagaSearch search;
    private final SagaActions actions;
    private final SagaOpsController ops;
    private final StatusController status;
    private final LiveUpdates live;
    private final Redaction redaction;
    private final ConsoleProperties properties;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    SagaPagesController(SagaSearch search, SagaActions actions, SagaOpsController ops, StatusController status,
                        LiveUpdates live, Redaction redaction, ConsoleProperties properties, JdbcTemplate jdbc,
                        Clock clock) {
        this.search = search;
        this.actions = actions;
        this.ops = ops;
        this.status = status;
        this.live = live;
        this.redaction = redaction;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/console/sagas")
    String list(@RequestParam(required = false) String type, @RequestParam(required = false) String state,
                @RequestParam(required = false) String orgId, @RequestParam(required = false) String failedStep,
                @RequestParam(required = false) String olderThan, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "false") boolean partial, @RequestParam(defaultValue = "0") int page,
                HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        String org = viewer.ops() ? orgId : viewer.orgId();
        String text = q == null || q.isBlank() ? null : q.trim();
        if (text != null && uuid(text) != null) {
            return "redirect:/console/sagas/" + uuid(text);
        }
        int size = properties.pageSize();
        int current = Math.max(0, page);
        model.addAttribute("title", "Sagas");
        model.addAttribute("form", new ListForm(type, state, org, failedStep, olderThan, text));
        model.addAttribute("partial", partial);
        model.addAttribute("types", jdbc.queryForList("select distinct saga_type from saga_instance order by 1",
                String.class));
        model.addAttribute("states", Arrays.stream(SagaState.values()).map(Enum::name).toList());
        try {
            SagaFilter filter = SagaFilter.parse(type, state, org, failedStep, olderThan, size, current * size, clock);
            SagaPage found = search.find(filter, text, partial);
            model.addAttribute("page", found);
            model.addAttribute("from", found.sagas().isEmpty() ? 0 : current * size + 1);
            model.addAttribute("to", current * size + found.sagas().size());
            model.addAttribute("previous", current == 0 ? null : pageLink(current - 1));
            model.addAttribute("next", (long) (current + 1) * size < found.total() ? pageLink(current + 1) : null);
            model.addAttribute("bulkLink", viewer.ops() ? ServletUriComponentsBuilder.fromCurrentRequest()
                    .replacePath("/console/sagas/replay").replaceQueryParam("page").replaceQueryParam("q")
                    .replaceQueryParam("state").replaceQueryParam("partial").build().toUriString() : null);
        } catch (ApiProblem invalid) {
            model.addAttribute("error", invalid.detail());
        }
        model.addAttribute("now", clock.instant());
        return "console/sagas";
    }

    public record ListForm(String type, String state, String orgId, String failedStep, String olderThan, String q) {
    }

    @GetMapping("/console/sagas/{sagaId}")
    String saga(@PathVariable String sagaId, @RequestParam(required = false) String done, HttpServletRequest request,
                Model model) {
        SagaResponse saga = visibleSaga(sagaId, Viewer.of(request));
        model.addAttribute("title", saga.type() + " " + saga.id());
        model.addAttribute("done", done == null ? null : DONE.get(done));
        timeline(saga, model);
        return "console/saga";
    }

    /** The live part of the saga page alone: what the page's script swaps in when the saga changes. */
    @GetMapping("/console/sagas/{sagaId}/timeline")
    String timelineFragment(@PathVariable String sagaId, HttpServletRequest request, Model model) {
        timeline(visibleSaga(sagaId, Viewer.of(request)), model);
        return "console/saga :: live";
    }

    @GetMapping(path = "/console/sagas/{sagaId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String sagaId, HttpServletRequest request) {
        SagaResponse saga = visibleSaga(sagaId, Viewer.of(request));
        return live.open(saga.id());
    }

    @GetMapping("/console/sagas/{sagaId}/replay")
    String confirmReplay(@PathVariable String sagaId, HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps("Replaying a saga");
        SagaResponse saga = visibleSaga(sagaId, viewer);
        model.addAttribute("title", "Replay saga " + saga.id());
        model.addAttribute("saga", saga);
        try {
            model.addAttribute("preview", actions.replay(UUID.fromString(saga.id()), true));
        } catch (ApiProblem refused) {
            model.addAttribute("refused", refused.detail());
        }
        return "console/replay";
    }

    @PostMapping("/console/sagas/{sagaId}/replay")
    String replay(@PathVariable String sagaId, HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps("Replaying a saga");
        SagaResponse saga = visibleSaga(sagaId, viewer);
        try {
            actions.replay(UUID.fromString(saga.id()), false);
            return "redirect:/console/sagas/" + saga.id() + "?done=replayed";
        } catch (ApiProblem refused) {
            model.addAttribute("title", "Replay saga " + saga.id());
            model.addAttribute("saga", saga);
            model.addAttribute("refused", refused.detail());
            return "console/replay";
        }
    }

    @GetMapping("/console/sagas/{sagaId}/compensate")
    String confirmCompensate(@PathVariable String sagaId, HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps("Compensating a saga");
        SagaResponse saga = visibleSaga(sagaId, viewer);
        model.addAttribute("title", "Compensate saga " + saga.id());
        model.addAttribute("saga", saga);
        return "console/compensate";
    }

    @PostMapping("/console/sagas/{sagaId}/compensate")
    String compensate(@PathVariable String sagaId, @RequestParam(defaultValue = "") String reason,
                      HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        viewer.requireOps("Compensating a saga");
        SagaResponse saga = visibleSaga(sagaId, viewer);
        try {
            actions.compensate(UUID.fromString(saga.id()), reason);
            return "redirect:/console/sagas/" + saga.id() + "?done=compensating";
        } catch (ApiProblem refused) {
            model.addAttribute("title", "Compensate saga " + saga.id());
            model.addAttribute("saga", saga);
            model.addAttribute("reason", reason);
            model.addAttribute("refused", refused.detail());
            return "console/compensate";
        }
    }

    /** Bulk replay, step one: the API's dry run over the filter, listing what would be replayed and what not. */
    @GetMapping("/console/sagas/replay")
    String confirmBulkReplay(@RequestParam(required = false) String type, @RequestParam(required = false) String orgId,
                             @RequestParam(required = false) String failedStep,
                             @RequestParam(required = false) String olderThan, HttpServletRequest request,
                             Model model) {
        Viewer.of(request).requireOps("Bulk replay");
        model.addAttribute("title", "Replay every failed saga of a filter");
        model.addAttribute("form", new ListForm(type, SagaState.FAILED.name(), orgId, failedStep, olderThan, null));
        try {
            BulkReplayResult dryRun = ops.replayAll(type, SagaState.FAILED.name(), orgId, failedStep, olderThan,
                    null, true, null);
            model.addAttribute("dryRun", dryRun);
            model.addAttribute("replayable", dryRun.results().stream()
                    .filter(r -> r.outcome().equals("WOULD_REPLAY")).map(SagaActionResult::id).toList());
        } catch (ApiProblem invalid) {
            model.addAttribute("error", invalid.detail());
        }
        return "console/bulk-replay";
    }

    /** Step two: exactly the sagas the dry run showed (not the filter again, which may match others by now). */
    @PostMapping("/console/sagas/replay")
    String bulkReplay(@RequestParam(name = "id", required = false) List<String> ids, HttpServletRequest request,
                      Model model) {
        Viewer.of(request).requireOps("Bulk replay");
        List<SagaActionResult> results = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            UUID sagaId = uuid(id);
            if (sagaId == null) {
                continue;
            }
            try {
                results.add(actions.replay(sagaId, false));
            } catch (ApiProblem refused) {
                results.add(new SagaActionResult(sagaId.toString(), null, "REJECTED", null, refused.detail()));
            }
        }
        model.addAttribute("title", "Bulk replay done");
        model.addAttribute("results", results);
        model.addAttribute("replayed", results.stream().filter(r -> r.outcome().equals("REPLAYED")).count());
        return "console/bulk-replayed";
    }

    private void timeline(SagaResponse saga, Model model) {
        model.addAttribute("saga", saga);
        model.addAttribute("timeline", Timeline.of(saga, clock.instant()));
        model.addAttribute("steps", saga.steps().stream().map(step -> new StepView(step,
                redaction.json(step.input()), redaction.json(step.output()))).toList());
        model.addAttribute("running", saga.finishedAt() == null);
        // What the page's script compares before swapping the live part in: unchanged, the page (and the keyboard
        // focus in it) stays as it is.
        model.addAttribute("version", Integer.toHexString(java.util.Objects.hash(saga.state(), saga.updatedAt(),
                saga.failedStep(), saga.steps().stream().map(s -> s.name() + s.direction() + s.status() + s.attempts()
                        + s.finishedAt()).toList())));
    }

    public record StepView(SagaResponse.Step step, String input, String output) {
    }

    private SagaResponse visibleSaga(String sagaId, Viewer viewer) {
        UUID id = uuid(sagaId);
        if (id == null) {
            throw ConsoleRefusal.notFound("saga " + sagaId);
        }
        SagaResponse saga;
        try {
            saga = status.saga(id.toString());
        } catch (ApiProblem notFound) {
            throw ConsoleRefusal.notFound("saga " + id);
        }
        viewer.requireVisible(saga.orgId(), "saga " + id);
        return saga;
    }

    private static String pageLink(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build().toUriString();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
