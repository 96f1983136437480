package io.switchboard.orchestrator.aiconfig;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AiConfigRepository extends JpaRepository<AiConfig, String> {
}
