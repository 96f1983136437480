package io.switchboard.harness.chaos;

import io.switchboard.launcher.Services;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Kills service processes with SIGKILL at random moments and starts them again after a random 0–2 s, like a node that
 * crashed and was rescheduled. Every kind is killed exactly {@code killsPerKind} times, in a shuffled order.
 */
final class Monkey implements Runnable {
    private final ProcessFleet fleet;
    private final ChaosOptions options;
    private final Random random;
    private final Map<Services.Kind, Integer> kills = new EnumMap<>(Services.Kind.class);
    private volatile boolean stopped;

    Monkey(ProcessFleet fleet, ChaosOptions options) {
        this.fleet = fleet;
        this.options = options;
        this.random = new Random(options.seed() * 31 + 7);
    }

    @Override
    public void run() {
        List<Services.Kind> order = new ArrayList<>();
        for (int i = 0; i < options.killsPerKind(); i++) {
            order.addAll(List.of(Services.Kind.values()));
        }
        Collections.shuffle(order, random);
        for (Services.Kind kind : order) {
            long pause = (long) (options.killEvery().toMillis() * (0.5 + random.nextDouble()));
            if (!sleep(pause)) {
                return;
            }
            var process = fleet.get(kind);
            boolean wasAlive = process.alive();
            process.kill();
            synchronized (kills) {
                kills.merge(kind, 1, Integer::sum);
            }
            System.out.printf("chaos: SIGKILL %s (pid %d, %s)%n", kind, process.pid(), wasAlive ? "running" : "was still down");
            if (!sleep(random.nextInt(2000))) {
                return;
            }
            process.start();
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop() {
        stopped = true;
    }

    Map<Services.Kind, Integer> kills() {
        synchronized (kills) {
            return Map.copyOf(kills);
        }
    }
}
