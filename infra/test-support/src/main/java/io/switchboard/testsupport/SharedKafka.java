package io.switchboard.testsupport;

import java.time.Duration;

/** The per-JVM broker: where it came from, how to reach it, and what stops it. */
record SharedKafka(InfrastructureSource source, String bootstrapServers, Duration startupTime, AutoCloseable stopper) {
}
