package io.switchboard.orchestrator.costs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The totals of {@link CostReport} as Prometheus gauges (per organization they would be one series per tenant; the
 * API and the CLI give those):
 * <ul>
 *   <li>{@code switchboard_numbers{place}}: the lines' numbers ({@code platform_twilio}, {@code organization_twilio},
 *       {@code vapi_free}) and the pool's ({@code pool});</li>
 *   <li>{@code switchboard_assistants};</li>
 *   <li>{@code switchboard_monthly_cost{currency,part}}: {@code total}, {@code in_organization_accounts};</li>
 *   <li>{@code switchboard_number_limit_remaining{limit}}: numbers left under VAPI's free-number limit
 *       ({@code vapi_free}) and under the fullest known trial account's ({@code trial_account}; the trial limit when
 *       no line uses a trial number);</li>
 *   <li>{@code switchboard_number_limit_near{limit}}: 1 when that headroom is at most
 *       {@code switchboard.costs.alert-headroom} — the alert.</li>
 * </ul>
 * One scrape reads the database once: the report is kept for {@code switchboard.costs.metrics-refresh}.
 */
public final class CostGauges {
    private final Costs costs;
    private final CostProperties properties;
    private final Clock clock;
    private CostReport report;
    private Instant readAt = Instant.MIN;

    public CostGauges(Costs costs, CostProperties properties, Clock clock) {
        this.costs = costs;
        this.properties = properties;
        this.clock = clock;
    }

    public void bindTo(MeterRegistry registry) {
        number(registry, "platform_twilio", r -> r.numbers().platformTwilio());
        number(registry, "organization_twilio", r -> r.numbers().organizationTwilio());
        number(registry, "vapi_free", r -> r.numbers().vapiFree());
        number(registry, "pool", r -> r.pooledNumbers().total());
        gauge(registry, "switchboard.assistants", "assistants of every line", r -> r.assistants());
        Gauge.builder("switchboard.monthly.cost", this, g -> g.read(r -> r.monthlyCost().total().doubleValue()))
                .tags("currency", properties.currency(), "part", "total")
                .description("monthly cost of numbers and assistants at switchboard.costs prices").register(registry);
        Gauge.builder("switchboard.monthly.cost", this,
                        g -> g.read(r -> r.monthlyCost().inOrganizationAccounts().doubleValue()))
                .tags("currency", properties.currency(), "part", "in_organization_accounts")
                .description("monthly cost of numbers and assistants at switchboard.costs prices").register(registry);
        limit(registry, "vapi_free", r -> r.limits().vapiFree().remaining());
        limit(registry, "trial_account", this::fullestTrialAccount);
    }

    private void number(MeterRegistry registry, String place, ToDoubleFunction<CostReport> value) {
        Gauge.builder("switchboard.numbers", this, g -> g.read(value)).tag("place", place)
                .description("numbers held, by where they live").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<CostReport> value) {
        Gauge.builder(name, this, g -> g.read(value)).description(description).register(registry);
    }

    private void limit(MeterRegistry registry, String limit, ToDoubleFunction<CostReport> remaining) {
        Gauge.builder("switchboard.number.limit.remaining", this, g -> g.read(remaining)).tag("limit", limit)
                .description("numbers left under a provider's number limit").register(registry);
        Gauge.builder("switchboard.number.limit.near", this,
                        g -> g.read(r -> remaining.applyAsDouble(r) <= properties.alertHeadroom() ? 1 : 0))
                .tag("limit", limit)
                .description("1 when at most switchboard.costs.alert-headroom numbers are left under the limit")
                .register(registry);
    }

    private double fullestTrialAccount(CostReport report) {
        return report.limits().trialAccounts().stream().mapToLong(t -> t.numbers().remaining()).min()
                .orElse(properties.trialAccountNumberLimit());
    }

    private synchronized double read(ToDoubleFunction<CostReport> value) {
        Instant now = clock.instant();
        if (report == null || Duration.between(readAt, now).compareTo(properties.metricsRefresh()) >= 0) {
            report = costs.report();
            readAt = now;
        }
        return value.applyAsDouble(report);
    }
}
