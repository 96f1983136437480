package io.switchboard.adapters.vapi.lookup;

import io.switchboard.adapters.vapi.client.VapiTimes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds a resource an in-doubt earlier attempt may have created, with VAPI's documented {@code createdAtGe} /
 * {@code createdAtLt} filters rather than by reading "the newest page": the resource cannot be older than the
 * attempt's claim, so only what VAPI created since then (minus a clock-skew margin: VAPI's {@code createdAt} comes
 * from VAPI's clock, the claim's time from ours) is asked for. A window that fills a whole page is split in two and
 * both halves are asked for, until every window answers with less than a page, so nothing in the range is ever
 * missed however busy the account is, and without relying on an order of results the document does not promise.
 * The split point is the median {@code createdAt} of the full page when it lies inside the window (so dense bursts
 * are cut where the resources are, about half a page per extra query), else the window's middle. The number of
 * queries is capped; past the cap the look-up fails rather than guess.
 */
public final class CreatedSinceLookup {
    /** VAPI's maximum {@code limit}. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** One guarded list call: the resources created in {@code [createdAtGe, createdAtLt)}, at most {@code limit}. */
    @FunctionalInterface
    public interface Window<T> {
        List<T> list(String createdAtGe, String createdAtLt, int limit);
    }

    private final int pageSize;
    private final Duration clockSkewMargin;
    private final int maxQueries;
    private final Clock clock;

    public CreatedSinceLookup(int pageSize, Duration clockSkewMargin, int maxQueries, Clock clock) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("lookup page size must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        if (clockSkewMargin.isNegative() || maxQueries < 1) {
            throw new IllegalArgumentException("clock-skew margin must not be negative and max queries must be >= 1");
        }
        this.pageSize = pageSize;
        this.clockSkewMargin = clockSkewMargin;
        this.maxQueries = maxQueries;
        this.clock = clock;
    }

    /**
     * @param since     when the earliest attempt that may have created the resource claimed it (our clock)
     * @param createdAt the resource's {@code createdAt} as VAPI answered it
     * @return the first resource created since then that {@code match} accepts
     * @throws LookupTooLargeException when more than {@code maxQueries} queries would be needed
     */
    public <T> Optional<T> find(Instant since, Window<T> window, Function<T, String> createdAt, Predicate<T> match) {
        Instant from = since.minus(clockSkewMargin).truncatedTo(ChronoUnit.MILLIS);
        Instant to = clock.instant().plus(clockSkewMargin).plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        Deque<Instant[]> windows = new ArrayDeque<>();
        windows.push(new Instant[]{from, to});
        int queries = 0;
        while (!windows.isEmpty()) {
            Instant[] range = windows.pop();
            if (++queries > maxQueries) {
                throw new LookupTooLargeException("more than " + maxQueries + " pages of " + pageSize
                        + " resources were created at VAPI between " + from + " and " + to);
            }
            List<T> page = window.list(VapiTimes.format(range[0]), VapiTimes.format(range[1]), pageSize);
            Optional<T> found = page.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found;
            }
            if (page.size() >= pageSize) {
                long millis = Duration.between(range[0], range[1]).toMillis();
                if (millis <= 1) {
                    throw new LookupTooLargeException("VAPI created " + page.size() + " or more resources within the"
                            + " millisecond at " + range[0] + "; a time window cannot tell them apart");
                }
                Instant middle = medianInside(page, createdAt, range[0], range[1])
                        .orElse(range[0].plusMillis(millis / 2));
                // The later half goes under the older one: the older half, nearer the claim, is asked first.
                windows.push(new Instant[]{middle, range[1]});
                windows.push(new Instant[]{range[0], middle});
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<Instant> medianInside(List<T> page, Function<T, String> createdAt, Instant from, Instant to) {
        List<Instant> times = page.stream().map(createdAt).map(CreatedSinceLookup::parse)
                .filter(Objects::nonNull).sorted().toList();
        if (times.isEmpty()) {
            return Optional.empty();
        }
        Instant median = times.get(times.size() / 2).truncatedTo(ChronoUnit.MILLIS);
        return median.isAfter(from) && median.isBefore(to) ? Optional.of(median) : Optional.empty();
    }

    private static Instant parse(String createdAt) {
        try {
            return createdAt == null ? null : OffsetDateTime.parse(createdAt).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
