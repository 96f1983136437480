package io.switchboard.sim.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Holds fault rules and decides, per provider request, whether one fires. Every matching rule counts
 * every matching call (so "the 2nd purchase" means the 2nd purchase request, whatever other rules did);
 * the first rule, in insertion order, that fires wins. Thread-safe; decisions are serialized so that
 * NTH/NEXT counts are exact under concurrency.
 */
public final class FaultInjector {

    private final List<ActiveRule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    /** Adds a rule and returns it with its assigned id. */
    public synchronized FaultRule add(FaultRule rule) {
        FaultRule withId = rule.withId("fault-" + ids.incrementAndGet());
        rules.add(new ActiveRule(withId));
        return withId;
    }

    public synchronized boolean remove(String id) {
        return rules.removeIf(active -> active.rule.id().equals(id));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return rules.stream().map(active -> active.rule).toList();
    }

    /** How many requests got a fault since start (or the last {@link #resetCount()}). */
    public long injectedCount() {
        return injected.get();
    }

    public void resetCount() {
        injected.set(0);
    }

    /** The rule that fires for this request, if any. Counts the call against every matching rule. */
    public synchronized Optional<FaultRule> decide(String method, String path, String operation) {
        FaultRule fired = null;
        for (ActiveRule active : rules) {
            if (active.matches(method, path, operation) && active.countAndFire() && fired == null) {
                fired = active.rule;
            }
        }
        if (fired != null) {
            injected.incrementAndGet();
        }
        return Optional.ofNullable(fired);
    }

    /** A rule plus its mutable trigger state, kept out of the immutable record. */
    private static final class ActiveRule {
        final FaultRule rule;
        final Pattern path;
        final Random random;
        long seen;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.path = rule.pathRegex() == null ? null : Pattern.compile(rule.pathRegex());
            this.random = rule.seed() == null ? new Random() : new Random(rule.seed());
        }

        boolean matches(String method, String requestPath, String operation) {
            return (rule.method() == null || rule.method().equalsIgnoreCase(method))
                    && (path == null || path.matcher(requestPath).matches())
                    && (rule.operation() == null || rule.operation().equals(operation));
        }

        boolean countAndFire() {
            seen++;
            return switch (rule.trigger()) {
                case ALWAYS -> true;
                case NTH -> seen == rule.count();
                case NEXT -> seen <= rule.count();
                case PROBABILITY -> random.nextDouble() < rule.probability();
            };
        }
    }
}
