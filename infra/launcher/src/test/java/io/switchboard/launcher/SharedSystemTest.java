package io.switchboard.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A system test over the JVM's shared running system ({@link RunningSystem}), with the two clients most of them talk
 * to it through: Kafka events and the status API ({@link SystemClient}), the line API as ops ({@link LineClient}).
 * Opened before the class's first test and closed after its last.
 */
abstract class SharedSystemTest {
    protected static SwitchboardSystem system;
    protected static SystemClient client;
    protected static LineClient lines;

    @BeforeAll
    static void openClients() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
        lines = new LineClient(system, system::orchestratorUrl, LineLifecycleSystemTest.OPS_AUTHORIZATION);
    }

    @AfterAll
    static void closeClients() {
        lines.close();
        client.close();
    }
}
