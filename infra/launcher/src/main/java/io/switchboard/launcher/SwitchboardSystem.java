package io.switchboard.launcher;

import io.switchboard.infra.stack.LocalStack;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.vapi.VapiSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system on loopback: real Kafka and PostgreSQL, SMTP capture, the Twilio and VAPI simulators, and every
 * Switchboard service. Used by the launcher ({@link Launcher}) and by the system tests.
 */
public final class SwitchboardSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwitchboardSystem.class);

    private final LocalStack stack;
    private final TwilioSimulator twilio;
    private final VapiSimulator vapi;
    private final Map<Services.Kind, ServiceHandle> services = new EnumMap<>(Services.Kind.class);
    private final SystemOptions options;

    private SwitchboardSystem(LocalStack stack, TwilioSimulator twilio, VapiSimulator vapi, SystemOptions options) {
        this.stack = stack;
        this.twilio = twilio;
        this.vapi = vapi;
        this.options = options;
    }

    public static SwitchboardSystem start(SystemOptions options) {
        LocalStack stack = LocalStack.start(options.stack());
        TwilioSimulator twilio = TwilioSimulator.start(options.twilio());
        VapiSimulator vapi = VapiSimulator.start(options.vapi());
        SwitchboardSystem system = new SwitchboardSystem(stack, twilio, vapi, options);
        try {
            // The orchestrator first: it owns the database schema the workers' tables sit beside.
            for (Services.Kind kind : Services.Kind.values()) {
                if (options.services().contains(kind)) {
                    system.startService(kind);
                }
            }
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    public synchronized ServiceHandle startService(Services.Kind kind) {
        return startService(kind, Map.of());
    }

    /** Starts a service with settings on top of the system's, e.g. a fault injected into the orchestrator. */
    public synchronized ServiceHandle startService(Services.Kind kind, Map<String, String> extraSettings) {
        long started = System.nanoTime();
        Map<String, String> settings = new java.util.LinkedHashMap<>(settingsFor(kind));
        settings.putAll(extraSettings);
        ServiceHandle handle = Services.start(kind, settings);
        services.put(kind, handle);
        log.info("Started {} in {} ms", handle.name(), (System.nanoTime() - started) / 1_000_000);
        return handle;
    }

    public synchronized void stopService(Services.Kind kind) {
        Optional.ofNullable(services.remove(kind)).ifPresent(ServiceHandle::close);
    }

    /** The settings a service gets here; also what a separate process needs to join this system. */
    public Map<String, String> settingsFor(Services.Kind kind) {
        Map<String, String> settings = switch (kind) {
            case ORCHESTRATOR -> SystemSettings.orchestrator(stack, options.orchestratorPort(), twilio, vapi);
            case TWILIO_WORKER -> SystemSettings.twilioWorker(stack, twilio);
            case VAPI_WORKER -> SystemSettings.vapiWorker(stack, vapi, twilio);
            case NOTIFIER -> SystemSettings.notifier(stack);
        };
        settings.putAll(options.overrides());
        return settings;
    }

    public LocalStack stack() {
        return stack;
    }

    public TwilioSimulator twilio() {
        return twilio;
    }

    public VapiSimulator vapi() {
        return vapi;
    }

    public Optional<ServiceHandle> service(Services.Kind kind) {
        return Optional.ofNullable(services.get(kind));
    }

    /** Base URL of the orchestrator's HTTP API, when the orchestrator runs in this JVM. */
    public String orchestratorUrl() {
        ServiceHandle orchestrator = service(Services.Kind.ORCHESTRATOR)
                .orElseThrow(() -> new IllegalStateException("the orchestrator does not run in this JVM"));
        String port = orchestrator.context().getEnvironment().getProperty("local.server.port");
        return "http://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        List<Services.Kind> running = new ArrayList<>(services.keySet());
        Collections.reverse(running);
        running.forEach(this::stopService);
        closeQuietly(vapi);
        closeQuietly(twilio);
        closeQuietly(stack);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
        }
    }
}
