package io.switchboard.sim.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Thread-safe in-memory resources by id, in creation order (providers list oldest first or newest first;
 * a stable order keeps tests deterministic). Also counts creations ever made, which tests use to prove
 * "bought once" even after a release.
 */
public final class ResourceStore<T> {

    private final Map<String, T> byId = new LinkedHashMap<>();
    private long created;

    public synchronized T add(String id, T resource) {
        if (byId.putIfAbsent(id, resource) != null) {
            throw new IllegalStateException("duplicate id " + id);
        }
        created++;
        return resource;
    }

    public synchronized Optional<T> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Applies the change atomically; empty when the id is unknown. */
    public synchronized Optional<T> update(String id, UnaryOperator<T> change) {
        T current = byId.get(id);
        if (current == null) {
            return Optional.empty();
        }
        T next = change.apply(current);
        byId.put(id, next);
        return Optional.of(next);
    }

    public synchronized Optional<T> remove(String id) {
        return Optional.ofNullable(byId.remove(id));
    }

    public synchronized List<T> list() {
        return new ArrayList<>(byId.values());
    }

    public synchronized int size() {
        return byId.size();
    }

    public synchronized long createdCount() {
        return created;
    }

    public synchronized void clear() {
        byId.clear();
        created = 0;
    }
}
