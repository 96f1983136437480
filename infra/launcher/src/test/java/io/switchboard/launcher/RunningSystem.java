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

    /** An organization token (README "Operate it") the console's browser tests sign in with; it sees only this org. */
    static final String CONSOLE_ORG_ID = "console-org-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String CONSOLE_ORG_TOKEN = "console-org-token-" + java.util.UUID.randomUUID();

    /** An organization's own Twilio account, as tests register it over the API (never a real account or token). */
    static final String TENANT_ACCOUNT_SID = "AC" + "5e7a".repeat(8);
    static final String TENANT_AUTH_TOKEN = "tenant-token-" + "0123456789abcdef".repeat(2);

    private static SwitchboardSystem system;

    private RunningSystem() {
    }

    static synchronized SwitchboardSystem get() {
        if (system == null) {
            try {
                Path state = Files.createTempDirectory("switchboard-system-test");
                Map<String, String> overrides = new java.util.HashMap<>(FAST_SAGAS);
                overrides.put("switchboard.api.org-tokens." + CONSOLE_ORG_TOKEN, CONSOLE_ORG_ID);
                SystemOptions options = SystemOptions.ephemeral(state).withOverrides(overrides);
                // Released numbers never come back in the simulator: give each area code enough for the whole suite.
                system = SwitchboardSystem.start(options.withTwilio(options.twilio().withNumbersPerAreaCode(100)
                        .withExtraAccount(TENANT_ACCOUNT_SID, TENANT_AUTH_TOKEN)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "system-test-shutdown"));
        }
        return system;
    }
}
