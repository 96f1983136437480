package io.switchboard.adapters.vapi;

import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.adapters.vapi.config.VapiWorkerConfiguration;
import io.switchboard.adapters.vapi.handlers.BindPhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.CheckPhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.CreateAssistantHandler;
import io.switchboard.adapters.vapi.handlers.CreateFreePhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.DeleteAssistantHandler;
import io.switchboard.adapters.vapi.handlers.UpdateAssistantHandler;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.adapters.vapi.handlers.DeletePhoneNumberRegistrationHandler;
import io.switchboard.adapters.vapi.handlers.RegisterPhoneNumberHandler;
import io.switchboard.adapters.vapi.lookup.CreatedSinceLookup;
import io.switchboard.adapters.vapi.phonenumbers.FreeVapiNumbers;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.messaging.worker.CommandContext;

import java.time.Clock;
import java.time.Duration;

/**
 * The worker's beans built by its own configuration class (same wiring as production) on the test database, pointed
 * at a simulator over real HTTP, with short backoffs.
 */
final class VapiHarness {
    static final String TWILIO_SID = "ACcafe0000000000000000000000000001";
    static final String TWILIO_TOKEN = "7e570000000000000000000000000001";
    static final String SAGA_ID = "saga-1";
    private static final CommandContext CONTEXT = new CommandContext(SAGA_ID, "step", 1, "cmd-1");

    final VapiApi api;
    final ProviderGuard guard;
    final CreationLedger ledger;
    final CreateAssistantHandler createAssistant;
    final DeleteAssistantHandler deleteAssistant;
    final UpdateAssistantHandler updateAssistant;
    final RegisterPhoneNumberHandler register;
    final DeletePhoneNumberRegistrationHandler deleteRegistration;
    final CreateFreePhoneNumberHandler createFreeNumber;
    final CheckPhoneNumberHandler checkNumber;
    final BindPhoneNumberHandler bindNumber;

    VapiHarness(VapiProperties properties) {
        this(properties, new PlatformTwilioAccounts(TWILIO_SID, TWILIO_TOKEN));
    }

    VapiHarness(VapiProperties properties, TwilioAccounts accounts) {
        VapiWorkerConfiguration config = new VapiWorkerConfiguration();
        Clock clock = Clock.systemUTC();
        this.api = config.vapiApi(properties);
        this.guard = config.vapiGuard(properties);
        this.ledger = config.vapiCreationLedger(VapiTestDatabase.dataSource(), properties, clock);
        CreatedSinceLookup lookup = config.vapiCreatedSinceLookup(properties, clock);
        VapiAssistants assistants = config.vapiAssistants(api, guard, properties, ledger, lookup);
        VapiPhoneNumbers numbers = config.vapiPhoneNumbers(api, guard, properties, ledger, assistants);
        FreeVapiNumbers freeNumbers = config.freeVapiNumbers(api, guard, ledger, lookup, assistants);
        this.createAssistant = new CreateAssistantHandler(assistants);
        this.deleteAssistant = new DeleteAssistantHandler(assistants);
        this.updateAssistant = new UpdateAssistantHandler(assistants);
        this.register = new RegisterPhoneNumberHandler(accounts, numbers);
        this.deleteRegistration = new DeletePhoneNumberRegistrationHandler(numbers);
        this.createFreeNumber = new CreateFreePhoneNumberHandler(freeNumbers);
        this.checkNumber = new CheckPhoneNumberHandler(freeNumbers);
        this.bindNumber = new BindPhoneNumberHandler(numbers);
    }

    static VapiProperties properties(String baseUrl, String apiKey) {
        return properties(baseUrl, apiKey, Duration.ofSeconds(5), resilience(4, 20, 10));
    }

    static VapiProperties properties(String baseUrl, String apiKey, Duration readTimeout, ResilienceProperties resilience) {
        return properties(baseUrl, apiKey, readTimeout, resilience, new VapiProperties.Lookup(1000, Duration.ofMinutes(1), 100));
    }

    static VapiProperties properties(String baseUrl, String apiKey, Duration readTimeout, ResilienceProperties resilience,
                                     VapiProperties.Lookup lookup) {
        return new VapiProperties(apiKey, baseUrl, Duration.ofSeconds(2), readTimeout, lookup,
                new VapiProperties.Ledger(Duration.ofSeconds(10)),
                new VapiProperties.AssistantDefaults("openai", "gpt-4o", "vapi", "Elliot",
                        "Hello, thank you for calling {orgName}.", "Hi, this is {orgName}.",
                        "You are the {role} assistant of {orgName}.", null),
                resilience);
    }

    static ResilienceProperties resilience(int maxAttempts, int cbWindow, int cbMinimumCalls) {
        return new ResilienceProperties(
                new ResilienceProperties.RetrySettings(maxAttempts, Duration.ofMillis(20), 2.0, 0.5, Duration.ofMillis(200)),
                new ResilienceProperties.CircuitBreakerSettings(50, cbWindow, cbMinimumCalls, Duration.ofMinutes(5), 1),
                new ResilienceProperties.RateLimiterSettings(1000, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    Reply handle(CreateAssistant command) {
        return createAssistant.handle(command, CONTEXT);
    }

    Reply handle(DeleteAssistant command) {
        return deleteAssistant.handle(command, CONTEXT);
    }

    Reply handle(UpdateAssistant command) {
        return updateAssistant.handle(command, CONTEXT);
    }

    Reply handle(RegisterPhoneNumber command) {
        return register.handle(command, CONTEXT);
    }

    Reply handle(DeletePhoneNumberRegistration command) {
        return deleteRegistration.handle(command, CONTEXT);
    }

    Reply handle(CreateFreePhoneNumber command) {
        return createFreeNumber.handle(command, CONTEXT);
    }

    Reply handle(CheckPhoneNumber command) {
        return checkNumber.handle(command, CONTEXT);
    }

    Reply handle(BindPhoneNumber command) {
        return bindNumber.handle(command, CONTEXT);
    }
}
