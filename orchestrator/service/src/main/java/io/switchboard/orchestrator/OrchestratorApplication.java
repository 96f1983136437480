package io.switchboard.orchestrator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The saga orchestrator: organization events in, saga commands out, state in PostgreSQL. The saga engine is a library
 * in its own package ({@code io.switchboard.saga}) that stores its rows by plain JDBC; the product's own entities and
 * repositories are found under this package.
 */
@SpringBootApplication
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
