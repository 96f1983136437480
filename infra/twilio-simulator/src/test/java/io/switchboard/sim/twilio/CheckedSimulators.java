package io.switchboard.sim.twilio;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's own tests run it with response checks on, so that every response they provoke, success or error,
 * is checked against Twilio's document (errors are exempt: the document declares none).
 */
final class CheckedSimulators {

    private CheckedSimulators() {
    }

    static TwilioSimulatorConfig config() {
        return TwilioSimulatorConfig.defaults().withResponseChecks(true);
    }

    static void assertResponsesConform(TwilioSimulator sim) {
        assertThat(sim.responseViolations()).as("responses Twilio's document does not allow").isEmpty();
    }
}
