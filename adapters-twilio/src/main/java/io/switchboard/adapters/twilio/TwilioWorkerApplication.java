package io.switchboard.adapters.twilio;

import io.switchboard.messaging.config.MessagingConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The Twilio worker: consumes {@code AcquireNumber} / {@code ReleaseNumber} / {@code AssignNumber} from the Twilio
 * command topic and replies on the saga reply topic. It serves no HTTP: it only talks to Kafka and to Twilio.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(MessagingConfiguration.class)
public class TwilioWorkerApplication {
    /** Reads {@code twilio-worker.yml}, so it can share a JVM with the other services (all-in-one launcher). */
    public static final String CONFIG_NAME = "spring.config.name=twilio-worker";

    public static void main(String[] args) {
        new SpringApplicationBuilder(TwilioWorkerApplication.class)
                .properties(CONFIG_NAME)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
