package io.switchboard.messaging.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest moment the command being executed on this thread may start a provider call.
 *
 * <p>The orchestrator stops waiting for an attempt at its {@code sb_deadline} and then retries or compensates. A
 * worker that still calls the provider after that acts behind the saga's back: a registration deleted after the
 * "inbound AI off" saga gave up, a number released while the next "on" saga reuses it. So a command may begin — and
 * each of its provider calls may begin — only until {@code deadline - margin}, where the margin covers the longest
 * single provider call (read timeout plus rate-limiter wait); whatever starts in time ends before the deadline.
 *
 * <p>Held in a thread-local because the command runs synchronously on its consumer thread and the check sits in
 * {@code ProviderGuard}, several calls below the handler; passing it through every provider method would not say more.
 */
public final class CommandDeadline {
    private static final ThreadLocal<Instant> LATEST_CALL_START = new ThreadLocal<>();

    private CommandDeadline() {
    }

    /**
     * The latest start for a command written at {@code writtenAt} that the orchestrator waits for until
     * {@code deadline}: {@code deadline - margin}, but never less than half the time the orchestrator allows, so a
     * step with a short timeout (tests, fast local steps) still gets a chance.
     *
     * @return {@code null} when the command carries no deadline (written by an older orchestrator or by hand)
     */
    public static Instant latestStart(Instant writtenAt, Instant deadline, Duration margin) {
        if (deadline == null) {
            return null;
        }
        Duration reserve = margin;
        if (writtenAt != null && writtenAt.isBefore(deadline)) {
            Duration half = Duration.between(writtenAt, deadline).dividedBy(2);
            if (half.compareTo(reserve) < 0) {
                reserve = half;
            }
        }
        return deadline.minus(reserve);
    }

    /** Runs {@code body} with {@code latestCallStart} (may be {@code null}: no limit) in force on this thread. */
    public static <T> T runWithin(Instant latestCallStart, java.util.function.Supplier<T> body) {
        Instant previous = LATEST_CALL_START.get();
        LATEST_CALL_START.set(latestCallStart);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                LATEST_CALL_START.remove();
            } else {
                LATEST_CALL_START.set(previous);
            }
        }
    }

    /**
     * Whether a provider call that starts {@code wait} from now would still start in time; always true outside a
     * command, or for a command without a deadline.
     */
    public static boolean allowsCallAfter(Duration wait, Clock clock) {
        Instant latest = LATEST_CALL_START.get();
        return latest == null || !clock.instant().plus(wait).isAfter(latest);
    }

    /** The latest start of a provider call for the command on this thread, if it has one (for log lines). */
    public static Optional<Instant> latestCallStart() {
        return Optional.ofNullable(LATEST_CALL_START.get());
    }

    /** Called before every provider call: throws when the command's time to start calls is over. */
    public static void checkBeforeProviderCall(Clock clock) {
        Instant latest = LATEST_CALL_START.get();
        if (latest != null && clock.instant().isAfter(latest)) {
            throw new CommandExpiredException("the saga stops waiting for this command at " + latest
                    + " plus the call margin; not starting another provider call");
        }
    }
}
