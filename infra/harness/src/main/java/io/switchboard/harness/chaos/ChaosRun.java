package io.switchboard.harness.chaos;

import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Classpath;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.reconcile.SimulatorAdminInventory;
import io.switchboard.infra.stack.LocalStackConfig;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.launcher.SystemOptions;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A chaos run at production shape: the Kafka broker as its own process (KRaft, data on disk), PostgreSQL with
 * {@code fsync} and {@code synchronous_commit} on, the simulators in the harness JVM (so they outlive every kill),
 * and {@code instances} processes of each of the four services. Onboarding and toggle sagas run under provider
 * faults, SIGKILLs of services, broker and database, a rolling restart, and people acting on the system; then faults
 * off, everything running again, wait for every saga to end, and check the invariants.
 */
public final class ChaosRun implements AutoCloseable {
    /** PostgreSQL as production runs it: every commit flushed to the WAL on disk before it is acknowledged. */
    static final Map<String, String> DURABLE_POSTGRES = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    /**
     * Every instance's connection pools may fill at once (a VAPI worker's is 136, a notifier's 14, the orchestrator's and
     * the Twilio worker's 10 each: 170 per instance of the four), plus the harness's own checks. The embedded server's
     * 300 did not cover two instances: run 19's final checks were refused with "too many clients".
     */
    static int maxConnections(int instances) {
        return 170 * instances + 50;
    }

    private final ChaosOptions options;
    private final SwitchboardSystem system;
    private final ProcessFleet fleet;
    private final Database db;
    private final Path logDir;

    public ChaosRun(ChaosOptions options, Path workDir) throws Exception {
        this.options = options;
        this.logDir = Files.createDirectories(workDir.resolve("logs"));
        LocalStackConfig stack = LocalStackConfig.ephemeral(Files.createDirectories(workDir.resolve("stack")));
        stack = stack.withKafka(stack.kafka().withLogDir(workDir.resolve("kafka-data"))
                        .withSeparateProcess(Classpath.forChildren()))
                .withPostgres(stack.postgres().withDataDir(workDir.resolve("postgres-data"))
                        .withServerConfig(DURABLE_POSTGRES)
                        .withServerConfig(Map.of("max_connections", Integer.toString(maxConnections(options.instances())))))
                .withTopicPartitions(6);
        this.system = SwitchboardSystem.start(SystemOptions.ephemeral(workDir.resolve("stack")).withStack(stack)
                .withTwilio(TwilioSimulatorConfig.defaults().withNumbersPerAreaCode(100).withThreads(32)
                        .withExtraAccount(TrialAccountPlay.ACCOUNT_SID, TrialAccountPlay.AUTH_TOKEN)
                        .withTrialAccount(TrialAccountPlay.ACCOUNT_SID))
                .withVapi(io.switchboard.sim.vapi.VapiSimulatorConfig.defaults().withThreads(32))
                .withServices(EnumSet.noneOf(Services.Kind.class)).withOverrides(overrides(options.stepTimeout())));
        this.fleet = new ProcessFleet(system, logDir, options.instances());
        this.db = new Database(system.stack().jdbcUrl(), system.stack().postgres().username(), system.stack().postgres().password());
    }

