package io.switchboard.testsupport;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks the source of one resource: explicit address > forced mode > Docker if it answers > embedded.
 * Pure, so the rule itself is unit-tested without Docker.
 */
final class InfrastructureSelector {
    private InfrastructureSelector() {
    }

    static Choice choose(String explicitSetting, Optional<String> explicitValue, Optional<String> mode,
                         Supplier<DockerProbe.Result> docker) {
        if (explicitValue.isPresent()) {
            return new Choice(InfrastructureSource.EXTERNAL, explicitSetting + " is set");
        }
        String m = mode.map(v -> v.toLowerCase(Locale.ROOT)).orElse("auto");
        return switch (m) {
            case "embedded" -> new Choice(InfrastructureSource.EMBEDDED, "SWITCHBOARD_TEST_INFRA=embedded");
            case "containers", "testcontainers" -> new Choice(InfrastructureSource.TESTCONTAINERS,
                    "SWITCHBOARD_TEST_INFRA=" + m);
            case "auto" -> {
                DockerProbe.Result result = docker.get();
                yield new Choice(result.available() ? InfrastructureSource.TESTCONTAINERS : InfrastructureSource.EMBEDDED,
                        result.reason());
            }
            default -> throw new IllegalArgumentException(
                    "SWITCHBOARD_TEST_INFRA must be auto, containers or embedded, not " + m);
        };
    }
}
