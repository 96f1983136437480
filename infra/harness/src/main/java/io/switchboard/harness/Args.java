package io.switchboard.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name=value} and bare {@code --flag} command-line options; small on purpose, no parser library. */
public record Args(Map<String, String> values) {

    public static Args parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                values.put("command", arg);
                continue;
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return new Args(Map.copyOf(values));
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int getInt(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public double getDouble(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** Durations as seconds ({@code 90}) or ISO-8601 ({@code PT90S}). */
    public Duration getDuration(String name, Duration fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        String v = values.get(name);
        return v.startsWith("P") ? Duration.parse(v) : Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    }
}
