package io.switchboard.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The saga filters shared by {@code sagas list} and bulk {@code sagas replay}. */
final class SagaFilterOptions {
    @Option(names = "--state", description = "RUNNING, COMPENSATING, COMPLETED, COMPENSATED or FAILED")
    String state;

    @Option(names = "--type", description = "saga type, e.g. onboarding, inbound-ai-on, cleanup")
    String type;

    @Option(names = "--org", paramLabel = "ORG_ID", description = "organization id")
    String org;

    @Option(names = "--failed-step", paramLabel = "STEP", description = "the step that failed, e.g. acquire-number")
    String failedStep;

    @Option(names = "--older-than", paramLabel = "AGE|INSTANT",
            description = "created more than this long ago (ISO duration: PT30M, PT1H, P2D) or before an instant")
    String olderThan;

    boolean any() {
        return state != null || type != null || org != null || failedStep != null || olderThan != null;
    }

    Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("type", type);
        query.put("orgId", org);
        query.put("failedStep", failedStep);
        query.put("olderThan", olderThan);
        return query;
    }
}
