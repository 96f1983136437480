package io.switchboard.sim.vapi;

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
import tools.jackson.databind.JsonNode;

/**
 * A protocol-level VAPI for assistants and phone numbers: same paths, Bearer auth, JSON bodies and NestJS-style
 * errors as api.vapi.ai, with state, latency and fault injection. Every request is checked against VAPI's official
 * OpenAPI document ({@link VapiDocument}); what it does not allow gets VAPI's 400 and is recorded in
 * {@link #violations()}. Only the document's operations are served (no {@code /credential}: the document has none).
 * Point a client's base URL at {@link #baseUrl()} instead of {@code https://api.vapi.ai}.
 */
public final class VapiSimulator implements AutoCloseable {

    private final VapiSimulatorConfig config;
    private final VapiState state;
    private final FaultInjector faults = new FaultInjector();
    private final SimulatorServer server;

    private VapiSimulator(VapiSimulatorConfig config) {
        this.config = config;
        this.state = new VapiState(config, Clock.systemUTC());
        this.server = SimulatorServer.start(new ServerSpec("vapi-simulator", config.port(), config.threads(),
                new Router(new VapiApi(state).routes()), new VapiErrors(),
                new VapiAuthenticator(config.apiKey()), config.latency(), faults, new Admin(), VapiDocument.get(),
                config.checkResponses()));
    }

    public static VapiSimulator start(VapiSimulatorConfig config) {
        return new VapiSimulator(config);
    }

    public static VapiSimulator start() {
        return start(VapiSimulatorConfig.defaults());
    }

    /** E.g. {@code http://127.0.0.1:41234}; requests go to {@code baseUrl() + "/assistant"}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public VapiSimulatorConfig config() {
        return config;
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestStats stats() {
        return server.stats();
    }

    public List<Assistant> assistants() {
        return state.allAssistants();
    }

    /** Current phone numbers, with free numbers' activation brought up to date. */
    public List<PhoneNumber> phoneNumbers() {
        return state.allPhoneNumbers();
    }

    /**
     * Creates an assistant as {@code POST /assistant} would (same business rules), without HTTP — so without the
     * document check and without counting in {@link #stats()}: for tests that need thousands of resources, fast.
     * The body must be one the document accepts; tests seed with the same bodies the worker sends.
     */
    public Assistant createAssistant(JsonNode body) {
        return state.createAssistant(body);
    }

    /** Like {@link #createAssistant}, for {@code POST /phone-number} (Twilio imports and free numbers). */
    public PhoneNumber createPhoneNumber(JsonNode body) {
        return state.createPhoneNumber(body);
    }

    /** Assistants ever created since start or reset, deleted ones included. */
    public long assistantCreateCount() {
        return state.assistantsCreated();
    }

    public long phoneNumberCreateCount() {
        return state.phoneNumbersCreated();
    }

    /**
     * Requests VAPI's document does not allow, and requests to paths the simulator does not serve, since start or
     * {@link #reset()}: a client that conforms leaves this empty. Also at {@code GET /__admin/violations}.
     */
    public List<Violation> violations() {
        return server.violations().list();
    }

    /** The simulator's own responses the document does not allow; checked only with {@code withResponseChecks(true)}. */
    public List<Violation> responseViolations() {
        return server.responseViolations().list();
    }

    /** Forgets resources, fault rules, stats and violations. */
    public void reset() {
        state.reset();
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

    /** {@code java ... VapiSimulator [port]} or {@code -Dvapi.simulator.port=4013}; default 4013. */
    public static void main(String[] args) throws InterruptedException {
        int port = Standalone.port(args, "vapi.simulator.port", 4013);
        VapiSimulator simulator = start(VapiSimulatorConfig.defaults().withPort(port));
        Standalone.serveUntilShutdown(simulator, "VAPI simulator listening on " + simulator.baseUrl()
                + " (org " + simulator.config().orgId() + ", admin at " + simulator.baseUrl() + "/__admin/)");
    }

    /** The admin view: everything the org owns, rendered as the API would, never a secret. */
    private final class Admin implements AdminBackend {
        @Override
        public Object inventory() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("assistantsCreated", state.assistantsCreated());
            counts.put("phoneNumbersCreated", state.phoneNumbersCreated());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("orgId", config.orgId());
            json.put("assistants", state.allAssistants().stream().map(VapiJson::assistant).toList());
            json.put("phoneNumbers", state.allPhoneNumbers().stream().map(VapiJson::phoneNumber).toList());
            json.put("counts", counts);
            return json;
        }

        @Override
        public void reset() {
            state.reset();
        }
    }
}
