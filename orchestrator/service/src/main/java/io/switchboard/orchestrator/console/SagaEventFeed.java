package io.switchboard.orchestrator.console;

import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * What the saga-events topic says, handed to the console's open live views, saga by saga.
 * <p>
 * Why the topic and not the engine's in-process observer: with several orchestrators, the instance serving a browser
 * is often not the one that moves the saga (replies go to whichever instance owns the partition); every instance
 * reads every saga event from the topic. The feed reads it like {@code bin/kafka-console-consumer} would: partitions
 * assigned, no consumer group, nothing committed, starting at the end — it moves nobody's offsets. It starts with the
 * first live view, not with the orchestrator, so an unwatched console costs nothing.
 * <p>
 * An event is only a hint that the saga changed: the page then reads the saga from the database again, so an event
 * needs no trust (its MAC is not checked here) and a missed one costs at most a stale view until the next.
 */
final class SagaEventFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SagaEventFeed.class);

    private final ConsumerFactory<String, byte[]> consumers;
    private final JsonCodec codec;
    private final Duration pollInterval;
    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean assigned;
    private Thread thread;
    private volatile Consumer<String, byte[]> consumer;

    SagaEventFeed(ConsumerFactory<String, byte[]> consumers, JsonCodec codec, Duration pollInterval) {
        this.consumers = consumers;
        this.codec = codec;
        this.pollInterval = pollInterval;
    }

    /** A live view of one saga. Called on the feed's thread: must be quick and must not throw. */
    interface Listener {
        /** The feed reads the topic: every event from here on reaches {@link #event}. At least once per listener. */
        void ready();

        void event(SagaEvent event);

        /** The feed stopped (the broker went away): the view should reconnect, which starts the feed again. */
        void lost();
    }

    /** Tells {@code listener} every event of the saga from now on, until the returned handle is closed. */
    AutoCloseable subscribe(String sagaId, Listener listener) {
        listeners.computeIfAbsent(sagaId, id -> new CopyOnWriteArraySet<>()).add(listener);
        startIfNeeded();
        // Added before looking: either the feed's thread sees the listener when it starts reading, or this sees it
        // reading already.
        if (assigned) {
            listener.ready();
        }
        return () -> listeners.computeIfPresent(sagaId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** True once the feed reads the topic's partitions (before that, no event could be missed: none were watched). */
    boolean reading() {
        return assigned;
    }

    private synchronized void startIfNeeded() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "console-saga-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean failed = false;
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (Consumer<String, byte[]> kafka = consumers.createConsumer(null, "switchboard-console-live", null,
                overrides)) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position);
            assigned = true;
            listeners.values().forEach(set -> set.forEach(Listener::ready));
            log.info("Console live feed reads {} ({} partitions)", Topics.SAGA_EVENTS, partitions.size());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(pollInterval)) {
                    dispatch(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("Console live feed stopped: {}; it restarts when the live views reconnect", e.toString());
            failed = true;
        } finally {
            synchronized (this) {
                running = false;
                assigned = false;
                consumer = null;
            }
        }
        if (failed) {
            listeners.values().forEach(set -> set.forEach(Listener::lost));
        }
    }

    /** The topic appears with the first saga event; until then there is nothing to watch. */
    private List<TopicPartition> awaitPartitions(Consumer<String, byte[]> kafka) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(Topics.SAGA_EVENTS, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SagaEvent event;
        try {
            event = codec.decodeLenient(new String(record.value(), StandardCharsets.UTF_8), SagaEvent.class);
        } catch (RuntimeException e) {
            log.debug("Console live feed skipped an unreadable record at {}:{}", record.partition(), record.offset());
            return;
        }
        Set<Listener> watching = event.sagaId() == null ? null
                : listeners.get(event.sagaId());
        if (watching != null) {
            watching.forEach(listener -> listener.event(event));
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
            Consumer<String, byte[]> kafka = consumer;
            if (kafka != null) {
                kafka.wakeup();
            }
        }
        if (running != null) {
            running.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
