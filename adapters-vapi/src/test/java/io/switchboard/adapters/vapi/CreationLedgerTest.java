package io.switchboard.adapters.vapi;

import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.messaging.ledger.Claim;
import io.switchboard.messaging.ledger.Creation;
import io.switchboard.messaging.ledger.CreationInProgressException;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.ledger.CreationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The messaging module's creation ledger on the VAPI worker's own table, against the real PostgreSQL. */
class CreationLedgerTest {
    private final CreationLedger ledger = new CreationLedger(VapiTestDatabase.dataSource(), VapiCreations.TABLE,
            Duration.ofSeconds(10), Clock.systemUTC());
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static Claim claim() {
        return new Claim(UUID.randomUUID() + ":inbound-assistant", VapiCreations.ASSISTANT, "org-ledger", "saga-ledger");
    }

    @Test
    void theFirstAttemptClaimsLaterOnesSeeTheClaimAndWhatWasRecorded() {
        Claim claim = claim();

        Creation first = ledger.attempt(claim, held -> {
            assertThat(held.firstAttempt()).isTrue();
            assertThat(held.creation().status()).isEqualTo(CreationStatus.PENDING);
            assertThat(ledger.find(claim.requestId(), claim.kind()))
                    .as("the claim is committed before the work (the provider call) starts, and is the row as stored")
                    .contains(held.creation());
            return held.creation();
        });
        Creation second = ledger.attempt(claim, held -> {
            assertThat(held.firstAttempt()).as("an earlier attempt may have created it").isFalse();
            return held.recordCreated("res-" + claim.requestId());
        });

        assertThat(second.claimedAt()).as("the first claim's time bounds every later look-up").isEqualTo(first.claimedAt());
        assertThat(ledger.find(claim.requestId(), claim.kind())).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CreationStatus.CREATED);
            assertThat(c.resourceId()).isEqualTo("res-" + claim.requestId());
            assertThat(c.orgId()).isEqualTo("org-ledger");
            assertThat(c.sagaId()).isEqualTo("saga-ledger");
            assertThat(c.createdAt()).isNotNull();
        });
        assertThat(ledger.findByResource("res-" + claim.requestId())).get()
                .extracting(Creation::requestId).isEqualTo(claim.requestId());
    }

    @Test
    void aFailedAttemptKeepsWhatItRecordedAndFreesTheRequestForTheNext() {
        Claim claim = claim();

        assertThatThrownBy(() -> ledger.attempt(claim, held -> {
            held.recordCreated("res-kept");
            throw new IllegalStateException("worker died after the provider answered");
        })).isInstanceOf(IllegalStateException.class);

        Creation next = ledger.attempt(claim, held -> held.creation());
        assertThat(next.status()).isEqualTo(CreationStatus.CREATED);
        assertThat(next.resourceId()).isEqualTo("res-kept");
    }

    @Test
    void twoAttemptsOfOneRequestNeverOverlapAndTheSecondSeesWhatTheFirstCreated() throws Exception {
        Claim claim = claim();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstInside = new CountDownLatch(1);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> ledger.attempt(claim, held -> {
            events.add("first in");
            firstInside.countDown();
            sleep(500); // the provider call
            held.recordCreated("res-first");
            events.add("first out");
            return held.firstAttempt();
        }), threads);
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Creation> second = CompletableFuture.supplyAsync(() -> ledger.attempt(claim, held -> {
            events.add("second in");
            return held.creation();
        }), threads);

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).resourceId()).isEqualTo("res-first");
        assertThat(events).containsExactly("first in", "first out", "second in");
    }

    @Test
    void anAttemptThatWaitsLongerThanTheLockTimeoutGivesUpAndOtherRequestsNeverWait() throws Exception {
        CreationLedger impatient = new CreationLedger(VapiTestDatabase.dataSource(), VapiCreations.TABLE,
                Duration.ofMillis(300), Clock.systemUTC());
        Claim claim = claim();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> ledger.attempt(claim, held -> {
            holding.countDown();
            await(release);
            return null;
        }), threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> impatient.attempt(claim, held -> "never"))
                    .isInstanceOf(CreationInProgressException.class)
                    .hasMessageContaining(claim.requestId());
            boolean otherRequestFirst = impatient.attempt(claim(), held -> held.firstAttempt());
            assertThat(otherRequestFirst).as("another request").isTrue();
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        boolean freeAgainFirst = impatient.attempt(claim, held -> held.firstAttempt());
        assertThat(freeAgainFirst).as("free again once released").isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
