package io.switchboard.infra.stack;

import java.util.Optional;

/**
 * Reads a setting from a system property ({@code switchboard.kafka.port}) or, failing that, from the matching
 * environment variable ({@code SWITCHBOARD_KAFKA_PORT}), so the same knob works for -D flags, scripts and CI.
 */
public final class Settings {
    private Settings() {
    }

    public static Optional<String> get(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName(property));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static int getInt(String property, int defaultValue) {
        return get(property).map(Integer::parseInt).orElse(defaultValue);
    }

    public static boolean getBoolean(String property, boolean defaultValue) {
        return get(property).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    public static String envName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
