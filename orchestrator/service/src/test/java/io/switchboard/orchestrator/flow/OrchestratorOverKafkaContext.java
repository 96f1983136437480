package io.switchboard.orchestrator.flow;

import io.switchboard.orchestrator.OrchestratorApplication;
import io.switchboard.testsupport.SwitchboardTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one orchestrator context of this module's Kafka tests, over the real broker and database. Tests extend it
 * rather than repeat its settings: Spring caches the context per configuration (including this very property
 * method), so they share one orchestrator instead of starting a second one in the same consumer group.
 */
@SpringBootTest(classes = OrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {OrchestratorApplication.CONFIG_NAME, "switchboard.timers.poll-interval=50ms",
                "switchboard.outbox.sweep-interval=100ms"})
abstract class OrchestratorOverKafkaContext {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SwitchboardTestProperties.register(registry, "orchestrator");
    }
}
