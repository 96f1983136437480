package io.switchboard.saga.persistence;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SagaInstanceRepository extends JpaRepository<SagaInstance, UUID> {

    /**
     * The saga with all its steps in one round trip (the executor reads them all). No row lock: two transactions that
     * change one saga at once (a reply and a timer) are told apart by the version column, and the loser is retried
     * ({@link io.switchboard.saga.runtime.SagaConflicts}).
     */
    @Query("select distinct s from SagaInstance s left join fetch s.steps where s.id = :id")
    Optional<SagaInstance> findWithSteps(UUID id);

    /** Row lock, for a check-then-act that must not race a reply (ops actions). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SagaInstance s where s.id = :id")
    Optional<SagaInstance> lockById(UUID id);

    List<SagaInstance> findByOrgIdAndStateIn(String orgId, Collection<SagaState> states);

    default boolean hasActiveSaga(String orgId) {
        return !findByOrgIdAndStateIn(orgId, List.of(SagaState.RUNNING, SagaState.COMPENSATING)).isEmpty();
    }

    List<SagaInstance> findByOrgIdOrderByCreatedAtDesc(String orgId);
}
