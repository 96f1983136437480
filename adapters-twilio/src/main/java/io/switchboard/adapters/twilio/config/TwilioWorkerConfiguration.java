package io.switchboard.adapters.twilio.config;

import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.handlers.AcquireNumberHandler;
import io.switchboard.adapters.twilio.handlers.AssignNumberHandler;
import io.switchboard.adapters.twilio.handlers.ClaimOwnNumberHandler;
import io.switchboard.adapters.twilio.handlers.ReleaseNumberHandler;
import io.switchboard.adapters.twilio.http.BaseUrlHttpClient;
import io.switchboard.adapters.twilio.numbers.TwilioClients;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.ClaimOwnNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.credentials.spring.TwilioAccountsConfiguration;
import io.switchboard.messaging.worker.CommandHandlers;
import io.switchboard.messaging.worker.WorkerRuntime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.adapters.twilio.numbers.PostgresTrialClaimLock;
import io.switchboard.adapters.twilio.numbers.TrialClaimLock;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Wires the Twilio worker: SDK transport, resilience, handlers and the Kafka listener. Account resolution (platform
 * account, plus organizations' own encrypted credentials when {@code switchboard.credentials.keyset} is set) comes
 * from the shared tenant-credentials module.
 */
@Configuration(proxyBeanMethods = false)
@Import(TwilioAccountsConfiguration.class)
public class TwilioWorkerConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TwilioWorkerConfiguration.class);
    public static final String GROUP_ID = "switchboard-twilio-worker";

    @Bean
    public ProviderGuard twilioGuard(TwilioProperties properties) {
        return new ProviderGuard("twilio", properties.resilience(),
                TwilioFailure::isTransient,
                t -> t instanceof TwilioFailure f && f.kind() == TwilioFailure.Kind.RATE_LIMITED,
                TwilioFailure::isProviderFault);
    }

    @Bean
    public TwilioNumbers twilioNumbers(TwilioProperties properties, ProviderGuard twilioGuard) {
        BaseUrlHttpClient transport = new BaseUrlHttpClient(
                properties.baseUrl(), properties.connectTimeout(), properties.readTimeout());
        return new TwilioNumbers(new TwilioClients(transport), twilioGuard, properties.numbers().voiceUrl(),
                properties.numbers().maxListPages());
    }

    /**
     * Claims of a trial account's number, one at a time across every Twilio worker: a PostgreSQL advisory lock on a
     * pool of its own (one claim holds one connection for a read and a re-tag), or — without a database — within
     * this process only, which is safe with one Twilio worker.
     */
    @Bean
    public TrialClaimLock trialClaimLock(TwilioProperties properties, Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            log.warn("No database (spring.datasource.url): trial-number claims are serialized within this process only;"
                    + " run a single Twilio worker");
            return TrialClaimLock.inProcess();
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("trial-claims");
        config.setJdbcUrl(url);
        config.setUsername(environment.getProperty("spring.datasource.username"));
        config.setPassword(environment.getProperty("spring.datasource.password"));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        return new PostgresTrialClaimLock(new HikariDataSource(config), properties.numbers().trialClaimWait());
    }

    @Bean
    public CommandHandlers twilioCommandHandlers(TwilioProperties properties, TwilioAccounts accounts, TwilioNumbers numbers,
                                                 TrialClaimLock trialClaimLock) {
        TwilioProperties.Numbers policy = properties.numbers();
        return new CommandHandlers()
                .on(AcquireNumber.class, new AcquireNumberHandler(accounts, numbers, policy.legacyTagPrefix(),
                        policy.searchPageSize(), policy.maxCandidates(), trialClaimLock))
                .on(ReleaseNumber.class, new ReleaseNumberHandler(accounts, numbers, policy.legacyTagPrefix()))
                .on(AssignNumber.class, new AssignNumberHandler(accounts, numbers, policy.legacyTagPrefix()))
                .on(ClaimOwnNumber.class, new ClaimOwnNumberHandler(accounts, numbers, policy.legacyTagPrefix()));
    }

    /** The listener container is a SmartLifecycle bean: Spring starts it with the context and stops it gracefully. */
    @Bean
    @ConditionalOnProperty(prefix = "switchboard.twilio.worker", name = "enabled", havingValue = "true", matchIfMissing = true)
    public ConcurrentMessageListenerContainer<String, byte[]> twilioCommandListener(
            WorkerRuntime workerRuntime, CommandHandlers twilioCommandHandlers) {
        return workerRuntime.listen(Topics.TWILIO_COMMANDS, GROUP_ID, twilioCommandHandlers);
    }
}
