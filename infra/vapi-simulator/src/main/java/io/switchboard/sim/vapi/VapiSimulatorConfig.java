package io.switchboard.sim.vapi;

import io.switchboard.sim.common.Latency;
import java.time.Duration;

/**
 * How to run a {@link VapiSimulator}. Start from {@link #defaults()} and use the withers.
 *
 * @param port                      0 = a free port
 * @param threads                   worker pool size
 * @param apiKey                    the private key clients must send as Bearer token
 * @param orgId                     the organization every resource belongs to
 * @param freeNumberLimit           free VAPI numbers per account (5, per VAPI's docs since 2026-07)
 * @param freeNumberActivationDelay how long a free number stays "activating" without a number
 * @param latency                   added to every provider request
 * @param twilioNumbers             decides whether an imported Twilio number exists in that account
 * @param checkResponses            check every response against VAPI's document and record mismatches as
 *                                  {@link VapiSimulator#responseViolations()} (a few ms per request; the simulator's own tests)
 */
public record VapiSimulatorConfig(
        int port,
        int threads,
        String apiKey,
        String orgId,
        int freeNumberLimit,
        Duration freeNumberActivationDelay,
        Latency latency,
        TwilioNumberDirectory twilioNumbers,
        boolean checkResponses) {

    /** Fixed test private key; not a real VAPI key. */
    public static final String DEFAULT_API_KEY = "5117a11e-0000-4000-8000-00000000c0de";
    /** Fixed organization id of the simulated account. */
    public static final String DEFAULT_ORG_ID = "5117a11e-0000-4000-8000-0000000000a1";

    public VapiSimulatorConfig {
        if (freeNumberLimit < 0) {
            throw new IllegalArgumentException("freeNumberLimit must be >= 0");
        }
        if (freeNumberActivationDelay.isNegative()) {
            throw new IllegalArgumentException("freeNumberActivationDelay must not be negative");
        }
    }

    public static VapiSimulatorConfig defaults() {
        return new VapiSimulatorConfig(0, 8, DEFAULT_API_KEY, DEFAULT_ORG_ID, 5, Duration.ofSeconds(2),
                Latency.none(), TwilioNumberDirectory.ACCEPT_ALL, false);
    }

    public VapiSimulatorConfig withPort(int value) {
        return new VapiSimulatorConfig(value, threads, apiKey, orgId, freeNumberLimit, freeNumberActivationDelay, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withThreads(int value) {
        return new VapiSimulatorConfig(port, value, apiKey, orgId, freeNumberLimit, freeNumberActivationDelay, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withApiKey(String value) {
        return new VapiSimulatorConfig(port, threads, value, orgId, freeNumberLimit, freeNumberActivationDelay, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withOrgId(String value) {
        return new VapiSimulatorConfig(port, threads, apiKey, value, freeNumberLimit, freeNumberActivationDelay, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withFreeNumberLimit(int value) {
        return new VapiSimulatorConfig(port, threads, apiKey, orgId, value, freeNumberActivationDelay, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withFreeNumberActivationDelay(Duration value) {
        return new VapiSimulatorConfig(port, threads, apiKey, orgId, freeNumberLimit, value, latency, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withLatency(Latency value) {
        return new VapiSimulatorConfig(port, threads, apiKey, orgId, freeNumberLimit, freeNumberActivationDelay, value, twilioNumbers, checkResponses);
    }

    public VapiSimulatorConfig withTwilioNumbers(TwilioNumberDirectory value) {
        return new VapiSimulatorConfig(port, threads, apiKey, orgId, freeNumberLimit, freeNumberActivationDelay, latency, value, checkResponses);
    }

    public VapiSimulatorConfig withResponseChecks(boolean value) {
        return new VapiSimulatorConfig(port, threads, apiKey, orgId, freeNumberLimit, freeNumberActivationDelay, latency, twilioNumbers, value);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "VapiSimulatorConfig[port=" + port + ", orgId=" + orgId + ", freeNumberLimit=" + freeNumberLimit
                + ", freeNumberActivationDelay=" + freeNumberActivationDelay + ", latency=" + latency + "]";
    }
}
