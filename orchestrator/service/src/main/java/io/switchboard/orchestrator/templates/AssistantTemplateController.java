package io.switchboard.orchestrator.templates;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Ops manage assistant templates and pin organizations to them (ops tokens only: {@code AccessPolicy}). A change
 * reaches assistants created from then on (onboarding, inbound AI on); existing assistants keep what they run.
 */
@RestController
public class AssistantTemplateController {
    private final AssistantTemplates templates;

    public AssistantTemplateController(AssistantTemplates templates) {
        this.templates = templates;
    }

    /** 201 with the stored version (1 for a new name, else the next); 400 {@code invalid-request} naming bad fields. */
    @PostMapping("/api/v1/assistant-templates")
    public ResponseEntity<AssistantTemplateView> addVersion(@RequestBody AssistantTemplateRequest body) {
        AssistantTemplate added = templates.addVersion(body.toNewTemplate());
        return ResponseEntity.created(URI.create("/api/v1/assistant-templates/" + added.name()))
                .body(AssistantTemplateView.of(added, templates.isDefault(added.name())));
    }

    /** The latest version of every template. */
    @GetMapping("/api/v1/assistant-templates")
    public List<AssistantTemplateView> list() {
        return templates.latestOfEach().stream()
                .map(t -> AssistantTemplateView.of(t, templates.isDefault(t.name())))
                .toList();
    }

    @GetMapping("/api/v1/assistant-templates/{name}")
    public AssistantTemplateView.Versions versions(@PathVariable String name) {
        List<AssistantTemplate> versions = templates.versions(name);
        if (versions.isEmpty()) {
            throw notFound(name, null);
        }
        boolean isDefault = templates.isDefault(name);
        return new AssistantTemplateView.Versions(name, isDefault, versions.get(versions.size() - 1).version(),
                versions.stream().map(t -> AssistantTemplateView.of(t, isDefault)).toList());
    }

    @GetMapping("/api/v1/organizations/{orgId}/assistant-template")
    public OrganizationTemplateView organizationTemplate(@PathVariable String orgId) {
        return view(orgId);
    }

    /** 200 with what the organization gets now; 400 when the template or version does not exist. */
    @PutMapping("/api/v1/organizations/{orgId}/assistant-template")
    public OrganizationTemplateView pin(@PathVariable String orgId, @RequestBody PinTemplateRequest body) {
        new FieldErrors()
                .require(body.templateName() != null && TemplateRules.NAME.matcher(body.templateName()).matches(),
                        "templateName", "must name an assistant template (GET /api/v1/assistant-templates lists them)")
                .require(body.templateVersion() == null || body.templateVersion() >= 1, "templateVersion",
                        "must be a version number (1 or more), or left out to follow the latest version")
                .require(body.pinnedBy() == null || (!body.pinnedBy().isBlank()
                                && body.pinnedBy().length() <= TemplateRules.MAX_AUTHOR_LENGTH
                                && body.pinnedBy().codePoints().noneMatch(Character::isISOControl)),
                        "pinnedBy", "must be 1 to " + TemplateRules.MAX_AUTHOR_LENGTH + " characters, one line")
                .throwIfAny();
        if (templates.pin(orgId, body.templateName(), body.templateVersion(),
                body.pinnedBy() == null ? "ops" : body.pinnedBy()).isEmpty()) {
            throw body.templateVersion() == null
                    ? ApiProblem.invalid("templateName", "names no assistant template "
                            + "(GET /api/v1/assistant-templates lists them)")
                    : ApiProblem.invalid("templateVersion", "is not a version of " + body.templateName()
                            + " (GET /api/v1/assistant-templates/" + body.templateName() + " lists them)");
        }
        return view(orgId);
    }

    /** 204: the organization gets the default template from now on (also when it was not pinned). */
    @DeleteMapping("/api/v1/organizations/{orgId}/assistant-template")
    public ResponseEntity<Void> unpin(@PathVariable String orgId) {
        templates.unpin(orgId);
        return ResponseEntity.noContent().build();
    }

    private OrganizationTemplateView view(String orgId) {
        Optional<TemplatePin> pin = templates.pin(orgId);
        Optional<AssistantTemplates.Effective> effective = templates.effective(orgId);
        return new OrganizationTemplateView(orgId, pin.isPresent(),
                effective.map(e -> e.template().name()).orElse(null),
                pin.map(TemplatePin::templateVersion).orElse(null),
                effective.map(e -> e.template().version()).orElse(null),
                effective.map(AssistantTemplates.Effective::source).orElse(null),
                pin.map(TemplatePin::pinnedAt).orElse(null),
                pin.map(TemplatePin::pinnedBy).orElse(null));
    }

    private static ApiProblem notFound(String name, Integer version) {
        return new ApiProblem(ProblemType.ASSISTANT_TEMPLATE_NOT_FOUND, "There is no assistant template " + name
                + "; GET /api/v1/assistant-templates lists them.").with("templateName", name).with("templateVersion", version);
    }
}
