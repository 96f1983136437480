package io.switchboard.adapters.twilio;

import io.switchboard.adapters.twilio.numbers.TrialClaimLock;

import io.switchboard.credentials.twilio.PlatformTwilioAccounts;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.messaging.resilience.ResilienceProperties;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.handlers.AcquireNumberHandler;
import io.switchboard.adapters.twilio.handlers.AssignNumberHandler;
import io.switchboard.adapters.twilio.handlers.ReleaseNumberHandler;
import io.switchboard.adapters.twilio.http.BaseUrlHttpClient;
import io.switchboard.adapters.twilio.numbers.TwilioClients;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.worker.CommandContext;

import java.time.Duration;

/**
 * The worker's handlers wired exactly as in production (same classes, same transport, same Resilience4j), pointed
 * at a simulator over real HTTP, with short backoffs so tests run fast.
 */
final class TwilioHarness {
    static final CommandContext CONTEXT = new CommandContext("saga-1", "acquire-number", 1, "cmd-1");

    final ProviderGuard guard;
    final TwilioNumbers numbers;
    final AcquireNumberHandler acquire;
    final ReleaseNumberHandler release;
    final AssignNumberHandler assign;

    TwilioHarness(String baseUrl, String accountSid, String authToken, Duration readTimeout,
                  ResilienceProperties resilience, NumbersFactory numbersFactory) {
        this(baseUrl, new PlatformTwilioAccounts(accountSid, authToken), readTimeout, resilience, numbersFactory);
    }

    /** @param accounts how commands' accounts are resolved: the platform account only, or tenants' stored ones too */
    TwilioHarness(String baseUrl, TwilioAccounts accounts, Duration readTimeout, ResilienceProperties resilience,
                  NumbersFactory numbersFactory) {
        this.guard = new ProviderGuard("twilio", resilience, TwilioFailure::isTransient,
                t -> t instanceof TwilioFailure f && f.kind() == TwilioFailure.Kind.RATE_LIMITED,
                TwilioFailure::isProviderFault);
        TwilioClients clients = new TwilioClients(new BaseUrlHttpClient(baseUrl, Duration.ofSeconds(2), readTimeout));
        this.numbers = numbersFactory.create(clients, guard);
        this.acquire = new AcquireNumberHandler(accounts, numbers, "sb:", 10, 5, TrialClaimLock.inProcess());
        this.release = new ReleaseNumberHandler(accounts, numbers, "sb:");
        this.assign = new AssignNumberHandler(accounts, numbers, "sb:");
    }

    TwilioHarness(String baseUrl, String accountSid, String authToken) {
        this(baseUrl, accountSid, authToken, Duration.ofSeconds(5), fastResilience(),
                (clients, guard) -> new TwilioNumbers(clients, guard, null));
    }

    Reply acquire(AcquireNumber command) {
        return acquire.handle(command, CONTEXT);
    }

    Reply release(ReleaseNumber command) {
        return release.handle(command, CONTEXT);
    }

    Reply assign(AssignNumber command) {
        return assign.handle(command, CONTEXT);
    }

    static ResilienceProperties fastResilience() {
        return resilience(4, 20, 10);
    }

    static ResilienceProperties resilience(int maxAttempts, int cbWindow, int cbMinimumCalls) {
        return new ResilienceProperties(
                new ResilienceProperties.RetrySettings(maxAttempts, Duration.ofMillis(20), 2.0, 0.5, Duration.ofMillis(200)),
                new ResilienceProperties.CircuitBreakerSettings(50, cbWindow, cbMinimumCalls, Duration.ofMinutes(5), 1),
                new ResilienceProperties.RateLimiterSettings(1000, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @FunctionalInterface
    interface NumbersFactory {
        TwilioNumbers create(TwilioClients clients, ProviderGuard guard);
    }
}
