package io.switchboard.orchestrator.console;

import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.api.ops.DeadLetterRecord;
import io.switchboard.orchestrator.api.ops.DeadLetters;
import io.switchboard.orchestrator.api.ops.RedriveRequest;
import io.switchboard.orchestrator.api.ops.RedriveResult;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * Dead letters by topic, newest first, with their whole reason, headers and body; a redrive behind a confirmation
 * page showing the API's dry run. Ops only, like the API's dead-letter endpoints.
 */
@Controller
class DeadLetterPagesController {
    private final DeadLetters deadLetters;
    private final Redaction redaction;
    private final ConsoleProperties properties;

    DeadLetterPagesController(DeadLetters deadLetters, Redaction redaction, ConsoleProperties properties) {
        this.deadLetters = deadLetters;
        this.redaction = redaction;
        this.properties = properties;
    }

    public record LetterView(DeadLetterRecord detail, String anchor, java.util.Map<String, String> headers,
                             String body) {
    }

    @GetMapping("/console/dead-letters")
    String list(@RequestParam(required = false) String topic, HttpServletRequest request, Model model) {
        Viewer.of(request).requireOps("The dead-letter page");
        String chosen = topic == null || topic.isBlank() ? Topics.ORG_EVENTS : topic.trim();
        model.addAttribute("title", "Dead letters");
        model.addAttribute("topics", Topics.consumed());
        model.addAttribute("topic", chosen);
        try {
            List<LetterView> letters = deadLetters.details(chosen, properties.deadLetterLimit()).stream()
                    .map(d -> new LetterView(d, "dl-" + d.letter().partition() + "-" + d.letter().offset(),
                            redaction.headers(d.headers()), redaction.text(d.body())))
                    .toList();
            model.addAttribute("letters", letters);
        } catch (ApiProblem problem) {
            // An unknown topic, or a DLQ nothing was ever dead-lettered to: said on the page, not as an error.
            model.addAttribute("letters", List.of());
            model.addAttribute("notice", problem.detail());
        }
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/redrive")
    String confirmRedrive(@RequestParam String topic, @RequestParam String position, HttpServletRequest request,
                          Model model) {
        Viewer.of(request).requireOps("Redriving a dead letter");
        model.addAttribute("title", "Redrive dead letter " + position);
        model.addAttribute("topic", topic);
        model.addAttribute("position", position);
        model.addAttribute("dryRun", deadLetters.redrive(new RedriveRequest(topic, List.of(position), null, true)));
        return "console/redrive";
    }

    @PostMapping("/console/dead-letters/redrive")
    String redrive(@RequestParam String topic, @RequestParam String position, HttpServletRequest request,
                   Model model) {
        Viewer.of(request).requireOps("Redriving a dead letter");
        RedriveResult result = deadLetters.redrive(new RedriveRequest(topic, List.of(position), null, false));
        model.addAttribute("title", "Dead letter " + position);
        model.addAttribute("topic", topic);
        model.addAttribute("position", position);
        model.addAttribute("result", result);
        return "console/redriven";
    }
}
