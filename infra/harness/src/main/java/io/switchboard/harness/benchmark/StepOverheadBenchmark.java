package io.switchboard.harness.benchmark;

import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Percentiles;
import io.switchboard.harness.SagaEventListener;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * (a) Orchestration overhead per step. Runs onboarding sagas one at a time on zero-latency simulators and reads each
 * remote step's round trip from saga_step (attempt_started_at = the transaction that wrote the command to the outbox,
 * finished_at = the transaction that applied the reply): outbox publish → worker (incl. its provider HTTP calls) →
 * reply → inbox + state commit. The raw baseline runs in the same JVM against the same broker and database, before and
 * after the sagas, so machine noise hits both.
 */
final class StepOverheadBenchmark {
    private static final List<String> REMOTE_STEPS = List.of("register-number", "send-approval-email",
            "acquire-number", "create-inbound-assistant", "create-outbound-assistant");

    private StepOverheadBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int sagas = args.getInt("sagas", 60);
        int warmupSagas = 10;
        // The raw baseline commits to the same server, with the same durability.
        try (SwitchboardSystem system = Loopback.start(TwilioSimulatorConfig.defaults(), VapiSimulatorConfig.defaults(),
                EnumSet.allOf(Services.Kind.class), Map.of(), Loopback.postgresConfig(args))) {
            Database db = Loopback.database(system);
            String bootstrap = system.stack().kafka().bootstrapServers();
            Percentiles rawBefore = RawRoundTrip.measure(bootstrap, db, 100, 300);
            List<Double> sagaMillis = new ArrayList<>();
            try (EventPublisher publisher = new EventPublisher(bootstrap);
                 SagaEventListener listener = new SagaEventListener(bootstrap)) {
                for (int i = 0; i < warmupSagas + sagas; i++) {
                    String orgId = (i < warmupSagas ? "ovh-warm-" : "ovh-") + i;
                    long start = System.nanoTime();
                    // One area code per saga: the simulator sells at most 100 numbers in an area code (fewer by default),
                    // and a run that ran out would time compensations instead of onboardings.
                    publisher.approve(orgId, "Overhead " + i, io.switchboard.harness.AreaCodes.forIndex(i)).await();
                    long ended = listener.awaitCompleted(orgId, start, Duration.ofSeconds(60));
                    if (i >= warmupSagas) {
                        sagaMillis.add((ended - start) / 1e6);
                    }
                }
            }
            Percentiles rawAfter = RawRoundTrip.measure(bootstrap, db, 100, 300);
            Percentiles providerCall = simulatorCall(system);

            Map<String, Percentiles> steps = new LinkedHashMap<>();
            for (String step : REMOTE_STEPS) {
                steps.put(step, Percentiles.of(db.query("""
                        select extract(epoch from (s.finished_at - s.attempt_started_at)) * 1000 as ms
                        from saga_step s join saga_instance i on i.id = s.saga_id
                        where i.org_id like 'ovh-%' and i.org_id not like 'ovh-warm-%'
                          and s.step_name = ? and s.direction = 'ACTION' and s.status = 'SUCCEEDED' and s.attempt = 1
                        """, step).stream().map(r -> ((Number) r.get("ms")).doubleValue()).toList()));
            }
            report.line("### (a) step overhead — %d sequential onboarding sagas, zero-latency simulators, PostgreSQL "
                    + "fsync/synchronous_commit %s", sagas, Loopback.durability(db));
            report.line("- raw baseline before (produce→consume→produce→consume + 1 DB commit): %s", rawBefore.summary("ms"));
            report.line("- raw baseline after: %s", rawAfter.summary("ms"));
            report.line("- one simulator HTTP call (GET /assistant?limit=1, keep-alive): %s", providerCall.summary("ms"));
            double raw = (rawBefore.at(50) + rawAfter.at(50)) / 2;
            for (var e : steps.entrySet()) {
                report.line("- step `%s` round trip: %s → p50 ratio to raw p50 %.2f×", e.getKey(),
                        e.getValue().summary("ms"), e.getValue().at(50) / raw);
            }
            report.line("- whole saga, publish → SagaCompleted seen by a consumer (7 steps, 5 remote): %s",
                    Percentiles.of(sagaMillis).summary("ms"));
        }
    }

    /** What a provider call costs by itself on loopback, to read the step figure against. */
    private static Percentiles simulatorCall(SwitchboardSystem system) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.vapi().baseUrl() + "/assistant?limit=1"))
                .header("Authorization", "Bearer " + system.vapi().config().apiKey()).build();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            if (i >= 50) {
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return Percentiles.of(ms);
    }
}
