package io.switchboard.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One whole system per test JVM (broker, database, SMTP, simulators, all services), started on first use on free
 * ports with throw-away data. Saga timing is shortened so failure paths finish in seconds.
 */
final class RunningSystem {
    static final Map<String, String> FAST_SAGAS = Map.of(
            "switchboard.timers.poll-interval", "50ms",
            "switchboard.outbox.sweep-interval", "100ms",
            "switchboard.sagas.initial-backoff", "200ms",
            "switchboard.sagas.max-backoff", "1s",
            "switchboard.sagas.step-timeout", "20s",
            "switchboard.sagas.compensation-timeout", "20s");

    private static SwitchboardSystem system;

    private RunningSystem() {
    }

    static synchronized SwitchboardSystem get() {
        if (system == null) {
            try {
                Path state = Files.createTempDirectory("switchboard-system-test");
                SystemOptions options = SystemOptions.ephemeral(state).withOverrides(FAST_SAGAS);
                // Released numbers never come back in the simulator: give each area code enough for the whole suite.
                system = SwitchboardSystem.start(options.withTwilio(options.twilio().withNumbersPerAreaCode(100)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "system-test-shutdown"));
        }
        return system;
    }
}
