package io.switchboard.orchestrator.console;

import io.switchboard.contracts.sagaevents.SagaEvent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server-sent-event stream per open saga page: {@code ready} once every later change will be told (the page then
 * reloads its timeline, so nothing between its rendering and the stream's start is lost), {@code saga} for each saga
 * event, and a comment line every {@code liveHeartbeat} so a closed tab is noticed and proxies keep the stream.
 */
final class LiveUpdates implements DisposableBean {
    private final SagaEventFeed feed;
    private final Duration timeout;
    private final Duration heartbeat;
    private final java.util.Set<SseEmitter> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    LiveUpdates(SagaEventFeed feed, ConsoleProperties properties) {
        this.feed = feed;
        this.timeout = properties.liveTimeout();
        this.heartbeat = properties.liveHeartbeat();
    }

    SseEmitter open(String sagaId) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        open.add(emitter);
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable subscription = feed.subscribe(sagaId, new SagaEventFeed.Listener() {
            @Override
            public void ready() {
                send(emitter, closed, SseEmitter.event().name("ready").data("ready"));
            }

            @Override
            public void event(SagaEvent event) {
                send(emitter, closed, SseEmitter.event().name("saga").id(event.occurredAt())
                        .data(event.kind() + (event.step() == null ? "" : " " + event.step())));
            }

            @Override
            public void lost() {
                // The browser's EventSource reconnects by itself, and its new subscription restarts the feed.
                closed.set(true);
                emitter.complete();
            }
        });
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(
                () -> send(emitter, closed, SseEmitter.event().comment("heartbeat")),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        Runnable cleanup = () -> {
            closed.set(true);
            open.remove(emitter);
            beat.cancel(false);
            try {
                subscription.close();
            } catch (Exception e) {
                // nothing held
            }
        };
        emitter.onCompletion(cleanup);
        emitter.onTimeout(() -> {
            cleanup.run();
            emitter.complete();
        });
        emitter.onError(e -> cleanup.run());
        return emitter;
    }

    private static void send(SseEmitter emitter, AtomicBoolean closed, SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            closed.set(true);
            emitter.completeWithError(e);
        }
    }

    /** Streams end with the orchestrator, so its web server does not wait for them. */
    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        open.forEach(SseEmitter::complete);
    }
}
