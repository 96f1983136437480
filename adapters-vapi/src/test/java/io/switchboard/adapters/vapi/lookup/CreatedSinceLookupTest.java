package io.switchboard.adapters.vapi.lookup;

import io.switchboard.adapters.vapi.client.VapiTimes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The window search on its own, against an in-memory account that answers like VAPI's list operations
 * ({@code createdAtGe}/{@code createdAtLt} filters, then {@code limit}), in either order: whatever the account's size
 * and density, a resource created since the claim is found, and an absent one is reported absent.
 */
class CreatedSinceLookupTest {
    private static final Instant CLAIM = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock NOW = Clock.fixed(CLAIM.plusSeconds(600), ZoneOffset.UTC);

    private record Item(String id, Instant createdAt) {
    }

    /** VAPI-like list: the filter, then the order, then the limit; counts the calls. */
    private static final class Account {
        final List<Item> items = new ArrayList<>();
        final boolean newestFirst;
        int calls;

        Account(boolean newestFirst) {
            this.newestFirst = newestFirst;
        }

        List<Item> list(String ge, String lt, int limit) {
            calls++;
            Instant from = Instant.parse(ge);
            Instant to = Instant.parse(lt);
            Comparator<Item> order = Comparator.comparing(Item::createdAt);
            return items.stream().filter(i -> !i.createdAt().isBefore(from) && i.createdAt().isBefore(to))
                    .sorted(newestFirst ? order.reversed() : order).limit(limit).toList();
        }

        /** {@code count} items spread evenly over {@code span} from {@code start}. */
        void add(String prefix, int count, Instant start, Duration span) {
            for (int i = 0; i < count; i++) {
                items.add(new Item(prefix + i, start.plusNanos(span.toNanos() / count * i)));
            }
        }
    }

    private static Optional<Item> find(CreatedSinceLookup lookup, Account account, String id) {
        return lookup.find(CLAIM, account::list, item -> VapiTimes.format(item.createdAt()), item -> item.id().equals(id));
    }

    @Test
    void findsTheResourceUnderTenThousandNewerOnesInEitherOrderWithFewQueries() {
        for (boolean newestFirst : new boolean[]{true, false}) {
            Account account = new Account(newestFirst);
            account.add("before-", 3_000, CLAIM.minusSeconds(50), Duration.ofSeconds(50));
            account.items.add(new Item("ours", CLAIM.plusMillis(200)));
            account.add("after-", 10_000, CLAIM.plusSeconds(1), Duration.ofSeconds(30));
            CreatedSinceLookup lookup = new CreatedSinceLookup(1000, Duration.ofMinutes(1), 50, NOW);

            assertThat(find(lookup, account, "ours")).get().extracting(Item::id).isEqualTo("ours");
            assertThat(account.calls).as("newest first: " + newestFirst).isBetween(2, 30);
        }
    }

    @Test
    void reportsAbsenceOnlyAfterEveryWindowAnsweredWithLessThanAPage() {
        Account account = new Account(true);
        account.add("burst-", 5_000, CLAIM, Duration.ofSeconds(2));
        CreatedSinceLookup lookup = new CreatedSinceLookup(500, Duration.ofMinutes(1), 100, NOW);

        assertThat(find(lookup, account, "missing")).isEmpty();
        assertThat(account.calls).as("every one of the 5,000 was seen").isGreaterThanOrEqualTo(5_000 / 500);
    }

    @Test
    void resourcesOlderThanTheClaimMinusTheMarginAreNotAskedFor() {
        Account account = new Account(true);
        account.items.add(new Item("ancient", CLAIM.minus(Duration.ofMinutes(5))));
        account.items.add(new Item("skewed", CLAIM.minusSeconds(30)));
        CreatedSinceLookup lookup = new CreatedSinceLookup(1000, Duration.ofMinutes(1), 50, NOW);

        assertThat(find(lookup, account, "ancient")).isEmpty();
        assertThat(find(lookup, account, "skewed")).as("within the clock-skew margin").isPresent();
    }

    @Test
    void failsInsteadOfGuessingWhenTheWindowCannotBeSplitOrTheQueriesRunOut() {
        Account sameMillisecond = new Account(true);
        for (int i = 0; i < 20; i++) {
            sameMillisecond.items.add(new Item("same-" + i, CLAIM.plusMillis(7)));
        }
        assertThatThrownBy(() -> find(new CreatedSinceLookup(10, Duration.ofMinutes(1), 100, NOW), sameMillisecond, "x"))
                .isInstanceOf(LookupTooLargeException.class).hasMessageContaining("millisecond");

        Account busy = new Account(true);
        busy.add("busy-", 2_000, CLAIM, Duration.ofSeconds(60));
        assertThatThrownBy(() -> find(new CreatedSinceLookup(100, Duration.ofMinutes(1), 3, NOW), busy, "x"))
                .isInstanceOf(LookupTooLargeException.class).hasMessageContaining("more than 3 pages");
    }
}
