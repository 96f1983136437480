package io.switchboard.saga.housekeeping;

import io.switchboard.saga.inbox.Inbox;
import io.switchboard.saga.outbox.OutboxPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the engine's bookkeeping tables from growing forever: published outbox messages past their retention and
 * inbox identities past theirs are deleted every {@code interval}, in batches of {@code batchSize} rows (short
 * transactions, so the hot path never waits behind one big delete). Several orchestrator instances may run it at once;
 * the deletes do not conflict with the work they do.
 */
public class Housekeeping implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final OutboxPublisher outbox;
    private final Inbox inbox;
    private final Duration inboxRetention;
    private final Duration interval;
    private final int batchSize;
    private ScheduledExecutorService scheduler;

    public Housekeeping(OutboxPublisher outbox, Inbox inbox, Duration inboxRetention, Duration interval, int batchSize) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.inboxRetention = inboxRetention;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /** One round: everything past its retention, batch by batch. */
    public Purged runOnce() {
        long outboxRows = 0;
        for (int deleted; (deleted = outbox.purgePublished(batchSize)) > 0; ) {
            outboxRows += deleted;
        }
        long inboxRows = 0;
        for (int deleted; (deleted = inbox.purgeOlderThan(inboxRetention, batchSize)) > 0; ) {
            inboxRows += deleted;
        }
        if (outboxRows > 0 || inboxRows > 0) {
            log.info("Housekeeping purged {} published outbox messages and {} inbox entries", outboxRows, inboxRows);
        }
        return new Purged(outboxRows, inboxRows);
    }

    /** What one round deleted. */
    public record Purged(long outboxMessages, long inboxEntries) {
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "saga-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The next round tries again; a failed purge costs disk space, not correctness.
            log.warn("Housekeeping round failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
