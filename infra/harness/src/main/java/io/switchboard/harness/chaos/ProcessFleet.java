package io.switchboard.harness.chaos;

import io.switchboard.harness.Classpath;
import io.switchboard.harness.OpsApi;
import io.switchboard.launcher.ServiceProcess;
import io.switchboard.launcher.Services;
import io.switchboard.launcher.SwitchboardSystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The services at production shape: {@code instances} OS processes of each kind (two orchestrators, two of each
 * worker), all joined to the harness's broker, database and simulators and sharing the load through their consumer
 * groups. Each instance logs to {@code <kind>-<n>.log}.
 */
final class ProcessFleet {
    private final Map<Services.Kind, List<ServiceProcess>> processes = new EnumMap<>(Services.Kind.class);
    private final List<Integer> orchestratorPorts = new ArrayList<>();
    /** Instances the monkey or a deploy is taking down on purpose right now: the supervisor leaves them alone. */
    private final java.util.Set<ServiceProcess> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger crashRestarts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Thread supervisor;

    ProcessFleet(SwitchboardSystem system, Path logDir, int instances) {
        for (Services.Kind kind : Services.Kind.values()) {
            List<ServiceProcess> list = new ArrayList<>();
            for (int n = 1; n <= instances; n++) {
                Map<String, String> settings = new HashMap<>(system.settingsFor(kind));
                // Own processes: SIGTERM runs Spring's shutdown hook (consumers leave their groups, work in hand ends).
                settings.put("spring.main.register-shutdown-hook", "true");
                if (kind == Services.Kind.ORCHESTRATOR) {
                    int port = ServiceProcess.freePort();
                    orchestratorPorts.add(port);
                    settings.put("server.port", Integer.toString(port));
                }
                String name = kind.name().toLowerCase(Locale.ROOT) + "-" + n;
                list.add(new ServiceProcess(kind, name, settings, List.of("-Xmx320m"), Classpath.forChildren(), logDir));
            }
            processes.put(kind, list);
        }
    }

    /** One ops API per orchestrator instance (any of them serves every request). */
    List<OpsApi> orchestratorApis() {
        return orchestratorPorts.stream().map(p -> new OpsApi("http://127.0.0.1:" + p, OpsApi.defaultToken())).toList();
    }

    /**
     * The first orchestrator alone (it migrates the schema), then every other instance, in parallel; then a
     * supervisor, as a scheduler would run one: an instance that exits by itself (e.g. it started while PostgreSQL was
     * down, and its schema check failed) is started again.
     */
    void startAll(Duration timeout) {
        ServiceProcess first = processes.get(Services.Kind.ORCHESTRATOR).get(0);
        first.start();
        first.awaitStarted(timeout);
        all().forEach(ServiceProcess::start);
        all().forEach(p -> p.awaitStarted(timeout));
        Thread t = new Thread(this::supervise, "chaos-supervisor");
        t.setDaemon(true);
        supervisor = t;
        t.start();
    }

    private void supervise() {
        while (supervisor == Thread.currentThread()) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            }
            for (ServiceProcess p : all()) {
                if (!held.contains(p) && !p.alive() && supervisor == Thread.currentThread()) {
                    crashRestarts.incrementAndGet();
                    System.out.printf("chaos: %s exited by itself; starting it again (see %s)%n", p.name(), p.log());
                    p.start();
                }
            }
        }
    }

    /** Takes the instance out of the supervisor's care while it is killed or stopped on purpose. */
    void hold(ServiceProcess p) {
        held.add(p);
    }

    void release(ServiceProcess p) {
        held.remove(p);
    }

    /** Instances the supervisor had to start again because they exited by themselves. */
    int crashRestarts() {
        return crashRestarts.get();
    }

    List<ServiceProcess> all() {
        return processes.values().stream().flatMap(List::stream).toList();
    }

    ServiceProcess any(Services.Kind kind, Random random) {
        List<ServiceProcess> list = processes.get(kind);
        return list.get(random.nextInt(list.size()));
    }

    /**
     * A deploy: every instance stopped gracefully (SIGTERM) and started again, the n-th instance of every kind
     * together, so no kind is ever without a running instance. Returns when the last one is up again.
     */
    void rollingRestart(Duration timeout) {
        int instances = processes.get(Services.Kind.ORCHESTRATOR).size();
        for (int n = 0; n < instances; n++) {
            int index = n;
            List<CompletableFuture<Void>> wave = processes.values().stream().map(list -> list.get(index))
                    .map(p -> CompletableFuture.runAsync(() -> {
                        hold(p);
                        try {
                            p.stop(Duration.ofSeconds(30));
                            p.start();
                        } finally {
                            release(p);
                        }
                        p.awaitStarted(timeout);
                    })).toList();
            wave.forEach(CompletableFuture::join);
        }
    }

    /** Restarts whatever is down (a kill near the end may have left one down) and waits for all. */
    void ensureRunning(Duration timeout) {
        all().forEach(p -> {
            if (!p.alive()) {
                p.start();
                p.awaitStarted(timeout);
            }
        });
    }

    void killAll() {
        supervisor = null;
        all().forEach(ServiceProcess::kill);
    }
}
