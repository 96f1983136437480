package io.switchboard.adapters.vapi;

import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.adapters.vapi.config.VapiWorkerConfiguration;
import io.switchboard.adapters.vapi.handlers.CreateAssistantHandler;
import io.switchboard.adapters.vapi.handlers.DeleteAssistantHandler;
import io.switchboard.adapters.vapi.handlers.DeletePhoneNumberRegistrationHandler;
import io.switchboard.adapters.vapi.handlers.RegisterPhoneNumberHandler;
import io.switchboard.adapters.vapi.phonenumbers.VapiPhoneNumbers;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.worker.CommandContext;

import java.time.Duration;

/**
 * The worker's beans built by its own configuration class (same wiring as production), pointed at a simulator
 * over real HTTP, with short backoffs.
 */
final class VapiHarness {
    static final String TWILIO_SID = "ACcafe0000000000000000000000000001";
    static final String TWILIO_TOKEN = "7e570000000000000000000000000001";
    private static final CommandContext CONTEXT = new CommandContext("saga-1", "step", 1, "cmd-1");

    final VapiApi api;
    final ProviderGuard guard;
    final CreateAssistantHandler createAssistant;
    final DeleteAssistantHandler deleteAssistant;
    final RegisterPhoneNumberHandler register;
    final DeletePhoneNumberRegistrationHandler deleteRegistration;

    VapiHarness(VapiProperties properties) {
        VapiWorkerConfiguration config = new VapiWorkerConfiguration();
        this.api = config.vapiApi(properties);
        this.guard = config.vapiGuard(properties);
        VapiAssistants assistants = config.vapiAssistants(api, guard, properties);
        VapiPhoneNumbers numbers = config.vapiPhoneNumbers(api, guard, properties);
        PlatformTwilioAccounts accounts = new PlatformTwilioAccounts(TWILIO_SID, TWILIO_TOKEN);
        this.createAssistant = new CreateAssistantHandler(assistants);
        this.deleteAssistant = new DeleteAssistantHandler(assistants);
        this.register = new RegisterPhoneNumberHandler(accounts, numbers);
        this.deleteRegistration = new DeletePhoneNumberRegistrationHandler(numbers);
    }

    static VapiProperties properties(String baseUrl, String apiKey) {
        return properties(baseUrl, apiKey, Duration.ofSeconds(5), true, resilience(4, 20, 10));
    }

    static VapiProperties properties(String baseUrl, String apiKey, Duration readTimeout, boolean useCredentials,
                                     ResilienceProperties resilience) {
        return new VapiProperties(apiKey, baseUrl, Duration.ofSeconds(2), readTimeout, 1000, useCredentials,
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

    Reply handle(RegisterPhoneNumber command) {
        return register.handle(command, CONTEXT);
    }

    Reply handle(DeletePhoneNumberRegistration command) {
        return deleteRegistration.handle(command, CONTEXT);
    }
}
