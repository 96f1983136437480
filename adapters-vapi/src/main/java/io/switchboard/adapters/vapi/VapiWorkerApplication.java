package io.switchboard.adapters.vapi;

import io.switchboard.messaging.config.MessagingConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The VAPI worker: consumes assistant and phone-number commands from the VAPI command topic and replies on the
 * saga reply topic. It serves no HTTP.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(MessagingConfiguration.class)
public class VapiWorkerApplication {
    /** Reads {@code vapi-worker.yml}, so it can share a JVM with the other services (all-in-one launcher). */
    public static final String CONFIG_NAME = "spring.config.name=vapi-worker";

    public static void main(String[] args) {
        new SpringApplicationBuilder(VapiWorkerApplication.class)
                .properties(CONFIG_NAME)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
