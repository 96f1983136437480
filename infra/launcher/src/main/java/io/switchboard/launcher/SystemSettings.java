package io.switchboard.launcher;

import io.switchboard.infra.stack.LocalStack;
import io.switchboard.messaging.authentication.MessageKeyset;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.vapi.VapiSimulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings each service needs to find the local stack and the simulators: the same properties (and so the same
 * environment variables) a production deployment sets to point at real Kafka, PostgreSQL, Twilio, VAPI and SMTP.
 */
public final class SystemSettings {
    static final String CREDENTIALS_KEYSET = "switchboard.credentials.keyset";
    static final String MESSAGES_KEYSET = MessageKeyset.SETTING;

    private SystemSettings() {
    }

    public static Map<String, String> common(LocalStack stack) {
        Map<String, String> settings = new LinkedHashMap<>();
        // The system closes services, then simulators, then the stack, in that order; per-service hooks would race it.
        settings.put("spring.main.register-shutdown-hook", "false");
        settings.put("spring.kafka.bootstrap-servers", stack.kafka().bootstrapServers());
        settings.put("spring.datasource.url", stack.jdbcUrl());
        settings.put("spring.datasource.username", stack.postgres().username());
        settings.put("spring.datasource.password", stack.postgres().password());
        // Every service tags what it sends and verifies what it reads with the same keyset.
        settings.put(MESSAGES_KEYSET, LocalKeysets.messages(stack));
        return settings;
    }

    public static Map<String, String> orchestrator(LocalStack stack, int httpPort, TwilioSimulator twilio,
                                                   VapiSimulator vapi) {
        Map<String, String> settings = common(stack);
        settings.put("server.port", Integer.toString(httpPort));
        // Encrypts organizations' own Twilio credentials; the orchestrator also migrates their schema.
        settings.put(CREDENTIALS_KEYSET, LocalKeysets.credentials(stack));
        // Reconciliation (switchboard reconcile) reads the providers: here the simulators, with the workers' accounts.
        settings.put("switchboard.reconcile.twilio-base-url", twilio.baseUrl());
        settings.put("switchboard.reconcile.twilio-account-sid", twilio.config().accountSid());
        settings.put("switchboard.reconcile.twilio-auth-token", twilio.config().authToken());
        settings.put("switchboard.reconcile.vapi-base-url", vapi.baseUrl());
        settings.put("switchboard.reconcile.vapi-api-key", vapi.config().apiKey());
        // Local stack only: the console's mailbox page reads the captured emails (unset in production: no page).
        settings.put("switchboard.console.mailbox.imap-url", stack.smtp().mailboxImapUrl());
        return settings;
    }

    /**
     * A worker that keeps no state of its own in the database must not migrate it either (in a shared JVM it would
     * run the orchestrator's migrations, which are on the classpath too). It reads organizations' Twilio credentials
     * (migrated by the orchestrator) with the same keyset.
     */
    private static Map<String, String> statelessWorker(LocalStack stack) {
        Map<String, String> settings = common(stack);
        settings.put("spring.flyway.enabled", "false");
        settings.put(CREDENTIALS_KEYSET, LocalKeysets.credentials(stack));
        return settings;
    }

    public static Map<String, String> twilioWorker(LocalStack stack, TwilioSimulator twilio) {
        Map<String, String> settings = statelessWorker(stack);
        settings.put("switchboard.twilio.base-url", twilio.baseUrl());
        settings.put("switchboard.twilio.account-sid", twilio.config().accountSid());
        settings.put("switchboard.twilio.auth-token", twilio.config().authToken());
        return settings;
    }

    /**
     * The VAPI worker keeps its creation ledger in the shared database, in its own schema migrated by its own Flyway
     * settings (vapi-worker.yml: schema {@code vapi_worker}, location {@code db/vapi-worker}, own history table), like
     * the notifier; it reads organizations' Twilio credentials with the same keyset.
     */
    public static Map<String, String> vapiWorker(LocalStack stack, VapiSimulator vapi, TwilioSimulator twilio) {
        Map<String, String> settings = common(stack);
        settings.put(CREDENTIALS_KEYSET, LocalKeysets.credentials(stack));
        settings.put("switchboard.vapi.base-url", vapi.baseUrl());
        settings.put("switchboard.vapi.api-key", vapi.config().apiKey());
        settings.put("switchboard.twilio.account-sid", twilio.config().accountSid());
        settings.put("switchboard.twilio.auth-token", twilio.config().authToken());
        return settings;
    }

    public static Map<String, String> notifier(LocalStack stack) {
        Map<String, String> settings = common(stack);
        settings.put("spring.mail.host", stack.smtp().host());
        settings.put("spring.mail.port", Integer.toString(stack.smtp().port()));
        return settings;
    }
}
