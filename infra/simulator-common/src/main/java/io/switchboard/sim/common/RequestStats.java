package io.switchboard.sim.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Provider requests received, per operation; lets a chaos harness see what a client really sent. */
public final class RequestStats {

    /** Operation name used for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    public void record(String operation) {
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    public long count(String operation) {
        LongAdder adder = byOperation.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    /** Sorted by operation name so the admin JSON is stable. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byOperation.forEach((op, adder) -> copy.put(op, adder.sum()));
        return copy;
    }

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        byOperation.clear();
    }
}
