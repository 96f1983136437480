package io.switchboard.orchestrator.pool;

import io.switchboard.saga.runtime.SagaRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the pool stocked and lean: buys numbers ahead of demand on request, and hands numbers idle for longer than
 * {@code switchboard.pool.idle-release-after} back to Twilio. Each number is its own saga, keyed {@code pool:<id>}
 * so pool work never waits behind, or blocks, an organization's saga.
 */
public class PoolMaintenance {
    private static final Logger log = LoggerFactory.getLogger(PoolMaintenance.class);

    private final NumberPool pool;
    private final SagaRuntime runtime;
    private final TransactionTemplate transactions;
    private final int idleReleaseBatch;

    public PoolMaintenance(NumberPool pool, SagaRuntime runtime, TransactionTemplate transactions, int idleReleaseBatch) {
        this.pool = pool;
        this.runtime = runtime;
        this.transactions = transactions;
        this.idleReleaseBatch = idleReleaseBatch;
    }

    /** @return the ids of the provisioning sagas started */
    public List<String> provision(int count, String country, String areaCode) {
        List<String> sagaIds = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                sagaIds.add(runtime.start(PoolSagas.PROVISION, poolKey(), PoolNumberData.toBuy(country, areaCode))
                        .id().toString());
            }
        });
        log.info("Provisioning {} pool number(s) in {} {}", count, country, areaCode == null ? "" : areaCode);
        return sagaIds;
    }

    @Scheduled(fixedDelayString = "${switchboard.pool.idle-check-interval:1h}",
            initialDelayString = "${switchboard.pool.idle-check-interval:1h}")
    public void releaseIdleNumbers() {
        List<String> started = releaseIdleNow();
        if (!started.isEmpty()) {
            log.info("Releasing {} pool number(s) idle for too long", started.size());
        }
    }

    /**
     * Starts a release saga for every pooled number idle for too long (the number leaves the pool's stock now), and
     * again for every number whose earlier release saga ended without releasing it.
     */
    public List<String> releaseIdleNow() {
        List<String> sagaIds = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (PooledNumber number : pool.unfinishedReleases(idleReleaseBatch)) {
                log.info("Releasing pool number {} again: its earlier release saga ended without releasing it",
                        number.numberSid());
                sagaIds.add(runtime.start(PoolSagas.RELEASE_IDLE, poolKey(), PoolNumberData.toRelease(number))
                        .id().toString());
            }
            for (PooledNumber number : pool.idleTooLong(idleReleaseBatch)) {
                if (pool.markReleasing(number.numberSid())) {
                    sagaIds.add(runtime.start(PoolSagas.RELEASE_IDLE, poolKey(), PoolNumberData.toRelease(number))
                            .id().toString());
                }
            }
        });
        return sagaIds;
    }

    private static String poolKey() {
        return "pool:" + UUID.randomUUID();
    }
}
