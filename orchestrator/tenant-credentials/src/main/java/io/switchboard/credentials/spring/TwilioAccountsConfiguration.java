package io.switchboard.credentials.spring;

import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@link TwilioAccounts} for the workers: the platform account, plus tenants' own accounts when a store exists. */
@Configuration(proxyBeanMethods = false)
@Import(TenantCredentialStoreConfiguration.class)
@EnableConfigurationProperties(PlatformTwilioAccountProperties.class)
public class TwilioAccountsConfiguration {

    @Bean
    @ConditionalOnMissingBean(TwilioAccounts.class)
    public TwilioAccounts twilioAccounts(PlatformTwilioAccountProperties platform, ConfiguredCredentialStore credentials) {
        PlatformTwilioAccounts platformAccounts = new PlatformTwilioAccounts(platform.accountSid(), platform.authToken());
        return credentials.store()
                .<TwilioAccounts>map(store -> new StoredTwilioAccounts(platformAccounts, store))
                .orElse(platformAccounts);
    }
}
