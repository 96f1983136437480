package io.switchboard.sim.twilio;

import io.switchboard.sim.common.AdminBackend;
import io.switchboard.sim.common.FaultInjector;
import io.switchboard.sim.common.RequestStats;
import io.switchboard.sim.common.Router;
import io.switchboard.sim.common.ServerSpec;
import io.switchboard.sim.common.SimulatorServer;
import io.switchboard.sim.common.Standalone;
import io.switchboard.sim.common.Violation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protocol-level Twilio for the phone-number part of the 2010-04-01 REST API: same paths, form-encoded
 * requests, Basic auth, JSON bodies and error codes as api.twilio.com, with state, latency and fault injection.
 * Every request is checked against Twilio's official OpenAPI document ({@link TwilioDocument}); what it does not
 * allow gets Twilio's error and is recorded in {@link #violations()}.
 * Point a client's base URL at {@link #baseUrl()} instead of {@code https://api.twilio.com}.
 */
public final class TwilioSimulator implements AutoCloseable {

    private final TwilioSimulatorConfig config;
    private final NumberInventory inventory;
    private final FaultInjector faults = new FaultInjector();
    private final SimulatorServer server;

    private TwilioSimulator(TwilioSimulatorConfig config) {
        this.config = config;
        this.inventory = new NumberInventory(config.catalog(), config::isTrial, Clock.systemUTC());
        TwilioApi api = new TwilioApi(inventory, config.catalog());
        this.server = SimulatorServer.start(new ServerSpec("twilio-simulator", config.port(), config.threads(),
                new Router(api.routes()), new TwilioErrors(), new TwilioAuthenticator(config.allAccounts()),
                config.latency(), faults, new Admin(), TwilioDocument.get(), config.checkResponses()));
    }

    public static TwilioSimulator start(TwilioSimulatorConfig config) {
        return new TwilioSimulator(config);
    }

    public static TwilioSimulator start() {
        return start(TwilioSimulatorConfig.defaults());
    }

    /** E.g. {@code http://127.0.0.1:41234}; requests go to {@code baseUrl() + "/2010-04-01/Accounts/..."}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public TwilioSimulatorConfig config() {
        return config;
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestStats stats() {
        return server.stats();
    }

    /** Numbers currently owned, by all accounts, in purchase order. */
    public List<IncomingNumber> ownedNumbers() {
        return inventory.owned();
    }

    public List<IncomingNumber> ownedNumbers(String accountSid) {
        return inventory.owned().stream().filter(n -> n.accountSid().equals(accountSid)).toList();
    }

    /** Successful purchases since start or reset, released ones included: "bought exactly once" checks. */
    public long purchaseCount() {
        return inventory.purchaseCount();
    }

    /**
     * Gives an account a number as if it had bought it, without HTTP: no document check, not counted in
     * {@link #stats()}, past a trial account's one-number limit. For tests that need an account holding thousands of
     * numbers, fast (the VAPI simulator's {@code createAssistant(JsonNode)} is the same idea). The number is then
     * an ordinary owned number: listed, filtered, fetched, updated and released like a bought one, and counted in
     * {@link #purchaseCount()}.
     *
     * @param phoneNumber  any E.164 number nobody owns or released, in the catalog or not (tests seed from the
     *                     fictional 555-01XX block, like the catalog)
     * @param friendlyName at most 64 characters; null = Twilio's default, the national format of a catalog number
     * @throws IllegalArgumentException for an unknown account, a malformed number or a too long name
     * @throws IllegalStateException    when the number is owned or was released
     */
    public IncomingNumber seedOwnedNumber(String accountSid, String phoneNumber, String friendlyName) {
        if (!config.allAccounts().containsKey(accountSid)) {
            throw new IllegalArgumentException("unknown account " + accountSid);
        }
        return inventory.seed(accountSid, phoneNumber, friendlyName);
    }

    public List<ReleasedNumber> releasedNumbers() {
        return inventory.released();
    }

    /**
     * Requests Twilio's document does not allow, and requests to paths the simulator does not serve, since start or
     * {@link #reset()}: a client that conforms leaves this empty. Also at {@code GET /__admin/violations}.
     */
    public List<Violation> violations() {
        return server.violations().list();
    }

    /** The simulator's own responses the document does not allow; checked only with {@code withResponseChecks(true)}. */
    public List<Violation> responseViolations() {
        return server.responseViolations().list();
    }

    /** Forgets numbers, releases, fault rules, stats and violations. */
    public void reset() {
        inventory.reset();
        faults.clear();
        faults.resetCount();
        server.stats().reset();
        server.violations().clear();
        server.responseViolations().clear();
    }

    @Override
    public void close() {
        server.close();
    }

    /** {@code java ... TwilioSimulator [port]} or {@code -Dtwilio.simulator.port=4010}; default 4010. */
    public static void main(String[] args) throws InterruptedException {
        int port = Standalone.port(args, "twilio.simulator.port", 4010);
        TwilioSimulator simulator = start(TwilioSimulatorConfig.defaults().withPort(port));
        Standalone.serveUntilShutdown(simulator, "Twilio simulator listening on " + simulator.baseUrl()
                + " (account " + simulator.config().accountSid() + ", admin at " + simulator.baseUrl() + "/__admin/)");
    }

    /** The admin view: numbers and releases, never tokens. */
    private final class Admin implements AdminBackend {
        @Override
        public Object inventory() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("accounts", config.allAccounts().keySet());
            json.put("platformAccount", config.accountSid());
            json.put("incomingPhoneNumbers", inventory.owned().stream().map(n -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sid", n.sid());
                item.put("accountSid", n.accountSid());
                item.put("phoneNumber", n.phoneNumber());
                item.put("friendlyName", n.friendlyName());
                item.put("voiceUrl", n.webhooks().voiceUrl());
                item.put("dateCreated", n.dateCreated().toString());
                return item;
            }).toList());
            json.put("releasedPhoneNumbers", inventory.released());
            json.put("purchaseCount", inventory.purchaseCount());
            return json;
        }

        @Override
        public void reset() {
            inventory.reset();
        }
    }
}
