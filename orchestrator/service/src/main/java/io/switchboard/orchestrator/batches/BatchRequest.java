package io.switchboard.orchestrator.batches;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.templates.TemplateRules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/v1/batches}.
 *
 * @param kind          {@code assign-numbers}, {@code inbound-ai-on}, {@code inbound-ai-off} or
 *                      {@code update-assistants}
 * @param orgIds        the organizations, explicitly; or
 * @param filter        which organizations (at least one member); exactly one of the two
 * @param options       what each item asks for ({@code numberSource}; {@code templateName}, {@code templateVersion})
 * @param ratePerMinute items started a minute at most (default {@code switchboard.batches.default-rate-per-minute})
 * @param dryRun        resolve the items and say what each would do, start nothing (status {@code PLANNED}; a later
 *                      {@code POST …/resume} runs exactly that list)
 * @param createdBy     who asks, for the record (free text, default {@code ops})
 */
public record BatchRequest(String kind, List<String> orgIds, BatchFilter filter, BatchOptions options,
                           Integer ratePerMinute, Boolean dryRun, String createdBy) {
    static final Set<String> LINE_STATUSES = Set.of("active", "inactive", "activation_pending", "deactivating", "none");
    static final List<String> BATCH_NUMBER_SOURCES = List.of(NumberSources.POOL_FIRST, NumberSources.FORCE_TWILIO);

    /** Checks every member at once; answers {@code invalid-request} naming each wrong one. */
    void validate(BatchProperties limits) {
        BatchKind batchKind = BatchKind.of(kind).orElse(null);
        String numberSource = options == null ? null : options.numberSource();
        String templateName = options == null ? null : options.templateName();
        Integer templateVersion = options == null ? null : options.templateVersion();
        new FieldErrors()
                .require(batchKind != null, "kind", "must be one of " + String.join(", ", BatchKind.slugs()))
                .require(orgIds != null || filter != null, "orgIds",
                        "name the organizations (orgIds) or a filter: a batch needs a selector")
                .require(orgIds == null || filter == null, "filter", "give orgIds or a filter, not both")
                .require(orgIds == null || !orgIds.isEmpty(), "orgIds", "must name at least one organization")
                .require(orgIds == null || orgIds.stream().allMatch(id -> id != null && !id.isBlank()
                        && id.length() <= 200), "orgIds", "every id must be non-blank, at most 200 characters")
                .require(orgIds == null || orgIds.size() <= limits.maxItems(), "orgIds",
                        "at most " + limits.maxItems() + " organizations per batch (switchboard.batches.max-items)")
                .require(filter == null || !filter.empty(), "filter",
                        "needs at least one member (lineStatus, hasNumber, organizationStatus, inboundAi, setupBefore, "
                                + "orgIdPrefix); a batch over every organization must say so with a member")
                .require(filter == null || filter.lineStatus() == null || LINE_STATUSES.contains(filter.lineStatus()),
                        "filter.lineStatus", "must be one of " + String.join(", ", LINE_STATUSES.stream().sorted().toList()))
                .require(filter == null || filter.setupBefore() == null || instant(filter.setupBefore()),
                        "filter.setupBefore", "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z")
                .require(filter == null || filter.orgIdPrefix() == null || !filter.orgIdPrefix().isEmpty(),
                        "filter.orgIdPrefix", "must not be empty")
                .require(numberSource == null || BATCH_NUMBER_SOURCES.contains(numberSource), "options.numberSource",
                        "must be one of " + String.join(", ", BATCH_NUMBER_SOURCES))
                .require(numberSource == null || batchKind == BatchKind.ASSIGN_NUMBERS
                        || batchKind == BatchKind.INBOUND_AI_ON, "options.numberSource",
                        "goes with assign-numbers and inbound-ai-on only")
                .require(templateName == null || batchKind == BatchKind.UPDATE_ASSISTANTS, "options.templateName",
                        "goes with update-assistants only")
                .require(templateName == null || TemplateRules.NAME.matcher(templateName).matches(),
                        "options.templateName", "must name an assistant template (GET /api/v1/assistant-templates "
                                + "lists them)")
                .require(templateVersion == null || templateName != null, "options.templateVersion",
                        "goes with options.templateName")
                .require(templateVersion == null || templateVersion >= 1, "options.templateVersion",
                        "must be a version number (1 or more), or left out to follow the latest version")
                .require(ratePerMinute == null || (ratePerMinute >= 1 && ratePerMinute <= limits.maxRatePerMinute()),
                        "ratePerMinute", "must be between 1 and " + limits.maxRatePerMinute()
                                + " (switchboard.batches.max-rate-per-minute)")
                .require(createdBy == null || (!createdBy.isBlank() && createdBy.length() <= 100), "createdBy",
                        "must be non-blank, at most 100 characters")
                .throwIfAny();
    }

    BatchKind batchKind() {
        return BatchKind.of(kind).orElseThrow();
    }

    private static boolean instant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
