package io.switchboard.messaging.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Per command type and outcome, how long the worker took to carry a command out ({@value #HANDLING}) and how much
 * of that its provider calls took ({@value #PROVIDER}); the difference is the worker's own (ledger, owner checks,
 * JSON). The outcome is the reply's type, or a failure's error code. Kept in the worker's registry (the actuator's);
 * workers serve only their health over HTTP, so the figures are read in-process, and every command's log line says
 * the same.
 */
public final class CommandMetrics {
    public static final String HANDLING = "switchboard.worker.command.handling";
    public static final String PROVIDER = "switchboard.worker.command.provider";

    private final MeterRegistry registry;
    private final String worker;

    /** @param worker the consumer group, which names the worker ({@code switchboard-vapi-worker}) */
    public CommandMetrics(MeterRegistry registry, String worker) {
        this.registry = registry;
        this.worker = worker;
    }

    public void record(String command, String outcome, Duration handling, Duration provider) {
        timer(HANDLING, command, outcome).record(handling);
        timer(PROVIDER, command, outcome).record(provider);
    }

    private Timer timer(String name, String command, String outcome) {
        return Timer.builder(name).tag("worker", worker).tag("command", command).tag("outcome", outcome)
                .register(registry);
    }
}
