package io.switchboard.sim.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations seen since start or the last clear. Keeps the first {@link #CAPACITY} (the first ones explain
 * the rest) and counts all, so a long chaos run with a systematic mistake cannot exhaust memory.
 */
public final class ViolationLog {

    public static final int CAPACITY = 1000;

    private final List<Violation> kept = new ArrayList<>();
    private long total;

    public synchronized void record(Violation violation) {
        total++;
        if (kept.size() < CAPACITY) {
            kept.add(violation);
        }
    }

    /** The first {@link #CAPACITY} violations, oldest first. */
    public synchronized List<Violation> list() {
        return List.copyOf(kept);
    }

    /** All violations recorded, including those beyond {@link #CAPACITY}. */
    public synchronized long total() {
        return total;
    }

    public synchronized void clear() {
        kept.clear();
        total = 0;
    }
}
