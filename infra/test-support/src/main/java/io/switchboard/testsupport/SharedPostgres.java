package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalPostgres;

import java.time.Duration;

/**
 * The per-JVM database server. {@code server} is always a {@link LocalPostgres} (embedded, or wrapping the
 * external/container URL) so database creation works the same on every path.
 */
record SharedPostgres(InfrastructureSource source, LocalPostgres server, Duration startupTime, AutoCloseable stopper) {
}
