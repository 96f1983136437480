package io.switchboard.harness.benchmark;

import io.switchboard.contracts.wire.Topics;
import io.switchboard.harness.Args;
import io.switchboard.harness.Classpath;
import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;
import io.switchboard.harness.Percentiles;
import io.switchboard.harness.SagaEventListener;
import io.switchboard.launcher.ServiceProcess;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (e) What one onboarding saga costs, sagas run one at a time after a warm-up: SQL statements and commits
 * (pg_stat_statements, by the component whose tables they touch), Kafka records written, and the orchestrator
 * process's CPU time. PostgreSQL runs with fsync and synchronous_commit on; the orchestrator is its own process so its
 * CPU is its own (/proc/pid/stat); the workers, broker and simulators share the harness JVM.
 */
final class CostBenchmark {
    private CostBenchmark() {
    }

    static void run(Args args, Report report) throws Exception {
        int warmup = args.getInt("warmup", 200);
        int sagas = args.getInt("sagas", 200);
        try (SwitchboardSystem system = Loopback.start(TwilioSimulatorConfig.defaults().withNumbersPerAreaCode(100),
                VapiSimulatorConfig.defaults(), EnumSet.of(Services.Kind.TWILIO_WORKER, Services.Kind.VAPI_WORKER,
                        Services.Kind.NOTIFIER), Map.of(), Loopback.DURABLE_POSTGRES)) {
            Database db = Loopback.database(system);
            db.update("create extension if not exists pg_stat_statements");
            Map<String, String> settings = new HashMap<>(system.settingsFor(Services.Kind.ORCHESTRATOR));
            settings.put("server.port", Integer.toString(ServiceProcess.freePort()));
            settings.put("logging.level.io.switchboard", "INFO");
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
            String jfr = args.get("jfr", "");
            if (!jfr.isBlank()) {
                // Started after the warm-up would be better; a recording of the whole run still ranks the hot frames.
                jvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile,dumponexit=true");
            }
            ServiceProcess orchestrator = new ServiceProcess(Services.Kind.ORCHESTRATOR, settings, jvm,
                    Classpath.forChildren(), Files.createTempDirectory("sb-bench-cost"));
            orchestrator.start();
            try (EventPublisher publisher = new EventPublisher(system.stack().kafka().bootstrapServers());
                 SagaEventListener listener = new SagaEventListener(system.stack().kafka().bootstrapServers())) {
                orchestrator.awaitStarted(Duration.ofMinutes(5));
                runSagas(publisher, listener, "cost-warm-", warmup);
                String fsync = Loopback.durability(db);
                // What the orchestrator burns with no saga at all (polls, timers, sweeps, metrics): per saga, that
                // share of the CPU column does not grow with sagas and is no step's cost.
                double idleCpuPerSecond = idleCpuMillisPerSecond(orchestrator, args.getInt("idle-seconds", 10));

                int repeat = args.getInt("repeat", 3);
                List<Measurement> runs = new ArrayList<>();
                for (int r = 0; r < repeat; r++) {
                    runs.add(measure(db, system.stack().kafka().bootstrapServers(), orchestrator, publisher, listener,
                            "cost-" + r + "-", sagas));
                }
                report.line("### (e) cost per onboarding saga — %d × %d sagas one at a time after %d warm-up, PostgreSQL fsync/synchronous_commit %s",
                        repeat, sagas, warmup, fsync);
                report.line("| repetition | orchestrator SQL statements | all SQL statements | COMMIT statements | xact_commit (all clients) | WAL flushes (`wal_sync`) | WAL kB | Kafka records | orchestrator CPU ms | of which idle background ms | saga p50 ms | saga p99 ms |");
                report.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                for (int r = 0; r < runs.size(); r++) {
                    Measurement m = runs.get(r);
                    report.line("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f |", r + 1,
                            m.perSaga(m.byComponent().getOrDefault("orchestrator", 0L)),
                            m.perSaga(m.byComponent().values().stream().mapToLong(Long::longValue).sum()),
                            m.perSaga(m.commitStatements()), m.perSaga(m.commits()), m.perSaga(m.walSyncs()),
                            m.perSaga(m.walBytes()) / 1024, m.perSaga(m.records()),
                            m.perSaga(m.cpuMillis()), idleCpuPerSecond * m.wallMillis() / 1000.0 / m.sagas(),
                            m.latencies().at(50), m.latencies().at(99));
                }
                report.line("- the orchestrator idle (no saga, after the warm-up): %.1f ms of CPU per second", idleCpuPerSecond);
                Measurement last = runs.get(runs.size() - 1);
                report.line("- last repetition, saga latency publish → SagaCompleted: %s", last.latencies().summary("ms"));
                // Every reply rewrites the saga's row, steps and all: how big that row is says what each update writes.
                report.line("- a completed onboarding's row: steps %s (%s as stored, after compression), %s steps; whole row %s",
                        db.strings("select round(avg(octet_length(steps::text))) || ' bytes of JSON' from saga_instance "
                                + "where org_id like 'cost-%' and state = 'COMPLETED'").get(0),
                        db.strings("select round(avg(pg_column_size(steps))) || ' bytes' from saga_instance "
                                + "where org_id like 'cost-%' and state = 'COMPLETED'").get(0),
                        db.strings("select round(avg(jsonb_array_length(steps)), 1)::text from saga_instance "
                                + "where org_id like 'cost-%' and state = 'COMPLETED'").get(0),
                        db.strings("select round(avg(pg_column_size(s.*))) || ' bytes' from saga_instance s "
                                + "where org_id like 'cost-%' and state = 'COMPLETED'").get(0));
                last.byComponent().forEach((component, calls) -> report.line("- SQL statements by %s: %.1f per saga",
                        component, last.perSaga(calls)));
                for (String component : last.byComponent().keySet()) {
                    report.line("- %s, most frequent statements (calls per saga):", component);
                    last.statements().stream().filter(r -> component(r.get("query").toString()).equals(component))
                            .limit(component.equals("orchestrator") ? 25 : 6)
                            .forEach(r -> report.line("  - %.1f × `%s`", last.perSaga(((Number) r.get("calls")).longValue()),
                                    abbreviate(r.get("query").toString())));
                }
            } finally {
                orchestrator.stop(Duration.ofSeconds(30)); // graceful, so a flight recording is written
            }
        }
    }

