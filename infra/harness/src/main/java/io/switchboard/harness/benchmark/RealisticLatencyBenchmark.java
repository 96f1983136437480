package io.switchboard.harness.benchmark;

import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Percentiles;
import io.switchboard.harness.SagaEventListener;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.sim.common.Latency;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * (c) End-to-end onboarding with the providers' documented latencies: purchase 3–8 s, each assistant 5–10 s, VAPI
 * registration 2–5 s (uniform, per call), email 1–3 s (a delaying TCP proxy in front of GreenMail). Compared with
 * the sum of the same saga's step durations — what a sequential implementation would take with the same draws —
 * and with the sum of the distributions' means (26 s).
 * <p>
 * Options: {@code --single-runs=5} sagas one at a time, then for each of {@code --concurrent=10} (a comma-separated
 * list, e.g. {@code 10,100}) that many approvals published together; {@code --timeout-seconds=300} per group;
 * {@code --vapi-max-in-flight=N} runs the VAPI worker with {@code max-in-flight-commands=N} and a ledger pool of N + 8
 * connections instead of its yml's (128 / 136): each in-flight create holds one ledger connection.
 */
final class RealisticLatencyBenchmark {
    static final double SEQUENTIAL_MEAN_SECONDS = 5.5 + 7.5 + 7.5 + 3.5 + 2.0;

    private RealisticLatencyBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int sequentialRuns = args.getInt("single-runs", 5);
        List<Integer> concurrentGroups = java.util.Arrays.stream(args.get("concurrent", "10").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        long timeoutNanos = Duration.ofSeconds(args.getInt("timeout-seconds", 300)).toNanos();
        TwilioSimulatorConfig twilio = TwilioSimulatorConfig.defaults().withLatency(Latency.perOperation(Latency.none(),
                Map.of("CreateIncomingPhoneNumber", uniform(3, 8))));
        VapiSimulatorConfig vapi = VapiSimulatorConfig.defaults().withLatency(Latency.perOperation(Latency.none(),
                Map.of("AssistantController_create", uniform(5, 10), "PhoneNumberController_create", uniform(2, 5))));
        try (SwitchboardSystem system = Loopback.start(twilio, vapi, EnumSet.noneOf(Services.Kind.class), Map.of());
             DelayingTcpProxy smtpDelay = new DelayingTcpProxy(system.stack().smtp().port(), 1000, 3000)) {
            int vapiInFlight = args.getInt("vapi-max-in-flight", 0);
            for (Services.Kind kind : Services.Kind.values()) {
                Map<String, String> overrides = Map.of();
                if (kind == Services.Kind.NOTIFIER) {
                    overrides = Map.of("spring.mail.port", Integer.toString(smtpDelay.port()));
                } else if (kind == Services.Kind.VAPI_WORKER && vapiInFlight > 0) {
                    overrides = Map.of("switchboard.messaging.max-in-flight-commands", Integer.toString(vapiInFlight),
                            "spring.datasource.hikari.maximum-pool-size", Integer.toString(vapiInFlight + 8));
                }
                system.startService(kind, overrides);
            }
            Database db = Loopback.database(system);
            report.line("### (c) realistic provider latencies (purchase 3–8 s, assistants 5–10 s each, registration 2–5 s, email 1–3 s)");
            try (EventPublisher publisher = new EventPublisher(system.stack().kafka().bootstrapServers());
                 SagaEventListener listener = new SagaEventListener(system.stack().kafka().bootstrapServers())) {
                List<String> single = new ArrayList<>();
                List<Double> singleE2e = new ArrayList<>();
                for (int i = 0; i < sequentialRuns; i++) {
                    String orgId = "real-single-" + i;
                    single.add(orgId);
                    singleE2e.add(runAndWait(List.of(orgId), publisher, listener, timeoutNanos).get(0));
                }
                describe(report, "one saga at a time", single, singleE2e, db);
                int group = 0;
                for (int concurrent : concurrentGroups) {
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < concurrent; i++) {
                        batch.add("real-batch-" + group + "-" + i);
                    }
                    describe(report, concurrent + " sagas started together", batch,
                            runAndWait(batch, publisher, listener, timeoutNanos), db);
                    group++;
                }
            }
        }
    }

    private static Latency uniform(int minSeconds, int maxSeconds) {
        return Latency.uniform(Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds));
    }

    private static List<Double> runAndWait(List<String> orgs, EventPublisher publisher, SagaEventListener listener,
                                           long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < orgs.size(); i++) {
            publisher.approve(orgs.get(i), "Realistic " + orgs.get(i), AreaCodes.forIndex(i + 100));
        }
        publisher.flush();
        while (orgs.stream().anyMatch(o -> listener.ended(o) == null)) {
            if (System.nanoTime() - start > timeoutNanos) {
                throw new IllegalStateException("realistic sagas did not end within " + timeoutNanos / 1_000_000_000L + " s");
            }
            Thread.sleep(50);
        }
        return orgs.stream().map(o -> (listener.ended(o).nanos() - start) / 1e9).toList();
    }

    private static void describe(Report report, String shape, List<String> orgs, List<Double> e2eSeconds, Database db) {
        List<Double> sums = new ArrayList<>();
        for (String org : orgs) {
            sums.add(((Number) db.query("""
                    select coalesce(sum(extract(epoch from (s.finished_at - s.started_at))), 0) as seconds
                    from saga_step s join saga_instance i on i.id = s.saga_id
                    where i.org_id = ? and s.direction = 'ACTION' and s.finished_at is not null
                    """, org).get(0).get("seconds")).doubleValue());
        }
        Percentiles e2e = Percentiles.of(e2eSeconds);
        Percentiles seq = Percentiles.of(sums);
        report.line("- %s (n=%d): end-to-end %s; same sagas' steps run one after another (sum of step durations) "
                        + "mean %.1f s → **e2e/sequential = %.0f%%** (mean/mean); vs the sum of the latency means (%.0f s): %.0f%%",
                shape, orgs.size(), e2e.summary("s"), seq.mean(), 100 * e2e.mean() / seq.mean(),
                SEQUENTIAL_MEAN_SECONDS, 100 * e2e.mean() / SEQUENTIAL_MEAN_SECONDS);
        report.line("  - per step, p50 of started → finished: %s", db.query("""
                select s.step_name, round(percentile_cont(0.5) within group (order by
                       extract(epoch from (s.finished_at - s.started_at)))::numeric, 2) as p50_seconds
                from saga_step s join saga_instance i on i.id = s.saga_id
                where i.org_id = any (string_to_array(?, ',')) and s.direction = 'ACTION' and s.finished_at is not null
                group by s.step_name order by 2 desc""", String.join(",", orgs)));
        report.line("  - states: %s", db.query("select state, count(*) from saga_instance where org_id = any (string_to_array(?, ',')) group by state",
                String.join(",", orgs)));
    }
}
