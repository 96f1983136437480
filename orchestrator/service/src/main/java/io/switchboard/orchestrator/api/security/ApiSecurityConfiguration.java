package io.switchboard.orchestrator.api.security;

import io.switchboard.orchestrator.api.problems.ProblemWriter;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link ApiTokenFilter} in front of every request of the orchestrator's web server. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    OrganizationTokens organizationTokens(JdbcTemplate jdbc, Clock clock) {
        return new OrganizationTokens(jdbc, clock);
    }

    @Bean
    TokenRegistry tokenRegistry(ApiProperties properties, OrganizationTokens issued) {
        if (properties.opsTokens().contains(ApiProperties.DEV_OPS_TOKEN)) {
            log.warn("The HTTP API accepts the local stack's documented dev ops token; "
                    + "set switchboard.api.ops-tokens (SWITCHBOARD_API_OPS_TOKENS) to your own outside a dev machine");
        }
        TokenRegistry registry = new TokenRegistry(properties, issued);
        if (registry.isEmpty()) {
            log.warn("No API tokens configured (switchboard.api.ops-tokens): every API call will answer 401");
        }
        return registry;
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(TokenRegistry tokens, JsonMapper json) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
                new ApiTokenFilter(tokens, new AccessPolicy(), new ProblemWriter(json)));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("apiTokenFilter");
        return registration;
    }
}
