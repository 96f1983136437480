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

    /** Row lock: replies and timers of one saga are applied one after another, never interleaved. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SagaInstance s where s.id = :id")
    Optional<SagaInstance> lockById(UUID id);

    List<SagaInstance> findByOrgIdAndStateIn(String orgId, Collection<SagaState> states);

    default boolean hasActiveSaga(String orgId) {
        return !findByOrgIdAndStateIn(orgId, List.of(SagaState.RUNNING, SagaState.COMPENSATING)).isEmpty();
    }

    List<SagaInstance> findByOrgIdOrderByCreatedAtDesc(String orgId);
}
