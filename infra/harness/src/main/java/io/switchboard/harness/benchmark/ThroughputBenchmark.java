package io.switchboard.harness.benchmark;

import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Percentiles;
import io.switchboard.harness.SagaEventListener;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (b) Onboarding sagas per second at saturation on zero-latency simulators, and end-to-end latency
 * (publish → SagaCompleted on the saga-events topic). Two shapes, because p99 "at saturation" of an unbounded queue
 * only measures the queue: a burst of N approvals gives the saturated completion rate; paced runs at fixed offered
 * rates give the latency a caller sees below saturation.
 */
final class ThroughputBenchmark {
    private ThroughputBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int burst = args.getInt("burst", 1000);
        int[] rates = Arrays.stream(args.get("rates", "10,25,50").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.getInt("paced-seconds", 30);
        try (SwitchboardSystem system = Loopback.start(TwilioSimulatorConfig.defaults().withNumbersPerAreaCode(100),
                VapiSimulatorConfig.defaults(), EnumSet.allOf(Services.Kind.class), Map.of(),
                Loopback.postgresConfig(args));
             EventPublisher publisher = new EventPublisher(system.stack().kafka().bootstrapServers());
             SagaEventListener listener = new SagaEventListener(system.stack().kafka().bootstrapServers())) {
            Database db = Loopback.database(system);
            runPaced("warm", 10, 10, publisher, listener, null); // JIT and connection pools, not reported
            report.line("### (b) throughput and latency — zero-latency simulators, all services in one JVM, PostgreSQL "
                    + "fsync/synchronous_commit %s", Loopback.durability(db));
            Map<String, Long> published = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            List<EventPublisher.Sent> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String orgId = "tp-burst-" + i;
                published.put(orgId, System.nanoTime());
                sent.add(publisher.approve(orgId, "Burst " + i, AreaCodes.forIndex(i)));
            }
            sent.forEach(EventPublisher.Sent::await);
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            Result r = await(published, listener, 600);
            report.line("- burst of %d approvals (published in %.1f s): %d ended (%d COMPLETED) in %.1f s → "
                            + "**%.1f sagas/s overall, %.1f sagas/s steady state** (10th→90th percentile of completions); "
                            + "latency incl. queueing %s",
                    burst, publishSeconds, r.ended(), r.completed(), r.spanSeconds(), r.ended() / r.spanSeconds(),
                    r.steadyRate(), r.latency().summary("ms"));
            report.line("  - saga rows: %s", db.query("select state, count(*) from saga_instance where org_id like 'tp-burst-%' group by state"));
            for (int rate : rates) {
                Result paced = runPaced("rate" + rate, rate, seconds, publisher, listener, null);
                report.line("- paced %d approvals/s for %d s: %d/%d ended, completion rate %.1f/s, latency %s",
                        rate, seconds, paced.ended(), rate * seconds, paced.ended() / paced.spanSeconds(),
                        paced.latency().summary("ms"));
            }
        }
    }

    private static Result runPaced(String tag, int rate, int seconds, EventPublisher publisher,
                                   SagaEventListener listener, Report report) throws InterruptedException {
        Map<String, Long> published = new LinkedHashMap<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < rate * seconds; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String orgId = "tp-" + tag + "-" + i;
            published.put(orgId, System.nanoTime());
            publisher.approve(orgId, "Paced " + i, AreaCodes.forIndex(i + 3));
        }
        publisher.flush();
        return await(published, listener, 300);
    }

    private static Result await(Map<String, Long> published, SagaEventListener listener, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && published.keySet().stream().anyMatch(o -> listener.ended(o) == null)) {
            Thread.sleep(100);
        }
        List<Double> latencies = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        int completed = 0;
        long first = published.values().stream().mapToLong(Long::longValue).min().orElse(0);
        for (var e : published.entrySet()) {
            SagaEventListener.Ended end = listener.ended(e.getKey());
            if (end != null) {
                latencies.add((end.nanos() - e.getValue()) / 1e6);
                ends.add(end.nanos());
                completed += end.event().kind().name().equals("SagaCompleted") ? 1 : 0;
            }
        }
        ends.sort(null);
        double span = ends.isEmpty() ? Double.NaN : (ends.get(ends.size() - 1) - first) / 1e9;
        double steady = Double.NaN;
        if (ends.size() >= 10) {
            int lo = ends.size() / 10;
            int hi = ends.size() * 9 / 10;
            steady = (hi - lo) / ((ends.get(hi) - ends.get(lo)) / 1e9);
        }
        return new Result(ends.size(), completed, span, steady, Percentiles.of(latencies));
    }

    record Result(int ended, int completed, double spanSeconds, double steadyRate, Percentiles latency) {
    }
}
