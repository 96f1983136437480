package io.switchboard.orchestrator.templates;

import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateProperties.class)
public class TemplatesConfiguration {

    @Bean
    AssistantTemplates assistantTemplates(JdbcTemplate jdbc, Clock clock, TemplateProperties properties) {
        return new AssistantTemplates(new JdbcTemplateStore(jdbc, clock),
                new TemplateRules(VapiProviderCatalog.load(), properties), properties, clock);
    }

    @Bean
    TemplateUpdateSteps templateUpdateSteps(AiConfigRepository configs) {
        return new TemplateUpdateSteps(configs);
    }

    @Bean
    AssistantTemplateUpdates assistantTemplateUpdates(AiConfigRepository configs, AssistantTemplates templates) {
        return new AssistantTemplateUpdates(configs, templates);
    }
}
