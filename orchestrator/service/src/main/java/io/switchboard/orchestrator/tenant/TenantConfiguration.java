package io.switchboard.orchestrator.tenant;

import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.lines.LineNumbers;
import io.switchboard.orchestrator.organizations.Organizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TenantConfiguration {
    @Bean
    TenantLines tenantLines(AiConfigRepository configs, Organizations organizations, LineNumbers lineNumbers) {
        return new TenantLines(configs, organizations, lineNumbers);
    }
}
