package io.switchboard.launcher;

import io.switchboard.infra.stack.LocalStackConfig;
import io.switchboard.sim.twilio.TwilioSimulatorConfig;
import io.switchboard.sim.vapi.VapiSimulatorConfig;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What the all-in-one system starts and on which ports.
 *
 * @param services        the Switchboard services to run in this JVM (tests may run one as a separate process)
 * @param orchestratorPort HTTP port of the status / ops API; 0 for a free port
 * @param overrides        extra settings given to every service (e.g. shorter timeouts for tests)
 */
public record SystemOptions(
        LocalStackConfig stack,
        TwilioSimulatorConfig twilio,
        VapiSimulatorConfig vapi,
        Set<Services.Kind> services,
        int orchestratorPort,
        Map<String, String> overrides) {

    public SystemOptions {
        overrides = Map.copyOf(overrides);
    }

    public static final int DEFAULT_ORCHESTRATOR_PORT = 8080;
    public static final int DEFAULT_TWILIO_SIMULATOR_PORT = 18081;
    public static final int DEFAULT_VAPI_SIMULATOR_PORT = 18082;

    /** Fixed, documented ports so the Kafka CLI, curl and a browser find everything. */
    public static SystemOptions localDefaults() {
        return new SystemOptions(LocalStackConfig.fromEnvironment(),
                TwilioSimulatorConfig.defaults().withPort(DEFAULT_TWILIO_SIMULATOR_PORT),
                VapiSimulatorConfig.defaults().withPort(DEFAULT_VAPI_SIMULATOR_PORT),
                EnumSet.allOf(Services.Kind.class), DEFAULT_ORCHESTRATOR_PORT, Map.of());
    }

    /** Free ports and throw-away data: for tests and benchmarks that run beside other things. */
    public static SystemOptions ephemeral(java.nio.file.Path stateDir) {
        return new SystemOptions(LocalStackConfig.ephemeral(stateDir), TwilioSimulatorConfig.defaults(),
                VapiSimulatorConfig.defaults(), EnumSet.allOf(Services.Kind.class), 0, Map.of());
    }

    public SystemOptions withStack(LocalStackConfig value) {
        return new SystemOptions(value, twilio, vapi, services, orchestratorPort, overrides);
    }

    public SystemOptions withServices(Set<Services.Kind> value) {
        return new SystemOptions(stack, twilio, vapi, value.isEmpty() ? EnumSet.noneOf(Services.Kind.class)
                : EnumSet.copyOf(value), orchestratorPort, overrides);
    }

    public SystemOptions withOverrides(Map<String, String> value) {
        return new SystemOptions(stack, twilio, vapi, services, orchestratorPort, value);
    }

    public SystemOptions withTwilio(TwilioSimulatorConfig value) {
        return new SystemOptions(stack, value, vapi, services, orchestratorPort, overrides);
    }

    public SystemOptions withVapi(VapiSimulatorConfig value) {
        return new SystemOptions(stack, twilio, value, services, orchestratorPort, overrides);
    }
}
