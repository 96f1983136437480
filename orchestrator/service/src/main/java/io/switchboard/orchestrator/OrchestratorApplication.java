package io.switchboard.orchestrator;

import io.switchboard.saga.persistence.SagaInstance;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The saga orchestrator: organization events in, saga commands out, state in PostgreSQL. The saga engine is a library
 * in its own package ({@code io.switchboard.saga}), so its entities and repositories are named here next to ours.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = {OrchestratorApplication.class, SagaInstance.class})
@EnableJpaRepositories(basePackageClasses = {OrchestratorApplication.class, SagaInstance.class})
public class OrchestratorApplication {
    /**
     * Each service reads {@code <name>.yml} instead of {@code application.yml}, so that all of them can run side by
     * side in one JVM (the all-in-one launcher) without one service's defaults shadowing another's.
     */
    public static final String CONFIG_NAME = "spring.config.name=orchestrator";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrchestratorApplication.class).properties(CONFIG_NAME).run(args);
    }
}
