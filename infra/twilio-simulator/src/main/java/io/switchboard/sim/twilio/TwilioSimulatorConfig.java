package io.switchboard.sim.twilio;

import io.switchboard.sim.common.Latency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to run a {@link TwilioSimulator}. Start from {@link #defaults()} and use the withers.
 *
 * @param port          0 = a free port
 * @param threads       worker pool size
 * @param accountSid    the main account ({@link #DEFAULT_ACCOUNT_SID} by default)
 * @param authToken     its auth token ({@link #DEFAULT_AUTH_TOKEN} by default)
 * @param extraAccounts more accounts, SID to token (per-tenant accounts / subaccounts)
 * @param trialMode     every account may own only one number (Twilio trial accounts; 21404 on the second)
 * @param trialAccounts accounts that are trial accounts when {@code trialMode} is off: several organizations may
 *                      share one, beside full accounts in the same simulator
 * @param latency       added to every provider request
 * @param catalog       which numbers are for sale
 * @param checkResponses check every response against Twilio's document and record mismatches as
 *                       {@link TwilioSimulator#responseViolations()} (a few ms per request; the simulator's own tests)
 */
public record TwilioSimulatorConfig(
        int port,
        int threads,
        String accountSid,
        String authToken,
        Map<String, String> extraAccounts,
        boolean trialMode,
        Set<String> trialAccounts,
        Latency latency,
        NumberCatalog catalog,
        boolean checkResponses) {

    /** Fixed test account SID: AC + 32 hex, not a real account. */
    public static final String DEFAULT_ACCOUNT_SID = "ACcafe0000000000000000000000000001";
    /** Fixed test auth token for {@link #DEFAULT_ACCOUNT_SID}; not a secret anywhere. */
    public static final String DEFAULT_AUTH_TOKEN = "7e570000000000000000000000000001";

    public TwilioSimulatorConfig {
        extraAccounts = Map.copyOf(extraAccounts);
        trialAccounts = Set.copyOf(trialAccounts);
        if (!accountSid.matches("AC[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("accountSid must be AC + 32 hex digits");
        }
        extraAccounts.keySet().forEach(sid -> {
            if (!sid.matches("AC[0-9a-fA-F]{32}")) {
                throw new IllegalArgumentException("account SIDs must be AC + 32 hex digits: " + sid);
            }
        });
    }

    public static TwilioSimulatorConfig defaults() {
        return new TwilioSimulatorConfig(0, 8, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, Map.of(), false, Set.of(),
                Latency.none(), NumberCatalog.defaults(), false);
    }

    public TwilioSimulatorConfig withPort(int value) {
        return new TwilioSimulatorConfig(value, threads, accountSid, authToken, extraAccounts, trialMode, trialAccounts, latency, catalog, checkResponses);
    }

    public TwilioSimulatorConfig withThreads(int value) {
        return new TwilioSimulatorConfig(port, value, accountSid, authToken, extraAccounts, trialMode, trialAccounts, latency, catalog, checkResponses);
    }

    public TwilioSimulatorConfig withAccount(String sid, String token) {
        return new TwilioSimulatorConfig(port, threads, sid, token, extraAccounts, trialMode, trialAccounts, latency, catalog, checkResponses);
    }

    public TwilioSimulatorConfig withExtraAccount(String sid, String token) {
        Map<String, String> all = new LinkedHashMap<>(extraAccounts);
        all.put(sid, token);
        return withExtraAccounts(all);
    }

    public TwilioSimulatorConfig withExtraAccounts(Map<String, String> value) {
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, value, trialMode, trialAccounts, latency, catalog, checkResponses);
    }

    public TwilioSimulatorConfig withTrialMode(boolean value) {
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, extraAccounts, value, trialAccounts, latency, catalog, checkResponses);
    }

    /** One more trial account among full ones: it may own one number (21404 on the second purchase). */
    public TwilioSimulatorConfig withTrialAccount(String sid) {
        Set<String> all = new java.util.LinkedHashSet<>(trialAccounts);
        all.add(sid);
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, extraAccounts, trialMode, all, latency, catalog, checkResponses);
    }

    /** Whether {@code sid} may own only one number. */
    boolean isTrial(String sid) {
        return trialMode || trialAccounts.contains(sid);
    }

    public TwilioSimulatorConfig withLatency(Latency value) {
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, extraAccounts, trialMode, trialAccounts, value, catalog, checkResponses);
    }

    public TwilioSimulatorConfig withCatalog(NumberCatalog value) {
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, extraAccounts, trialMode, trialAccounts, latency, value, checkResponses);
    }

    public TwilioSimulatorConfig withResponseChecks(boolean value) {
        return new TwilioSimulatorConfig(port, threads, accountSid, authToken, extraAccounts, trialMode, trialAccounts, latency, catalog, value);
    }

    /** Area codes with nothing for sale (replaces the default {"533"}). */
    public TwilioSimulatorConfig withEmptyAreaCodes(Set<String> areaCodes) {
        return withCatalog(catalog.withEmptyAreaCodes(areaCodes));
    }

    public TwilioSimulatorConfig withNumbersPerAreaCode(int count) {
        return withCatalog(catalog.withNumbersPerAreaCode(count));
    }

    /** Every account the simulator accepts, SID to token. */
    Map<String, String> allAccounts() {
        Map<String, String> all = new LinkedHashMap<>(extraAccounts);
        all.put(accountSid, authToken);
        return all;
    }

    /** Never prints tokens. */
    @Override
    public String toString() {
        return "TwilioSimulatorConfig[port=" + port + ", accountSid=" + accountSid + ", extraAccounts="
                + extraAccounts.keySet() + ", trialMode=" + trialMode + ", trialAccounts=" + trialAccounts + ", latency=" + latency + "]";
    }
}
