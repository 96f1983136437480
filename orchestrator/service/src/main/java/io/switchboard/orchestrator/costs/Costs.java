package io.switchboard.orchestrator.costs;

import io.switchboard.orchestrator.pool.PoolProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts what the lines and the pool hold, from the orchestrator's own records (the lines' {@code ai_config}, the
 * numbers organizations added to them, {@code line_number}, the {@code number_pool}), and prices it. A line being taken down ({@code deactivating}) still counts until its number
 * is gone: it is still paid for.
 */
public class Costs {
    /**
     * Where a line's number lives: a free VAPI number has no Twilio SID; a Twilio number is in the organization's own
     * account when the line names a credential, else in the platform's.
     */
    private static final String LINE_NUMBERS = """
            select org_id,
                   case when number_source = 'VAPI_FREE' and vapi_phone_number_id is not null then 'vapi'
                        when number_source is distinct from 'VAPI_FREE' and number_sid is not null
                             and coalesce(twilio_credential_id, '') = '' then 'platform'
                        when number_source is distinct from 'VAPI_FREE' and number_sid is not null then 'organization'
                   end as place,
                   (inbound_assistant_id is not null)::int + (outbound_assistant_id is not null)::int as assistants
            from ai_config
            union all
            select org_id, case when coalesce(twilio_credential_id, '') = '' then 'platform' else 'organization' end,
                   0
            from line_number""";

    private final JdbcTemplate jdbc;
    private final CostProperties prices;
    private final PoolProperties pool;

    public Costs(JdbcTemplate jdbc, CostProperties prices, PoolProperties pool) {
        this.jdbc = jdbc;
        this.prices = prices;
        this.pool = pool;
    }

    public CostReport report() {
        List<OrganizationCost> organizations = perOrganization(jdbc.query(
                "select * from (" + LINE_NUMBERS + ") held order by org_id",
                (rs, i) -> line(rs.getString(1), rs.getString(2), rs.getLong(3))));
        NumberCounts numbers = NumberCounts.NONE;
        long assistants = 0;
        for (OrganizationCost organization : organizations) {
            numbers = numbers.plus(organization.numbers());
            assistants += organization.assistants();
        }
        NumberCounts pooled = pooledNumbers();
        return new CostReport(numbers, pooled, assistants, MonthlyCost.of(numbers.plus(pooled), assistants, prices),
                MonthlyCost.of(pooled, 0, prices), limits(numbers.vapiFree()), organizations);
    }

    /** One organization's line; nothing when it has none. */
    public OrganizationCost of(String orgId) {
        Optional<OrganizationCost> line = perOrganization(jdbc.query(
                "select * from (" + LINE_NUMBERS + ") held where org_id = ?",
                (rs, i) -> line(rs.getString(1), rs.getString(2), rs.getLong(3)), orgId)).stream().findFirst();
        return line.orElseGet(() -> line(orgId, null, 0));
    }

    /** One entry per organization: its line's row and one per number it added, summed (rows come by org_id). */
    private List<OrganizationCost> perOrganization(List<OrganizationCost> rows) {
        List<OrganizationCost> merged = new ArrayList<>();
        for (OrganizationCost row : rows) {
            OrganizationCost last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.orgId().equals(row.orgId())) {
                NumberCounts numbers = last.numbers().plus(row.numbers());
                long assistants = last.assistants() + row.assistants();
                merged.set(merged.size() - 1, new OrganizationCost(row.orgId(), numbers, assistants,
                        MonthlyCost.of(numbers, assistants, prices)));
            } else {
                merged.add(row);
            }
        }
        return merged;
    }

    private OrganizationCost line(String orgId, String place, long assistants) {
        NumberCounts numbers = place == null ? NumberCounts.NONE : switch (place) {
            case "vapi" -> new NumberCounts(0, 0, 1);
            case "platform" -> new NumberCounts(1, 0, 0);
            default -> new NumberCounts(0, 1, 0);
        };
        return new OrganizationCost(orgId, numbers, assistants, MonthlyCost.of(numbers, assistants, prices));
    }

    /** The pool holds Twilio numbers only; one pooled in an organization's account (an old line saga's) is its. */
    private NumberCounts pooledNumbers() {
        return jdbc.queryForObject("""
                        select count(*) filter (where coalesce(twilio_credential_id, '') = ''),
                               count(*) filter (where coalesce(twilio_credential_id, '') <> '')
                        from number_pool""",
                (rs, i) -> new NumberCounts(rs.getLong(1), rs.getLong(2), 0));
    }

    private NumberLimits limits(long vapiFreeInUse) {
        List<NumberLimits.TrialAccount> trials = jdbc.query("""
                        select coalesce(nullif(twilio_credential_id, ''), 'platform'), count(*) from ai_config
                        where number_source = 'TRIAL_EXISTING' and number_sid is not null
                        group by 1 order by 1""",
                (rs, i) -> new NumberLimits.TrialAccount(rs.getString(1), NumberLimits.Limit.of(
                        prices.trialAccountNumberLimit(), rs.getLong(2), prices.alertHeadroom())));
        return new NumberLimits(NumberLimits.Limit.of(pool.vapiFreeNumberLimit(), vapiFreeInUse, prices.alertHeadroom()),
                trials);
    }
}
