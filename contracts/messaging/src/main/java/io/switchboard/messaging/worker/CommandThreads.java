package io.switchboard.messaging.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a worker's commands run on, at most {@code limit} at once. Handlers block (provider HTTP calls, the
 * ledger's JDBC, SMTP), so what bounds concurrency must be the setting, not the machine:
 * <ul>
 *   <li>on a JVM with virtual threads that do not pin their carrier in {@code synchronized} code (JDK 24 and later,
 *       JEP 491), one virtual thread per command and a semaphore of {@code limit} permits: a blocked command costs a
 *       few KB, not a platform thread. Earlier virtual threads (21–23) are not used: Jakarta Mail's transport and parts of
 *       the Kafka client block inside {@code synchronized}, which on those JDKs pins the carrier, and a handful of
 *       pinned commands would stall all of them;</li>
 *   <li>otherwise (the project builds and runs on JDK 17) a platform pool of up to {@code limit} threads, created
 *       when needed and ended after a minute idle. Blocking I/O on a few hundred platform threads is well within
 *       what a JVM carries (about 1 MiB of reserved, mostly uncommitted, stack each).</li>
 * </ul>
 * Looked up reflectively so the code compiles for, and runs on, Java 17. Non-blocking clients were not chosen:
 * every provider call, the creation ledger's lock and the SMTP session would have to be rewritten around futures,
 * and the saga-deadline checks ({@link CommandDeadline}) rely on a command running on one thread.
 */
final class CommandThreads implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandThreads.class);
    private static final int FIRST_JDK_WITHOUT_PINNING = 24;

    private final ExecutorService threads;
    private final Semaphore permits;
    private final String kind;

    private CommandThreads(ExecutorService threads, Semaphore permits, String kind) {
        this.threads = threads;
        this.permits = permits;
        this.kind = kind;
    }

    static CommandThreads forCommands(String name, int limit) {
        CommandThreads commandThreads = virtualThreadsPerTask(name, limit);
        if (commandThreads == null) {
            commandThreads = platformPool(name, limit);
        }
        log.info("{} runs up to {} commands at once on {}", name, limit, commandThreads.kind);
        return commandThreads;
    }

    /** "virtual threads" or "platform threads" (logs, tests). */
    String kind() {
        return kind;
    }

    @Override
    public void execute(Runnable command) {
        if (permits == null) {
            threads.execute(command);
            return;
        }
        threads.execute(() -> {
            permits.acquireUninterruptibly();
            try {
                command.run();
            } finally {
                permits.release();
            }
        });
    }

    @Override
    public void close() {
        threads.shutdown();
    }

    private static CommandThreads platformPool(String name, int limit) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, name + "-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limit, limit, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return new CommandThreads(pool, null, "platform threads (Java " + Runtime.version().feature() + ")");
    }

    private static CommandThreads virtualThreadsPerTask(String name, int limit) {
        if (Runtime.version().feature() < FIRST_JDK_WITHOUT_PINNING) {
            return null;
        }
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, name + "-command-", 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            ExecutorService executor = (ExecutorService) perTask.invoke(null, factory);
            return new CommandThreads(executor, new Semaphore(limit), "virtual threads (Java " + Runtime.version().feature() + ")");
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Virtual threads not available ({}); using platform threads", e.toString());
            return null;
        }
    }
}
