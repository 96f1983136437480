package io.switchboard.saga.timers;

import io.switchboard.saga.persistence.DueTimer;
import io.switchboard.saga.persistence.TimerStore;
import io.switchboard.saga.runtime.SagaConflicts;
import io.switchboard.saga.runtime.SagaRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Fires due timers, each in its own transaction so one broken saga cannot hold back the others. The runtime disarms a
 * timer in the transaction that fires it: if firing fails, the timer comes back with the rollback.
 */
public class TimerPoller implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

    private static final int CONFLICT_RETRIES = 5;

    private final TimerStore timers;
    private final SagaRuntime runtime;
    private final TransactionTemplate transactions;
    private final TimerProperties properties;
    private final Clock clock;
    private final Runnable startupGate;
    private volatile boolean running;
    private Thread thread;

    /** @param startupGate runs on the timer thread before the first poll and blocks until timers may fire */
    public TimerPoller(TimerStore timers, SagaRuntime runtime, TransactionTemplate transactions,
                       TimerProperties properties, Clock clock, Runnable startupGate) {
        this.timers = timers;
        this.runtime = runtime;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.startupGate = startupGate;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "saga-timers");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        startupGate.run();
        while (running) {
            try {
                int fired = fireDue();
                if (fired < properties.batchSize()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Timer polling failed, will retry: {}", e.getMessage());
            }
        }
    }

    /** @return how many timers were fired */
    public int fireDue() {
        List<DueTimer> due = timers.due(clock.instant(), properties.batchSize());
        int fired = 0;
        for (DueTimer timer : due) {
            try {
                if (Boolean.TRUE.equals(SagaConflicts.retrying(CONFLICT_RETRIES,
                        () -> transactions.execute(status -> runtime.onTimer(timer))))) {
                    fired++;
                }
            } catch (RuntimeException e) {
                log.error("Firing timer of saga {} step {} failed; it stays due and is retried", timer.sagaId(),
                        timer.step(), e);
            }
        }
        return fired;
    }
}