    private static List<Double> runSagas(EventPublisher publisher, SagaEventListener listener, String prefix, int count)
            throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orgId = prefix + i;
            long start = System.nanoTime();
            publisher.approve(orgId, "Cost " + i, io.switchboard.harness.AreaCodes.forIndex(i + Math.floorMod(prefix.hashCode(), 700))).await();
            millis.add((listener.awaitCompleted(orgId, start, Duration.ofSeconds(60)) - start) / 1e6);
        }
        return millis;
    }

    private static String abbreviate(String query) {
        String flat = query.replaceAll("\\s+", " ");
        return flat.substring(0, Math.min(140, flat.length()));
    }

    /** One repetition's counters, each divided by the sagas it ran. */
    private record Measurement(int sagas, Percentiles latencies, Map<String, Long> byComponent, long commitStatements,
                               long commits, long walSyncs, long walBytes, long records, long cpuMillis,
                               long wallMillis, List<Map<String, Object>> statements) {
        double perSaga(long total) {
            return total / (double) sagas;
        }
    }

    private static Measurement measure(Database db, String bootstrap, ServiceProcess orchestrator,
                                       EventPublisher publisher, SagaEventListener listener, String prefix, int sagas)
            throws Exception {
        db.query("select pg_stat_statements_reset()");
        long commitsBefore = commits(db);
        long walSyncsBefore = walSyncs(db);
        long walBytesBefore = walBytes(db);
        long recordsBefore = records(bootstrap);
        long cpuBefore = cpuMillis(orchestrator.pid());
        long wallBefore = System.nanoTime();
        List<Double> latencies = runSagas(publisher, listener, prefix, sagas);
        long wallMillis = (System.nanoTime() - wallBefore) / 1_000_000;
        long cpu = cpuMillis(orchestrator.pid()) - cpuBefore;
        long records = records(bootstrap) - recordsBefore;
        long commits = commits(db) - commitsBefore;
        long walSyncs = walSyncs(db) - walSyncsBefore;
        long walBytes = walBytes(db) - walBytesBefore;
        List<Map<String, Object>> statements = db.query("""
                select query, calls from pg_stat_statements
                where query not like '%pg_stat_statements%' and query not like 'show %'
                  and query not like '%pg_stat_database%' order by calls desc""");
        Map<String, Long> byComponent = new java.util.LinkedHashMap<>();
        long commitStatements = 0;
        for (Map<String, Object> row : statements) {
            String query = row.get("query").toString();
            long calls = ((Number) row.get("calls")).longValue();
            if (query.trim().equalsIgnoreCase("commit")) {
                commitStatements += calls;
                continue;
            }
            byComponent.merge(component(query), calls, Long::sum);
        }
        return new Measurement(sagas, Percentiles.of(latencies), byComponent, commitStatements, commits, walSyncs,
                walBytes, records, cpu, wallMillis, statements);
    }

    private static double idleCpuMillisPerSecond(ServiceProcess orchestrator, int seconds) throws Exception {
        long cpuBefore = cpuMillis(orchestrator.pid());
        long wallBefore = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (cpuMillis(orchestrator.pid()) - cpuBefore) / ((System.nanoTime() - wallBefore) / 1e9);
    }

    /** Which service a statement belongs to, by the tables it touches. */
    private static String component(String query) {
        String q = query.toLowerCase(java.util.Locale.ROOT);
        if (q.contains("vapi_worker.") || q.contains("creation_ledger") || q.contains("pg_advisory")) {
            return "the VAPI worker (creation ledger)";
        }
        if (q.contains("notifier.") || q.contains("email_delivery")) {
            return "the notifier (delivery ledger)";
        }
        if (q.contains("from tenant_credential") || q.contains("into tenant_credential")) {
            return "tenant credential lookups";
        }
        if (q.startsWith("select 1 from only")) {
            return "foreign-key checks (run by the database itself, per inserted row)";
        }
        if (q.startsWith("begin") || q.startsWith("set ") || q.startsWith("select 1") || q.contains("rollback")) {
            return "connection housekeeping (BEGIN/SET/validation)";
        }
        return "orchestrator";
    }

    private static long commits(Database db) {
        return db.count("select xact_commit from pg_stat_database where datname = current_database()");
    }

    /**
     * Times the server flushed its WAL to disk: what fsync on costs. A read-only transaction counts in
     * {@code xact_commit} but flushes nothing, so this is the figure the commit target is about.
     */
    private static long walSyncs(Database db) {
        return db.count("select wal_sync from pg_stat_wal");
    }

    private static long walBytes(Database db) {
        return db.count("select wal_bytes::bigint from pg_stat_wal");
    }

    private static long records(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.all()) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** user + system CPU of a process, from /proc (Linux), in ms. */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }
}
