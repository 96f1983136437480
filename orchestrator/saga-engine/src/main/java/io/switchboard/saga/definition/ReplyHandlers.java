package io.switchboard.saga.definition;

import io.switchboard.contracts.replies.Reply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** How a step turns each kind of success reply into new saga data. */
public final class ReplyHandlers<D> {
    private final Map<Class<? extends Reply>, BiFunction<D, Reply, D>> byType;

    ReplyHandlers() {
        this.byType = new LinkedHashMap<>();
    }

    private ReplyHandlers(Map<Class<? extends Reply>, BiFunction<D, Reply, D>> byType) {
        this.byType = byType;
    }

    @SuppressWarnings("unchecked")
    <R extends Reply> ReplyHandlers<D> on(Class<R> type, BiFunction<D, R, D> handler) {
        byType.put(type, (data, reply) -> handler.apply(data, (R) reply));
        return this;
    }

    /** An unmodifiable copy, for a built step. */
    ReplyHandlers<D> copy() {
        return new ReplyHandlers<>(Map.copyOf(byType));
    }

    public Optional<BiFunction<D, Reply, D>> forReply(Reply reply) {
        return Optional.ofNullable(byType.get(reply.getClass()));
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }
}
