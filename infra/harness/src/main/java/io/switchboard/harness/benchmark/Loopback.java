package io.switchboard.harness.benchmark;

import io.switchboard.harness.Args;
import io.switchboard.harness.Database;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;
import io.switchboard.launcher.SystemOptions;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Starts the whole system on loopback for one benchmark, with fresh state (its own broker, database, simulators). */
final class Loopback {
    private Loopback() {
    }

    /**
     * Settings every benchmark gives every service. The providers' client-side rate limiters (Twilio 20/s, VAPI 10/s
     * by default, sized for the real accounts' limits) would otherwise measure the limiter, not the engine: the
     * simulators do not rate-limit, so the benchmarks lift them. Documented in docs/benchmarks.md.
     */
    static Map<String, String> benchmarkOverrides(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("switchboard.twilio.resilience.rate-limiter.limit-for-period", "100000");
        o.put("switchboard.vapi.resilience.rate-limiter.limit-for-period", "100000");
        o.put("logging.level.io.switchboard", "WARN");
        o.putAll(extra);
        return o;
    }

    /**
     * PostgreSQL as production runs it: every commit flushed to the WAL on disk ({@code fsync}, {@code
     * synchronous_commit}; the embedded server turns both off by default), plus pg_stat_statements to count statements.
     */
    static final Map<String, String> DURABLE_POSTGRES = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "shared_preload_libraries", "pg_stat_statements",
            "pg_stat_statements.track", "all");

    /**
     * The server settings a benchmark's {@code --fsync} asks for: {@link #DURABLE_POSTGRES} unless {@code --fsync=off}
     * (the embedded server's own defaults, for a labelled comparison).
     */
    static Map<String, String> postgresConfig(Args args) {
        return "off".equals(args.get("fsync", "on")) ? Map.of() : DURABLE_POSTGRES;
    }

    /** What the server really runs with, for the report's heading: "on/on" ({@code fsync/synchronous_commit}). */
    static String durability(Database db) {
        return db.strings("show fsync").get(0) + "/" + db.strings("show synchronous_commit").get(0);
    }

    static SwitchboardSystem start(TwilioSimulatorConfig twilio, VapiSimulatorConfig vapi, Set<Services.Kind> services,
                                   Map<String, String> extraOverrides) {
        return start(twilio, vapi, services, extraOverrides, Map.of());
    }

    static SwitchboardSystem start(TwilioSimulatorConfig twilio, VapiSimulatorConfig vapi, Set<Services.Kind> services,
                                   Map<String, String> extraOverrides, Map<String, String> postgresServerConfig) {
        try {
            SystemOptions options = SystemOptions.ephemeral(Files.createTempDirectory("sb-bench"));
            options = options.withStack(options.stack().withPostgres(
                            options.stack().postgres().withServerConfig(postgresServerConfig)))
                    .withTwilio(twilio.withThreads(32)).withVapi(vapi.withThreads(32))
                    .withServices(services).withOverrides(benchmarkOverrides(extraOverrides));
            return SwitchboardSystem.start(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Database database(SwitchboardSystem system) {
        return new Database(system.stack().jdbcUrl(), system.stack().postgres().username(),
                system.stack().postgres().password());
    }
}
