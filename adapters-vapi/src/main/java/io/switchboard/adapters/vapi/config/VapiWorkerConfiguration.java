package io.switchboard.adapters.vapi.config;

import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiClientFactory;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.adapters.vapi.handlers.BindPhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.CheckPhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.CreateAssistantHandler;
import io.switchboard.adapters.vapi.handlers.CreateFreePhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.DeleteAssistantHandler;
import io.switchboard.adapters.vapi.handlers.UpdateAssistantHandler;
import io.switchboard.adapters.vapi.handlers.DeletePhoneNumberRegistrationHandler;
import io.switchboard.adapters.vapi.handlers.RegisterPhoneNumberHandler;
import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.adapters.vapi.lookup.CreatedSinceLookup;
import io.switchboard.adapters.vapi.phonenumbers.FreeVapiNumbers;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.credentials.spring.TwilioAccountsConfiguration;
import io.switchboard.messaging.worker.CommandHandlers;
import io.switchboard.messaging.worker.WorkerRuntime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Wires the VAPI worker: Feign client, resilience, the creation ledger (in the worker's database, schema
 * {@code vapi_worker}), services, handlers and the Kafka listener. The Twilio account of a number to import
 * (platform, or an organization's own encrypted credential) is resolved by the shared tenant-credentials module.
 */
@Configuration(proxyBeanMethods = false)
@Import(TwilioAccountsConfiguration.class)
public class VapiWorkerConfiguration {
    public static final String GROUP_ID = "switchboard-vapi-worker";

    @Bean
    public ProviderGuard vapiGuard(VapiProperties properties) {
        return new ProviderGuard("vapi", properties.resilience(), VapiFailure::isTransient, VapiFailure::isProviderFault);
    }

    @Bean
    public VapiApi vapiApi(VapiProperties properties) {
        return VapiClientFactory.create(properties);
    }

    @Bean
    public CreationLedger vapiCreationLedger(DataSource dataSource, VapiProperties properties, Clock clock) {
        return new CreationLedger(dataSource, VapiCreations.TABLE, properties.ledger().lockTimeout(), clock);
    }

    @Bean
    public CreatedSinceLookup vapiCreatedSinceLookup(VapiProperties properties, Clock clock) {
        VapiProperties.Lookup lookup = properties.lookup();
        return new CreatedSinceLookup(lookup.pageSize(), lookup.clockSkewMargin(), lookup.maxQueries(), clock);
    }

    @Bean
    public VapiAssistants vapiAssistants(VapiApi api, ProviderGuard vapiGuard, VapiProperties properties,
                                         CreationLedger vapiCreationLedger, CreatedSinceLookup vapiCreatedSinceLookup) {
        return new VapiAssistants(api, vapiGuard, new AssistantSpec(properties.assistant()), vapiCreationLedger,
                vapiCreatedSinceLookup);
    }

    @Bean
    public VapiPhoneNumbers vapiPhoneNumbers(VapiApi api, ProviderGuard vapiGuard, VapiProperties properties,
                                             CreationLedger vapiCreationLedger, VapiAssistants vapiAssistants) {
        return new VapiPhoneNumbers(api, vapiGuard, vapiCreationLedger, vapiAssistants,
                properties.lookup().pageSize(), properties.lookup().maxQueries());
    }

    @Bean
    public FreeVapiNumbers freeVapiNumbers(VapiApi api, ProviderGuard vapiGuard, CreationLedger vapiCreationLedger,
                                           CreatedSinceLookup vapiCreatedSinceLookup, VapiAssistants vapiAssistants) {
        return new FreeVapiNumbers(api, vapiGuard, vapiCreationLedger, vapiCreatedSinceLookup, vapiAssistants);
    }

    @Bean
    public CommandHandlers vapiCommandHandlers(VapiAssistants assistants, VapiPhoneNumbers phoneNumbers,
                                               FreeVapiNumbers freeNumbers, TwilioAccounts accounts) {
        return new CommandHandlers()
                .on(CreateAssistant.class, new CreateAssistantHandler(assistants))
                .on(DeleteAssistant.class, new DeleteAssistantHandler(assistants))
                .on(UpdateAssistant.class, new UpdateAssistantHandler(assistants))
                .on(RegisterPhoneNumber.class, new RegisterPhoneNumberHandler(accounts, phoneNumbers))
                .on(DeletePhoneNumberRegistration.class, new DeletePhoneNumberRegistrationHandler(phoneNumbers))
                .on(CreateFreePhoneNumber.class, new CreateFreePhoneNumberHandler(freeNumbers))
                .on(CheckPhoneNumber.class, new CheckPhoneNumberHandler(freeNumbers))
                .on(BindPhoneNumber.class, new BindPhoneNumberHandler(phoneNumbers));
    }

    @Bean
    @ConditionalOnProperty(prefix = "switchboard.vapi.worker", name = "enabled", havingValue = "true", matchIfMissing = true)
    public ConcurrentMessageListenerContainer<String, byte[]> vapiCommandListener(
            WorkerRuntime workerRuntime, CommandHandlers vapiCommandHandlers) {
        return workerRuntime.listen(Topics.VAPI_COMMANDS, GROUP_ID, vapiCommandHandlers);
    }
}
