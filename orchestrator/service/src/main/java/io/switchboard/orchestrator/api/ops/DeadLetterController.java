package io.switchboard.orchestrator.api.ops;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ops on dead letters: see what was parked and why, and send it back once the cause is fixed. */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {
    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public DeadLetterPage list(@RequestParam String topic, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1) {
            throw ApiProblem.invalid("limit", "must be positive");
        }
        return deadLetters.list(topic, limit);
    }

    /** One record whole: every header and the full value ({@code position} as the list shows it, {@code 0:12}). */
    @GetMapping("/{position}")
    public DeadLetterDetail one(@PathVariable String position, @RequestParam String topic) {
        return deadLetters.one(topic, position);
    }

    @PostMapping("/redrive")
    public RedriveResult redrive(@RequestBody RedriveRequest request) {
        return deadLetters.redrive(request);
    }
}
