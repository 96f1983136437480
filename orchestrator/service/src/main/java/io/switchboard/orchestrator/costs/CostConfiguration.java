package io.switchboard.orchestrator.costs;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.orchestrator.pool.PoolProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostProperties.class)
public class CostConfiguration {

    @Bean
    Costs costs(JdbcTemplate jdbc, CostProperties prices, PoolProperties pool) {
        return new Costs(jdbc, prices, pool);
    }

    @Bean
    CostGauges costGauges(Costs costs, CostProperties properties, MeterRegistry registry, Clock clock) {
        CostGauges gauges = new CostGauges(costs, properties, clock);
        gauges.bindTo(registry);
        return gauges;
    }
}
