package io.switchboard.harness.chaos;

import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.OpsApi;
import io.switchboard.harness.reconcile.SimulatorAdminInventory;
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
 * A chaos run: the local stack and the simulators in this JVM, the four services as separate processes; onboarding
 * and toggle sagas under provider faults and SIGKILLs; then faults off, everything restarted, wait for every saga to
 * end, and check the invariants.
 */
public final class ChaosRun implements AutoCloseable {
    private final ChaosOptions options;
    private final SwitchboardSystem system;
    private final ProcessFleet fleet;
    private final Database db;
    private final Path logDir;

    public ChaosRun(ChaosOptions options, Path workDir) throws Exception {
        this.options = options;
        this.logDir = Files.createDirectories(workDir.resolve("logs"));
        this.system = SwitchboardSystem.start(SystemOptions.ephemeral(Files.createDirectories(workDir.resolve("stack")))
                .withTwilio(TwilioSimulatorConfig.defaults().withNumbersPerAreaCode(100).withThreads(32))
                .withVapi(io.switchboard.sim.vapi.VapiSimulatorConfig.defaults().withThreads(32))
                .withServices(EnumSet.noneOf(Services.Kind.class)).withOverrides(overrides(options.stepTimeout())));
        this.fleet = new ProcessFleet(system, logDir);
        this.db = new Database(system.stack().jdbcUrl(), system.stack().postgres().username(), system.stack().postgres().password());
    }

    /**
     * Shorter timeouts than production so a run ends in minutes: a step that hears nothing for the step timeout (its
     * worker was killed) is retried; workers give up on a provider call after 3 s (the injected timeouts hold 4 s). Client-side
     * rate limiters are lifted (the simulators do not rate-limit; 429s are injected instead) and the circuit breakers
     * re-close after 5 s rather than 30 s.
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
        return o;
    }

    public ChaosVerdict run() throws Exception {
        long t0 = System.nanoTime();
        fleet.startAll(Duration.ofMinutes(3));
        log("services up in %.0f s (logs in %s)", (System.nanoTime() - t0) / 1e9, logDir);
        FaultPlan.apply(system.twilio().faults(), options.faultRate(), options.seed());
        FaultPlan.apply(system.vapi().faults(), options.faultRate(), options.seed() + 100);

        Random random = new Random(options.seed());
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        List<String> orgs = new ArrayList<>();
        List<String> toggled = new ArrayList<>();
        Monkey monkey = new Monkey(fleet, options);
        Thread monkeyThread = new Thread(monkey, "chaos-monkey");
        try (EventPublisher publisher = new EventPublisher(system.stack().kafka().bootstrapServers())) {
            monkeyThread.start();
            long interval = (long) (1e9 / options.publishRate());
            long start = System.nanoTime();
            for (int i = 0; i < options.organizations(); i++) {
                String org = "chaos-" + options.seed() + "-" + i;
                orgs.add(org);
                sleepUntil(start + i * interval);
                published.add(publisher.approve(org, "Chaos " + i, AreaCodes.forIndex(i)).eventId());
                double dice = random.nextDouble();
                if (dice < options.duplicateShare()) {
                    published.add(publisher.approve(org, "Chaos " + i, AreaCodes.forIndex(i)).eventId());
                } else if (dice < options.duplicateShare() + options.burstToggleShare()) {
                    published.add(publisher.toggle(org, false).eventId());
                    published.add(publisher.toggle(org, true).eventId());
                } else if (dice < options.duplicateShare() + options.burstToggleShare() + options.toggleShare()) {
                    toggled.add(org);
                }
            }
            publisher.flush();
            log("published %d approvals (+%d duplicates/burst toggles) in %.0f s; %d organizations will be toggled",
                    orgs.size(), published.size() - orgs.size(), (System.nanoTime() - start) / 1e9, toggled.size());

            Toggler toggler = new Toggler(db, publisher, toggled, sent -> published.add(sent.eventId()));
            long deadline = System.nanoTime() + options.settleTimeout().toNanos() * 2;
            boolean togglesDone = false;
            while (!(togglesDone && !monkeyThread.isAlive()) && System.nanoTime() < deadline) {
                togglesDone = toggler.step();
                Thread.sleep(2000);
            }
            monkey.stop();
            monkeyThread.join();
            log("chaos over: kills %s; toggles pending %s", monkey.kills(), toggler.pending().size());

            system.twilio().faults().clear();
            system.vapi().faults().clear();
            fleet.ensureRunning(Duration.ofMinutes(3));
            awaitQuiet(toggler);
        }
        Thread.sleep(3000); // a last email being written out
        InvariantChecker checker = new InvariantChecker(db, system.twilio(), system.vapi(),
                new SimulatorAdminInventory(system.twilio().baseUrl(), system.vapi().baseUrl()));
        ChaosVerdict verdict = checker.check(published, system.stack().smtp().receivedMessages());
        lastKills = monkey.kills();
        log("run took %.0f s", (System.nanoTime() - t0) / 1e9);
        return verdict;
    }

    private Map<Services.Kind, Integer> lastKills = Map.of();

    public Map<String, Integer> kills() {
        Map<String, Integer> named = new LinkedHashMap<>();
        lastKills.forEach((k, n) -> named.put(k.name().toLowerCase(java.util.Locale.ROOT), n));
        return named;
    }

    /** Until no saga runs, no event waits and nothing is unpublished — twice in a row, 3 s apart — or the timeout. */
    private void awaitQuiet(Toggler toggler) throws InterruptedException {
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline && quietChecks < 2) {
            boolean togglesDone = toggler.step();
            long active = db.count("select count(*) from saga_instance where state in ('RUNNING', 'COMPENSATING')");
            long pending = db.count("select count(*) from org_event where status = 'PENDING'");
            long unpublished = db.count("select count(*) from outbox_message where published_at is null");
            quietChecks = active == 0 && pending == 0 && unpublished == 0 && togglesDone ? quietChecks + 1 : 0;
            if (quietChecks == 0) {
                log("settling: %d sagas active, %d events pending, %d unpublished, %d toggles pending",
                        active, pending, unpublished, toggler.pending().size());
            }
            Thread.sleep(3000);
        }
    }

    public OpsApi api() {
        return new OpsApi(fleet.orchestratorUrl(), OpsApi.defaultToken());
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
