package io.switchboard.harness.chaos;

import io.switchboard.harness.Classpath;
import io.switchboard.launcher.ServiceProcess;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The four services, each its own OS process joined to the harness's broker, database and simulators. */
final class ProcessFleet {
    private final Map<Services.Kind, ServiceProcess> processes = new EnumMap<>(Services.Kind.class);
    private final int orchestratorPort = ServiceProcess.freePort();

    ProcessFleet(SwitchboardSystem system, Path logDir) {
        for (Services.Kind kind : Services.Kind.values()) {
            Map<String, String> settings = new HashMap<>(system.settingsFor(kind));
            if (kind == Services.Kind.ORCHESTRATOR) {
                settings.put("server.port", Integer.toString(orchestratorPort));
            }
            processes.put(kind, new ServiceProcess(kind, settings, List.of("-Xmx384m"), Classpath.forChildren(), logDir));
        }
    }

    String orchestratorUrl() {
        return "http://127.0.0.1:" + orchestratorPort;
    }

    /** The orchestrator first (it migrates the schema), then the workers, in parallel. */
    void startAll(Duration timeout) {
        ServiceProcess orchestrator = processes.get(Services.Kind.ORCHESTRATOR);
        orchestrator.start();
        orchestrator.awaitStarted(timeout);
        processes.values().forEach(ServiceProcess::start);
        processes.values().forEach(p -> p.awaitStarted(timeout));
    }

    ServiceProcess get(Services.Kind kind) {
        return processes.get(kind);
    }

    /** Restarts whatever is down (a kill near the end may have left one down) and waits for all. */
    void ensureRunning(Duration timeout) {
        processes.values().forEach(p -> {
            if (!p.alive()) {
                p.start();
                p.awaitStarted(timeout);
            }
        });
    }

    void killAll() {
        processes.values().forEach(ServiceProcess::kill);
    }
}
