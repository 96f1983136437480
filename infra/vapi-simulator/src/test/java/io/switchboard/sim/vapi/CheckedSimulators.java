package io.switchboard.sim.vapi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's own tests run it with response checks on, so that every response they provoke is checked
 * against VAPI's document (statuses the document does not declare, i.e. most errors, are exempt).
 */
final class CheckedSimulators {

    private CheckedSimulators() {
    }

    static VapiSimulatorConfig config() {
        return VapiSimulatorConfig.defaults().withResponseChecks(true);
    }

    static void assertResponsesConform(VapiSimulator sim) {
        assertThat(sim.responseViolations()).as("responses VAPI's document does not allow").isEmpty();
    }
}
