package io.switchboard.harness.benchmark;

import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Percentiles;
import io.switchboard.harness.SagaEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.launcher.Services;
import io.switchboard.messaging.worker.CommandMetrics;
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
            Map<String, Segments> segments = new LinkedHashMap<>();
            ProviderTime providerTime;
            WorkerTime workerTime;
            try (EventPublisher publisher = new EventPublisher(bootstrap);
                 SagaEventListener listener = new SagaEventListener(bootstrap);
                 StepTap tap = new StepTap(bootstrap)) {
                ProviderTime providerBefore = null;
                WorkerTime workersBefore = null;
                for (int i = 0; i < warmupSagas + sagas; i++) {
                    if (i == warmupSagas) {
                        providerBefore = ProviderTime.now(system);
                        workersBefore = WorkerTime.now(system);
                    }
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
                providerTime = ProviderTime.now(system).since(providerBefore);
                workerTime = WorkerTime.now(system).since(workersBefore);
                Thread.sleep(500); // the tap's last poll
                for (String step : REMOTE_STEPS) {
                    segments.put(step, Segments.of(db, tap, step));
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
            report.line("");
            report.line("Where a round trip goes (p50 of each part, ms; record CreateTimes, millisecond resolution):");
            report.line("");
            report.line("| step | n | orchestrator: apply → command sent | worker: command sent → reply sent (1 hop, "
                    + "poll, provider calls, ledger) | of it at the simulator, mean | orchestrator: reply sent → applied "
                    + "| round trip net of the simulator (p50 − mean) | ÷ raw p50 |");
            report.line("| --- | --- | --- | --- | --- | --- | --- | --- |");
            for (var e : segments.entrySet()) {
                Segments s = e.getValue();
                double atProvider = providerTime.perSagaMillis(STEP_OPERATIONS.get(e.getKey()), sagas);
                double net = steps.get(e.getKey()).at(50) - atProvider;
                report.line("| `%s` | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f× |", e.getKey(), s.out().count(),
                        s.out().at(50), s.worker().at(50), atProvider, s.in().at(50), net, net / raw);
            }
            report.line("");
            report.line("The same round trips net of the provider calls as the workers timed them (client side: "
                    + "HTTP client, connection and the simulator; SMTP to GreenMail for the email), mean per command "
                    + "(`%s` / `%s`):", CommandMetrics.HANDLING, CommandMetrics.PROVIDER);
            report.line("");
            report.line("| step | command handled, mean | of it provider calls, mean | worker's own | round trip p50 "
                    + "net of provider calls | ÷ raw p50 |");
            report.line("| --- | --- | --- | --- | --- | --- |");
            for (String step : REMOTE_STEPS) {
                String command = STEP_COMMANDS.get(step);
                double handled = workerTime.meanMillis(CommandMetrics.HANDLING, command);
                double provider = workerTime.meanMillis(CommandMetrics.PROVIDER, command);
                double net = steps.get(step).at(50) - provider;
                report.line("| `%s` (%s) | %.1f | %.1f | %.1f | %.1f | %.2f× |", step, command, handled, provider,
                        handled - provider, net, net / raw);
            }
            report.line("");
            report.line("Simulator time per saga by operation (request read → response written; count, ms): %s",
                    providerTime.describe(sagas));
        }
    }

    /**
     * The simulator operations each step's worker calls (first attempt, nothing to adopt): the register-number worker
     * searches the number's registration, checks the assistant it binds, imports it; acquire-number looks for a number
     * tagged with its request, searches and buys; each assistant step creates one. The email goes to GreenMail, which
     * is not timed. An operation two steps share is split evenly between them.
     */
    private static final Map<String, List<String>> STEP_OPERATIONS = Map.of(
            "register-number", List.of("vapi:AssistantController_findOne", "vapi:PhoneNumberController_findAll",
                    "vapi:PhoneNumberController_findAllPaginated", "vapi:PhoneNumberController_create"),
            "acquire-number", List.of("twilio:ListIncomingPhoneNumber", "twilio:ListAvailablePhoneNumberLocal",
                    "twilio:CreateIncomingPhoneNumber", "twilio:UpdateIncomingPhoneNumber"),
            "create-inbound-assistant", List.of("vapi:AssistantController_create/2"),
            "create-outbound-assistant", List.of("vapi:AssistantController_create/2"),
            "send-approval-email", List.of());

    private static final Map<String, String> STEP_COMMANDS = Map.of(
            "register-number", "RegisterPhoneNumber", "send-approval-email", "SendApprovalEmail",
            "acquire-number", "AcquireNumber", "create-inbound-assistant", "CreateAssistant",
            "create-outbound-assistant", "CreateAssistant");

    /**
     * The workers' command timers ({@link CommandMetrics}), summed per timer name and command type over every worker
     * and outcome: {@code name|command} → [count, total ns].
     */
    record WorkerTime(Map<String, long[]> timers) {
        static WorkerTime now(SwitchboardSystem system) {
            Map<String, long[]> timers = new java.util.HashMap<>();
            for (Services.Kind kind : List.of(Services.Kind.TWILIO_WORKER, Services.Kind.VAPI_WORKER,
                    Services.Kind.NOTIFIER)) {
                MeterRegistry registry = system.service(kind).orElseThrow().context().getBean(MeterRegistry.class);
                for (String name : List.of(CommandMetrics.HANDLING, CommandMetrics.PROVIDER)) {
                    for (Timer timer : registry.find(name).timers()) {
                        long[] sum = timers.computeIfAbsent(name + "|" + timer.getId().getTag("command"),
                                k -> new long[2]);
                        sum[0] += timer.count();
                        sum[1] += (long) timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
                    }
                }
            }
            return new WorkerTime(timers);
        }

        WorkerTime since(WorkerTime earlier) {
            Map<String, long[]> delta = new java.util.HashMap<>();
            timers.forEach((key, sum) -> {
                long[] before = earlier.timers.getOrDefault(key, new long[2]);
                delta.put(key, new long[]{sum[0] - before[0], sum[1] - before[1]});
            });
            return new WorkerTime(delta);
        }

        double meanMillis(String name, String command) {
            long[] sum = timers.getOrDefault(name + "|" + command, new long[2]);
            return sum[0] == 0 ? Double.NaN : sum[1] / 1e6 / sum[0];
        }
    }

    /** The simulators' request counts and held time per operation, keyed {@code provider:operation}. */
    record ProviderTime(Map<String, Long> counts, Map<String, Long> nanos) {
        static ProviderTime now(SwitchboardSystem system) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            Map<String, Long> nanos = new java.util.TreeMap<>();
            system.twilio().stats().snapshot().forEach((op, n) -> counts.put("twilio:" + op, n));
            system.twilio().stats().nanosSnapshot().forEach((op, n) -> nanos.put("twilio:" + op, n));
            system.vapi().stats().snapshot().forEach((op, n) -> counts.put("vapi:" + op, n));
            system.vapi().stats().nanosSnapshot().forEach((op, n) -> nanos.put("vapi:" + op, n));
            return new ProviderTime(counts, nanos);
        }

        ProviderTime since(ProviderTime earlier) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            Map<String, Long> nanos = new java.util.TreeMap<>();
            this.counts.forEach((op, n) -> counts.put(op, n - earlier.counts.getOrDefault(op, 0L)));
            this.nanos.forEach((op, n) -> nanos.put(op, n - earlier.nanos.getOrDefault(op, 0L)));
            return new ProviderTime(counts, nanos);
        }

        /** @param operations {@code provider:operation}, with {@code /k} when k steps share it */
        double perSagaMillis(List<String> operations, int sagas) {
            double total = 0;
            for (String operation : operations) {
                int slash = operation.indexOf('/');
                String key = slash < 0 ? operation : operation.substring(0, slash);
                int share = slash < 0 ? 1 : Integer.parseInt(operation.substring(slash + 1));
                total += nanos.getOrDefault(key, 0L) / 1e6 / share;
            }
            return total / sagas;
        }

        String describe(int sagas) {
            StringBuilder out = new StringBuilder();
            counts.forEach((op, n) -> {
                if (n > 0) {
                    out.append(out.isEmpty() ? "" : "; ").append(String.format("%s %.1f× %.1f ms", op,
                            n / (double) sagas, nanos.getOrDefault(op, 0L) / 1e6 / sagas));
                }
            });
            return out.toString();
        }
    }

    /**
     * A step's round trips cut at the moments its command and its reply were produced: {@code out} from the start of
     * the transaction that wrote the command (the step's {@code attempt_started_at}) to the command's send,
     * {@code worker} from there to the reply's send, {@code in} from there to the start of the transaction that
     * applied it ({@code finished_at}).
     */
    record Segments(Percentiles out, Percentiles worker, Percentiles in) {
        static Segments of(Database db, StepTap tap, String step) {
            List<Double> out = new ArrayList<>();
            List<Double> worker = new ArrayList<>();
            List<Double> in = new ArrayList<>();
            for (Map<String, Object> row : db.query("""
                    select s.saga_id::text as saga_id,
                           extract(epoch from s.attempt_started_at) * 1000 as started_ms,
                           extract(epoch from s.finished_at) * 1000 as finished_ms
                    from saga_step s join saga_instance i on i.id = s.saga_id
                    where i.org_id like 'ovh-%' and i.org_id not like 'ovh-warm-%'
                      and s.step_name = ? and s.direction = 'ACTION' and s.status = 'SUCCEEDED' and s.attempt = 1
                    """, step)) {
                double started = ((Number) row.get("started_ms")).doubleValue();
                double finished = ((Number) row.get("finished_ms")).doubleValue();
                tap.of((String) row.get("saga_id"), step, 1).ifPresent(sent -> {
                    out.add(sent.commandAt() - started);
                    worker.add((double) (sent.replyAt() - sent.commandAt()));
                    in.add(finished - sent.replyAt());
                });
            }
            return new Segments(Percentiles.of(out), Percentiles.of(worker), Percentiles.of(in));
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
