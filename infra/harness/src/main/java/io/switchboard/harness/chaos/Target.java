package io.switchboard.harness.chaos;

import io.switchboard.launcher.Services;

import java.util.Locale;

/** What the monkey kills: one of the four services (a random instance of it), the broker, or the database. */
enum Target {
    ORCHESTRATOR(Services.Kind.ORCHESTRATOR),
    TWILIO_WORKER(Services.Kind.TWILIO_WORKER),
    VAPI_WORKER(Services.Kind.VAPI_WORKER),
    NOTIFIER(Services.Kind.NOTIFIER),
    BROKER(null),
    DATABASE(null);

    private final Services.Kind service;

    Target(Services.Kind service) {
        this.service = service;
    }

    /** The service kind, or null for infrastructure. */
    Services.Kind service() {
        return service;
    }

    boolean infrastructure() {
        return service == null;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
