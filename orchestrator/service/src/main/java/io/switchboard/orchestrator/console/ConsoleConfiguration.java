package io.switchboard.orchestrator.console;

import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.PoolController;
import io.switchboard.orchestrator.api.security.TokenRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Clock;

/**
 * The ops console's parts; its controllers are found by component scanning like the API's. Always wired, so that
 * with {@code switchboard.console.enabled=false} the filter is still there to answer every console path with 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConsoleProperties.class, MailboxProperties.class})
public class ConsoleConfiguration {

    @Bean
    FilterRegistrationBean<ConsoleFilter> consoleFilter(TokenRegistry tokens, ConsoleProperties properties) {
        FilterRegistrationBean<ConsoleFilter> registration = new FilterRegistrationBean<>(new ConsoleFilter(tokens,
                properties.enabled()));
        registration.addUrlPatterns("/console", "/console/*");
        // Right after the API's token filter, which leaves /console to this one.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setName("consoleFilter");
        return registration;
    }

    @Bean
    SagaEventFeed consoleSagaEventFeed(ConsumerFactory<String, byte[]> consumers, JsonCodec codec,
                                       ConsoleProperties properties) {
        return new SagaEventFeed(consumers, codec, properties.livePollInterval());
    }

    @Bean
    LiveUpdates consoleLiveUpdates(SagaEventFeed feed, ConsoleProperties properties) {
        return new LiveUpdates(feed, properties);
    }

    @Bean
    PoolLevels consolePoolLevels(PoolController pool, JdbcTemplate jdbc, Clock clock, ConsoleProperties properties) {
        return new PoolLevels(pool, jdbc, clock, properties);
    }

    @Bean
    Mailbox consoleMailbox(MailboxProperties properties) {
        return new Mailbox(properties);
    }

    @Bean
    Redaction consoleRedaction(JsonCodec codec) {
        return new Redaction(codec.mapper());
    }
}
