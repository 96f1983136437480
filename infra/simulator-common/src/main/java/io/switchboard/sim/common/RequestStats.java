package io.switchboard.sim.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Provider requests received, per operation, and the time the simulator held them (from the request read to the
 * response written: its latency, validation and handling): lets a chaos harness see what a client really sent, and a
 * benchmark take the provider's part out of a step's round trip.
 */
public final class RequestStats {

    /** Operation name used for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanosByOperation = new ConcurrentHashMap<>();

    public void record(String operation) {
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** One answered request of the operation, held {@code nanos} from its read to its response. */
    public void recordTime(String operation, long nanos) {
        nanosByOperation.computeIfAbsent(operation, k -> new LongAdder()).add(nanos);
    }

    /** Sum over the operation's answered requests, in nanoseconds. */
    public long nanos(String operation) {
        return sum(nanosByOperation, operation);
    }

    /** Time held per operation (ns), sorted by operation name. */
    public Map<String, Long> nanosSnapshot() {
        return sorted(nanosByOperation);
    }

    public long count(String operation) {
        return sum(byOperation, operation);
    }

    /** Sorted by operation name so the admin JSON is stable. */
    public Map<String, Long> snapshot() {
        return sorted(byOperation);
    }

    private static long sum(Map<String, LongAdder> byOperation, String operation) {
        LongAdder adder = byOperation.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> byOperation) {
        Map<String, Long> copy = new TreeMap<>();
        byOperation.forEach((op, adder) -> copy.put(op, adder.sum()));
        return copy;
    }

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        byOperation.clear();
        nanosByOperation.clear();
    }
}
