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
     * The saga, steps and all (they are a column of its row). No row lock: two transactions that change one saga at
     * once (a reply and a timer) are told apart by the version column, and the loser is retried
     * ({@link io.switchboard.saga.runtime.SagaConflicts}).
     */
    @Query("select s from SagaInstance s where s.id = :id")
    Optional<SagaInstance> loadById(UUID id);

    /** Row lock, for a check-then-act that must not race a reply (ops actions). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SagaInstance s where s.id = :id")
    Optional<SagaInstance> lockById(UUID id);

    List<SagaInstance> findByOrgIdAndStateIn(String orgId, Collection<SagaState> states);

    boolean existsByOrgIdAndStateIn(String orgId, Collection<SagaState> states);

    default boolean hasActiveSaga(String orgId) {
        return existsByOrgIdAndStateIn(orgId, List.of(SagaState.RUNNING, SagaState.COMPENSATING));
    }

    List<SagaInstance> findByOrgIdOrderByCreatedAtDesc(String orgId);
}
