package io.switchboard.orchestrator.batches;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.orchestrator.organizations.OrganizationRecord;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which organizations a batch acts on, and what it would do to each: the selection (explicit ids, or a filter over
 * the lines and upstream's word), then per organization the decision the intake's {@link SagaLauncher} would take
 * now. An organization busy with a saga (or with requests waiting) is decided only when its turn comes, so it is
 * never skipped for a state its running saga is about to change.
 */
public class BatchPlanner {
    private final JdbcTemplate jdbc;
    private final SagaLauncher launcher;
    private final AiConfigRepository configs;
    private final SagaStore sagas;
    private final Organizations organizations;

    public BatchPlanner(JdbcTemplate jdbc, SagaLauncher launcher, AiConfigRepository configs,
                        SagaStore sagas, Organizations organizations) {
        this.jdbc = jdbc;
        this.launcher = launcher;
        this.configs = configs;
        this.sagas = sagas;
        this.organizations = organizations;
    }

    /** What one item does: start a saga (maybe after the organization's running one), or nothing, and why. */
    public record Plan(boolean skip, String text) {
        static Plan act(String text) {
            return new Plan(false, text);
        }

        static Plan skip(String reason) {
            return new Plan(true, reason);
        }
    }

    /** The organizations, in a stable order, without duplicates; a filter matching too many is refused. */
    public List<String> select(BatchSelector selector, BatchKind kind, int maxItems) {
        if (selector.orgIds() != null) {
            return List.copyOf(new LinkedHashSet<>(selector.orgIds()));
        }
        List<String> found = filtered(selector.filter(), kind, maxItems + 1);
        if (found.size() > maxItems) {
            throw ApiProblem.invalid("filter", "matches more than " + maxItems + " organizations "
                    + "(switchboard.batches.max-items); narrow it, or split the work into several batches");
        }
        return found;
    }

    private List<String> filtered(BatchFilter filter, BatchKind kind, int limit) {
        StringBuilder sql = new StringBuilder("select o.org_id from (select org_id from ai_config union "
                + "select org_id from organization) o left join ai_config c on c.org_id = o.org_id "
                + "left join organization g on g.org_id = o.org_id where true");
        List<Object> args = new ArrayList<>();
        if ("none".equals(filter.lineStatus())) {
            sql.append(" and c.org_id is null");
        } else if (filter.lineStatus() != null) {
            sql.append(" and c.status = ?");
            args.add(filter.lineStatus());
        }
        if (filter.hasNumber() != null) {
            sql.append(filter.hasNumber() ? " and " + HAS_NUMBER : " and c.org_id is not null and not " + HAS_NUMBER);
        }
        if (filter.organizationStatus() != null) {
            sql.append(" and g.status = ?");
            args.add(filter.organizationStatus());
        }
        if (filter.inboundAi() != null) {
            sql.append(" and g.inbound_ai = ?");
            args.add(filter.inboundAi());
        }
        if (filter.setupBefore() != null) {
            sql.append(" and c.setup_date < ?");
            args.add(Timestamp.from(Instant.parse(filter.setupBefore())));
        }
        if (filter.orgIdPrefix() != null) {
            sql.append(" and starts_with(o.org_id, ?)");
            args.add(filter.orgIdPrefix());
        }
        if (kind == BatchKind.ASSIGN_NUMBERS) {
            // Only lines that exist and have no number; the plan says why any other named organization is skipped.
            sql.append(" and c.org_id is not null and not " + HAS_NUMBER);
        } else if (kind == BatchKind.UPDATE_ASSISTANTS) {
            // Only lines with assistants; named organizations without are skipped with the reason.
            sql.append(" and (c.inbound_assistant_id is not null or c.outbound_assistant_id is not null)");
        }
        sql.append(" order by o.org_id limit ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }

    private static final String HAS_NUMBER =
            "(c.number_sid is not null or c.phone_number is not null or c.vapi_phone_number_id is not null)";

    /** What the item would do if its turn came now. Reads only; runs in the caller's transaction. */
    public Plan plan(BatchKind kind, String orgId, Object request) {
        if (kind == BatchKind.ASSIGN_NUMBERS) {
            Optional<Plan> refused = refuseAssignNumber(orgId);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        Optional<SagaInstance> running = sagas.ofOrgIn(orgId,
                List.of(SagaState.RUNNING, SagaState.COMPENSATING)).stream().findFirst();
        if (running.isPresent()) {
            return Plan.act("queued behind " + running.get().sagaType() + " saga " + running.get().id()
                    + "; decided when the organization's turn comes");
        }
        if (hasWaitingRequests(orgId)) {
            return Plan.act("queued behind the organization's waiting events; decided when its turn comes");
        }
        SagaLauncher.Decision decision = launcher.decide(request);
        if (decision instanceof SagaLauncher.Start start) {
            return Plan.act(start.action() != null ? start.action() : "start " + start.sagaType());
        }
        if (decision instanceof SagaLauncher.Before before) {
            return Plan.act(before.reason() + ", then decide again");
        }
        return Plan.skip(((SagaLauncher.Ignore) decision).reason());
    }

    private Optional<Plan> refuseAssignNumber(String orgId) {
        Optional<AiConfig> config = configs.findById(orgId);
        if (config.isEmpty()) {
            return Optional.of(Plan.skip("assign-numbers: the organization has no line to give a number to (set it "
                    + "up with retry-ai-setup or its InboundAiChanged(true))"));
        }
        AiConfig line = config.get();
        if (line.numberSid() != null || line.phoneNumber() != null || line.vapiPhoneNumberId() != null) {
            String number = line.phoneNumber() != null ? line.phoneNumber()
                    : line.numberSid() != null ? line.numberSid() : "a free VAPI number " + line.vapiPhoneNumberId();
            return Optional.of(Plan.skip("assign-numbers: the line has a number already (" + number + ", status "
                    + line.status() + ")"));
        }
        if (organizations.find(orgId).map(OrganizationRecord::inboundAi).filter(Boolean.FALSE::equals).isPresent()) {
            return Optional.of(Plan.skip("assign-numbers: upstream switched the organization's inbound AI off (its "
                    + "latest InboundAiChanged); an inbound-ai-on batch overrides that on purpose"));
        }
        return Optional.empty();
    }

    private boolean hasWaitingRequests(String orgId) {
        Boolean waiting = jdbc.queryForObject("select exists (select 1 from org_event where org_id = ? "
                + "and status = 'PENDING')", Boolean.class, orgId);
        return Boolean.TRUE.equals(waiting);
    }
}
