package io.switchboard.harness.chaos;

import io.switchboard.infra.stack.LocalStack;
import io.switchboard.launcher.ServiceProcess;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Kills at random moments, like nodes that crash and are rescheduled: a random instance of a service (SIGKILL,
 * started again after 0–2 s), the Kafka broker or PostgreSQL (SIGKILL of the process — every backend, for the
 * database —, started again after 0–2 s on the same ports and data, which they recover from their logs). Every
 * service kind is killed {@code killsPerKind} times, the broker and the database {@code infraKills} times each, in a
 * shuffled order; with {@code rollingRestart}, a deploy (every instance stopped gracefully and started again) runs
 * halfway through.
 */
final class Monkey implements Runnable {
    private final ProcessFleet fleet;
    private final LocalStack stack;
    private final ChaosOptions options;
    private final Random random;
    private final Map<Target, Integer> kills = new EnumMap<>(Target.class);
    private final List<Outage> outages = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration rollingRestartTook;
    private volatile boolean stopped;

    Monkey(ProcessFleet fleet, LocalStack stack, ChaosOptions options) {
        this.fleet = fleet;
        this.stack = stack;
        this.options = options;
        this.random = new Random(options.seed() * 31 + 7);
    }

    @Override
    public void run() {
        List<Target> order = new ArrayList<>();
        for (Target target : Target.values()) {
            int times = target.infrastructure() ? options.infraKills() : options.killsPerKind();
            for (int i = 0; i < times; i++) {
                order.add(target);
            }
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i++) {
            if (options.rollingRestart() && i == order.size() / 2 && !rollingRestart()) {
                return;
            }
            long pause = (long) (options.killEvery().toMillis() * (0.5 + random.nextDouble()));
            if (!sleep(pause)) {
                return;
            }
            try {
                kill(order.get(i));
            } catch (RuntimeException e) {
                System.out.printf("chaos: killing %s failed: %s%n", order.get(i).label(), e);
            }
        }
        if (options.rollingRestart() && order.size() < 2) {
            rollingRestart();
        }
    }

    private void kill(Target target) {
        Instant killedAt = Instant.now();
        String instance;
        if (target == Target.BROKER) {
            instance = "broker";
            stack.kafka().kill();
            sleep(random.nextInt(2000));
            stack.kafka().restart();
        } else if (target == Target.DATABASE) {
            instance = "postgres";
            stack.postgres().kill();
            sleep(random.nextInt(2000));
            stack.postgres().restart();
        } else {
            ServiceProcess process = fleet.any(target.service(), random);
            instance = process.name();
            boolean wasAlive = process.alive();
            fleet.hold(process);
            try {
                process.kill();
                System.out.printf("chaos: SIGKILL %s (pid %d, %s)%n", instance, process.pid(), wasAlive ? "running" : "was still down");
                sleep(random.nextInt(2000));
                process.start();
            } finally {
                fleet.release(process);
            }
        }
        Outage outage = new Outage(target, instance, killedAt, Instant.now());
        outages.add(outage);
        synchronized (kills) {
            kills.merge(target, 1, Integer::sum);
        }
        if (target.infrastructure()) {
            System.out.printf("chaos: SIGKILL %s, back after %d ms%n", instance, outage.downtime().toMillis());
        }
    }

    private boolean rollingRestart() {
        System.out.println("chaos: rolling restart of every service instance");
        long t0 = System.nanoTime();
        try {
            fleet.rollingRestart(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            System.out.println("chaos: rolling restart failed: " + e);
        }
        rollingRestartTook = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("chaos: rolling restart done in %d s%n", rollingRestartTook.toSeconds());
        return !stopped;
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

    Map<Target, Integer> kills() {
        synchronized (kills) {
            return Map.copyOf(kills);
        }
    }

    List<Outage> outages() {
        synchronized (outages) {
            return List.copyOf(outages);
        }
    }

    Duration rollingRestartTook() {
        return rollingRestartTook;
    }
}
