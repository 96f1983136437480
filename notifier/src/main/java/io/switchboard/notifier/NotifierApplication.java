package io.switchboard.notifier;

import io.switchboard.messaging.config.MessagingConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The email worker: consumes {@code SendApprovalEmail} / {@code SendFailureEmail} commands and sends each email at
 * most once. No web server: it is driven by Kafka only (see {@code notifier.yml}).
 */
@SpringBootApplication
@Import(MessagingConfiguration.class)
public class NotifierApplication {
    /** Reads {@code notifier.yml}, so it can share a JVM with the other services (all-in-one launcher). */
    public static final String CONFIG_NAME = "spring.config.name=notifier";

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotifierApplication.class).properties(CONFIG_NAME).run(args);
    }
}
