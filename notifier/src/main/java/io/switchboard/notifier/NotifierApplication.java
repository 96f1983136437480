package io.switchboard.notifier;

import io.switchboard.messaging.config.MessagingConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The email worker: consumes {@code SendApprovalEmail} / {@code SendFailureEmail} commands and sends each email at
 * most once. No web server: it is driven by Kafka only (see {@code application.yml}).
 */
@SpringBootApplication
@Import(MessagingConfiguration.class)
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }
}