    /**
     * Shorter timeouts than production so a run ends in minutes: a step that hears nothing for the step timeout (its
     * worker was killed) is retried; workers give up on a provider call after 3 s (the injected timeouts hold 4 s). Client-side
     * rate limiters are lifted (the simulators do not rate-limit; 429s are injected instead) and the circuit breakers
     * re-close after 5 s rather than 30 s. Numbers given up go back to the pool (so cleanups, toggles, provisioning
     * and idle release all move pooled numbers), and a pooled number counts as idle after 2 minutes.
     */
    static Map<String, String> overrides(Duration stepTimeout) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("switchboard.sagas.step-timeout", stepTimeout.toMillis() + "ms");
        o.put("switchboard.sagas.compensation-timeout", stepTimeout.toMillis() + "ms");
        o.put("switchboard.sagas.initial-backoff", "500ms");
        o.put("switchboard.sagas.max-backoff", "5s");
        o.put("switchboard.sagas.compensation-max-backoff", "10s");
        // A provider call takes at most the 3 s read timeout here (no client-side rate-limit waits).
        o.put("switchboard.messaging.command-call-margin", "10s");
        for (String provider : List.of("twilio", "vapi")) {
            o.put("switchboard." + provider + ".read-timeout", "3s");
            o.put("switchboard." + provider + ".resilience.rate-limiter.limit-for-period", "100000");
            o.put("switchboard." + provider + ".resilience.circuit-breaker.wait-duration-in-open-state", "5s");
        }
        o.put("switchboard.pool.release-policy", "POOL");
        o.put("switchboard.pool.idle-release-after", "2m");
        o.put("switchboard.pool.idle-check-interval", "30s");
        return o;
    }

    private Map<Target, Integer> lastKills = Map.of();
    private List<Outage> outages = List.of();
    private StallReport stalls;
    private Map<String, Integer> opsOutcomes = Map.of();
    private Duration rollingRestartTook;

    public ChaosVerdict run() throws Exception {
        long t0 = System.nanoTime();
        fleet.startAll(Duration.ofMinutes(4));
        log("%d instances of each service up in %.0f s (logs in %s)", options.instances(), (System.nanoTime() - t0) / 1e9, logDir);
        TrialAccountPlay trial = new TrialAccountPlay(db, system.twilio(), fleet.orchestratorApis(),
                options.trialOrganizations(), options.seed(), options.opsEvery().multipliedBy(3));
        trial.prepare();
        FaultPlan.apply(system.twilio().faults(), options.faultRate(), options.seed());
        FaultPlan.apply(system.vapi().faults(), options.faultRate(), options.seed() + 100);

        Random random = new Random(options.seed());
        List<EventPublisher.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> orgs = new ArrayList<>();
        List<String> toggled = new ArrayList<>();
        Monkey monkey = new Monkey(fleet, system.stack(), options);
        Thread monkeyThread = new Thread(monkey, "chaos-monkey");
        Thread trialThread = new Thread(trial, "chaos-trial-account");
        String bootstrap = system.stack().kafka().bootstrapServers();
        Operator operator;
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            operator = new Operator(options, db, fleet.orchestratorApis(), publisher, sent, sent::add, bootstrap);
            Thread operatorThread = new Thread(operator, "chaos-operator");
            monkeyThread.start();
            if (!options.opsEvery().isZero()) {
                operatorThread.start();
            }
            trial.approveAll(publisher, sent::add);
            trialThread.start();
            long interval = (long) (1e9 / options.publishRate());
            long start = System.nanoTime();
            for (int i = 0; i < options.organizations(); i++) {
                String org = "chaos-" + options.seed() + "-" + i;
                orgs.add(org);
                sleepUntil(start + i * interval);
                EventPublisher.Sent approval = publisher.approve(org, "Chaos " + i, AreaCodes.forIndex(i));
                sent.add(approval);
                double dice = random.nextDouble();
                if (dice < options.duplicateShare()) {
                    // The upstream publishes the same approval twice: a new event (own id), the second starts nothing.
                    sent.add(publisher.approve(org, "Chaos " + i, AreaCodes.forIndex(i)));
                } else if (dice < options.duplicateShare() + options.burstToggleShare()) {
                    sent.add(publisher.toggle(org, false));
                    sent.add(publisher.toggle(org, true));
                } else if (dice < options.duplicateShare() + options.burstToggleShare() + options.toggleShare()) {
                    toggled.add(org);
                }
            }
            publisher.flush();
            log("published %d approvals (+%d duplicates/burst toggles/people's events) in %.0f s; %d organizations will be toggled",
                    orgs.size(), sent.size() - orgs.size(), (System.nanoTime() - start) / 1e9, toggled.size());

            Toggler toggler = new Toggler(db, publisher, toggled, sent::add);
            long deadline = System.nanoTime() + options.settleTimeout().toNanos() * 2;
            boolean togglesDone = false;
            while (!(togglesDone && !monkeyThread.isAlive()) && System.nanoTime() < deadline) {
                togglesDone = toggler.step();
                Thread.sleep(2000);
            }
            monkey.stop();
            monkeyThread.join();
            operator.stop();
            operatorThread.join();
            trial.stop();
            trialThread.join();
            log("chaos over: kills %s; toggles pending %s; people: %s", monkey.kills(), toggler.pending().size(),
                    operator.outcomes());

            system.twilio().faults().clear();
            system.vapi().faults().clear();
            fleet.ensureRunning(Duration.ofMinutes(4));
            awaitQuiet(toggler);
        }
        Thread.sleep(3000); // a last email being written out
        List<String> acknowledged = sent.stream().filter(EventPublisher.Sent::acknowledged)
                .map(EventPublisher.Sent::identity).toList();
        InvariantChecker checker = new InvariantChecker(db, system.twilio(), system.vapi(),
                new SimulatorAdminInventory(system.twilio().baseUrl(), system.vapi().baseUrl()));
        ChaosVerdict verdict = checker.check(acknowledged, system.stack().smtp().receivedMessages(),
                operator.forgeries(), DeadLetters.eventIds(bootstrap));
        lastKills = monkey.kills();
        outages = monkey.outages();
        rollingRestartTook = monkey.rollingRestartTook();
        opsOutcomes = operator.outcomes();
        stalls = StallReport.of(db, outages);
        verdict.violations().putAll(trial.check());
        verdict.counts().putAll(trial.counts());
        verdict.counts().put("forgeriesInjected", operator.forgeries().size());
        verdict.counts().put("selfExitedRestarts", fleet.crashRestarts());
        log("run took %.0f s", (System.nanoTime() - t0) / 1e9);
        return verdict;
    }

    public Map<String, Integer> kills() {
        Map<String, Integer> named = new LinkedHashMap<>();
        lastKills.forEach((k, n) -> named.put(k.label(), n));
        return named;
    }

    /**
     * For a failed verdict, the services' log lines naming what its violations name (and those lines' sagas), at most
     * {@code maxLines}: the work directory may be gone when the verdict is read. Empty for a passed one.
     */
    public String evidence(ChaosVerdict verdict, int maxLines) {
        if (verdict.passed()) {
            return "";
        }
        List<String> violations = verdict.violations().values().stream().flatMap(List::stream).toList();
        StringBuilder b = new StringBuilder("  evidence (log lines naming what the violations name, and their sagas):\n");
        ViolationEvidence.of(logDir, violations, maxLines).forEach(line -> b.append("    ").append(line).append('\n'));
        return b.toString();
    }

    /** Per broker / database restart: the stall figures (empty before {@link #run()}). */
    public String stallDetails() {
        if (stalls == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        stalls.stalls().forEach(s -> b.append("  stall: ").append(s).append('\n'));
        b.append("  stalls: ").append(stalls.summary()).append('\n');
        b.append("  rolling restart took ").append(rollingRestartTook == null ? "-" : rollingRestartTook.toSeconds() + " s").append('\n');
        b.append("  people: ").append(opsOutcomes).append('\n');
        return b.toString();
    }

    List<Outage> outages() {
        return outages;
    }

    Map<String, Integer> opsOutcomes() {
        return opsOutcomes;
    }

    /**
     * Until no saga runs, no event waits and nothing is unpublished — twice in a row, 3 s apart — or the timeout.
     */
    private void awaitQuiet(Toggler toggler) throws InterruptedException {
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline && quietChecks < 2) {
            boolean togglesDone = toggler.step();
            try {
                long active = db.count("select count(*) from saga_instance where state in ('RUNNING', 'COMPENSATING')");
                long pending = db.count("select count(*) from org_event where status = 'PENDING'");
                long unpublished = db.count("select count(*) from outbox_message where published_at is null");
                quietChecks = active == 0 && pending == 0 && unpublished == 0 && togglesDone ? quietChecks + 1 : 0;
                if (quietChecks == 0) {
                    log("settling: %d sagas active, %d events pending, %d unpublished, %d toggles pending",
                            active, pending, unpublished, toggler.pending().size());
                }
            } catch (IllegalStateException e) {
                quietChecks = 0;
                log("settling: database not answering (%s)", e.getMessage());
            }
            Thread.sleep(3000);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("chaos: " + format + "%n", args);
    }

    @Override
    public void close() {
        fleet.killAll();
        system.close();
    }
}
