package io.switchboard.harness.benchmark;

import io.switchboard.harness.AreaCodes;
import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Classpath;
import io.switchboard.launcher.ServiceProcess;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (d) Resource use of the orchestrator as in-flight sagas grow. The VAPI worker is not started, so every onboarding
 * saga stops at its assistant steps, waiting on a durable step-timeout timer (set to 6 h) — the "thousands of
 * organizations waiting on a slow provider" case. The orchestrator runs as its own process (heap and threads are its
 * own, sampled over JMX after a full GC). Real sagas are driven up to {@code --real} (default 10k); the 100k level is
 * reached by cloning those sagas' rows (saga_instance, steps included) in SQL, because driving 100k real
 * sagas takes longer than a bounded run.
 */
final class WaitingSagasBenchmark {
    private WaitingSagasBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int[] levels = java.util.Arrays.stream(args.get("levels", "1000,10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int real = args.getInt("real", 10000);
        Duration settle = args.getDuration("settle", Duration.ofSeconds(15));
        try (SwitchboardSystem system = Loopback.start(TwilioSimulatorConfig.defaults().withNumbersPerAreaCode(100),
                VapiSimulatorConfig.defaults(), EnumSet.of(Services.Kind.TWILIO_WORKER, Services.Kind.NOTIFIER),
                Map.of("switchboard.sagas.step-timeout", "6h"))) {
            Database db = Loopback.database(system);
            int jmxPort = ServiceProcess.freePort();
            Map<String, String> settings = new HashMap<>(system.settingsFor(Services.Kind.ORCHESTRATOR));
            settings.put("server.port", Integer.toString(ServiceProcess.freePort()));
            settings.put("logging.level.io.switchboard", "INFO"); // its "Started ..." line is the readiness signal
            Path logs = Files.createTempDirectory("sb-bench-orchestrator");
            List<String> jvm = new java.util.ArrayList<>(JmxSampler.jvmArgs(jmxPort));
            jvm.add("-Xmx" + args.get("orchestrator-heap", "1g"));
            ServiceProcess orchestrator = new ServiceProcess(Services.Kind.ORCHESTRATOR, settings, jvm, Classpath.forChildren(), logs);
            orchestrator.start();
            try {
                orchestrator.awaitStarted(Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                orchestrator.kill();
                throw e;
            }
            report.line("### (d) in-flight sagas waiting on durable timers — orchestrator process, -Xmx%s, log %s",
                    args.get("orchestrator-heap", "1g"), orchestrator.log());
            try (JmxSampler jmx = new JmxSampler(jmxPort);
                 EventPublisher publisher = new EventPublisher(system.stack().kafka().bootstrapServers())) {
                Thread.sleep(settle.toMillis());
                sample(report, "0 (idle, started)", jmx, db, orchestrator, settle);
                int published = 0;
                for (int level : levels) {
                    String how;
                    if (level <= real) {
                        long start = System.nanoTime();
                        for (; published < level; published++) {
                            publisher.approve("res-" + published, "Waiting " + published, AreaCodes.forIndex(published));
                        }
                        publisher.flush();
                        awaitWaiting(db, level, Duration.ofMinutes(10));
                        how = String.format(java.util.Locale.ROOT, "real sagas (intake of this step took %.0f s)",
                                (System.nanoTime() - start) / 1e9);
                    } else {
                        long have = db.count("select count(*) from saga_instance where state = 'RUNNING'");
                        cloneWaiting(db, level - have);
                        how = (level - have) + " cloned in SQL from the " + real + " real ones";
                    }
                    Thread.sleep(settle.toMillis());
                    sample(report, level + " — " + how, jmx, db, orchestrator, settle);
                }
            } finally {
                orchestrator.kill();
            }
        }
    }

    /** Waits until the orchestrator has started {@code level} sagas and they all sit at the assistant steps. */
    private static void awaitWaiting(Database db, int level, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long running = db.count("select count(*) from saga_instance where state = 'RUNNING' and org_id like 'res-%'");
            long unpublished = db.count("select count(*) from outbox_message where published_at is null");
            if (running >= level && unpublished == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("only " + db.count("select count(*) from saga_instance where org_id like 'res-%'")
                + " of " + level + " sagas started within " + timeout);
    }

    /** Copies waiting sagas (one row each: steps and timers are in it) under new ids and org ids until {@code count} more exist. */
    private static void cloneWaiting(Database db, long count) {
        long real = db.count("select count(*) from saga_instance where org_id like 'res-%' and state = 'RUNNING'");
        long rounds = (count + real - 1) / real;
        db.update("""
                insert into saga_instance (id, saga_type, definition_version, org_id, state, data, steps, next_fire_at,
                                           created_at, updated_at, version)
                select gen.new_id, i.saga_type, i.definition_version, 'clone-' || gen.new_id, i.state, i.data, i.steps,
                       i.next_fire_at, now(), now(), 0
                from (select gen_random_uuid() as new_id, i.id as old_id
                      from saga_instance i cross join generate_series(1, ?) g
                      where i.org_id like 'res-%' and i.state = 'RUNNING'
                      limit ?) gen
                join saga_instance i on i.id = gen.old_id
                """, (int) rounds, count);
    }

    private static void sample(Report report, String label, JmxSampler jmx, Database db, ServiceProcess orchestrator,
                               Duration window) throws InterruptedException {
        var handle = ProcessHandle.of(orchestrator.pid()).orElseThrow();
        Duration cpuBefore = handle.info().totalCpuDuration().orElse(Duration.ZERO);
        Thread.sleep(window.toMillis());
        Duration cpu = handle.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore);
        JmxSampler.Sample s = jmx.sample();
        report.line("- **%s**: heap after GC %.1f MiB (committed %.0f MiB), live threads %d (peak %d), RSS %s, "
                        + "orchestrator CPU %.1f%% of one core over %d s idle; rows: saga_instance %d (RUNNING %d), steps %d, "
                        + "sagas with a timer armed %d, outbox_message %d, org_event %d, inbox_message %d; database %s",
                label, s.heapUsedAfterGcBytes() / 1048576.0, s.heapCommittedBytes() / 1048576.0, s.liveThreads(),
                s.peakThreads(), rss(orchestrator.pid()), 100.0 * cpu.toMillis() / window.toMillis(), window.toSeconds(),
                db.count("select count(*) from saga_instance"),
                db.count("select count(*) from saga_instance where state = 'RUNNING'"),
                db.count("select count(*) from saga_step"), db.count("select count(*) from saga_instance where next_fire_at is not null"),
                db.count("select count(*) from outbox_message"), db.count("select count(*) from org_event"),
                db.count("select count(*) from inbox_message"),
                db.strings("select pg_size_pretty(pg_database_size(current_database()))").get(0));
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).map(l -> l.replace("VmRSS:", "").strip()).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
