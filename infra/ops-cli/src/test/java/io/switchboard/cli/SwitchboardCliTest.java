package io.switchboard.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands against a stand-in orchestrator API: what they send, how they print, which exit code they give. */
class SwitchboardCliTest {
    private HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> accepts = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            accepts.add(exchange.getRequestHeaders().getFirst("Accept"));
            String[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String[]{"404", problem(404, "not-found", "Nothing here", "no such thing")});
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[0].startsWith("2") ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api=http://127.0.0.1:" + server.getAddress().getPort();
        all[args.length + 1] = "--token=secret-1";
        return SwitchboardCli.run(new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void sagasListSendsTheFiltersAndTheTokenAndPrintsAnAlignedTable() {
        answers.put("GET /api/v1/sagas", new String[]{"200", """
                {"total":2,"limit":50,"offset":0,"sagas":[
                 {"id":"11111111-1111-1111-1111-111111111111","type":"onboarding","state":"FAILED","orgId":"acme",
                  "failedStep":"acquire-number","failureReason":"NO_NUMBERS_AVAILABLE: none in 510",
                  "createdAt":"2025-01-02T03:04:05.123Z","updatedAt":"2025-01-02T03:04:09Z"},
                 {"id":"22222222-2222-2222-2222-222222222222","type":"cleanup","state":"FAILED","orgId":"globex-long-name",
                  "failedStep":null,"failureReason":null,"createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-02T03:04:05Z"}]}"""});

        int exit = run("sagas", "list", "--state", "FAILED", "--failed-step", "acquire-number", "--older-than", "PT1H");

        assertThat(exit).isZero();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r)
                .startsWith("GET /api/v1/sagas?state=FAILED&failedStep=acquire-number&olderThan=PT1H&limit=50&offset=0")
                .contains("Bearer secret-1"));
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("TYPE").contains("FAILED STEP");
        assertThat(lines[1]).contains("onboarding").contains("2025-01-02 03:04:05Z").contains("NO_NUMBERS_AVAILABLE");
        // Columns line up: the STATE column starts at the same place on every line.
        assertThat(lines[1].indexOf("FAILED")).isEqualTo(lines[0].indexOf("STATE"));
        assertThat(lines[2].indexOf("FAILED")).isEqualTo(lines[0].indexOf("STATE"));
        assertThat(lines[3]).isEqualTo("2 saga(s)");
    }

    @Test
    void sagasShowPrintsTheStepHistory() {
        answers.put("GET /api/v1/sagas/abc", new String[]{"200", """
                {"id":"abc","type":"onboarding","definitionVersion":1,"orgId":"acme","state":"FAILED",
                 "failedStep":"create-outbound-assistant (compensation)","failureReason":"INVALID_REQUEST: locked",
                 "createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-02T03:04:09Z","finishedAt":null,
                 "steps":[{"name":"acquire-number","direction":"ACTION","status":"SUCCEEDED","attempts":2,
                           "startedAt":"2025-01-02T03:04:05Z","durationMillis":1530},
                          {"name":"create-outbound-assistant","direction":"COMPENSATION","status":"FAILED","attempts":1,
                           "errorCode":"INVALID_REQUEST","errorMessage":"locked","startedAt":"2025-01-02T03:04:08Z",
                           "durationMillis":40}]}"""});

        assertThat(run("sagas", "show", "abc")).isZero();

        assertThat(out.toString()).contains("State     FAILED")
                .contains("Failed    create-outbound-assistant (compensation): INVALID_REQUEST: locked")
                .containsPattern("acquire-number\\s+action\\s+SUCCEEDED\\s+2\\s+2025-01-02 03:04:05Z\\s+1.5 s")
                .containsPattern("create-outbound-assistant\\s+compensation\\s+FAILED\\s+1\\s+.*40 ms\\s+INVALID_REQUEST: locked");
    }

    @Test
    void replayOneOrByFilterAndTheExitCodeTellsWhetherEverySagaWasReplayed() {
        answers.put("POST /api/v1/sagas/abc/replay", new String[]{"200",
                "{\"id\":\"abc\",\"orgId\":\"acme\",\"outcome\":\"REPLAYED\",\"state\":\"COMPENSATING\",\"message\":\"resumed from x\"}"});
        assertThat(run("sagas", "replay", "abc")).isZero();
        assertThat(out.toString()).contains("REPLAYED  abc  state COMPENSATING");

        answers.put("POST /api/v1/sagas/replay", new String[]{"200", """
                {"matched":2,"replayed":1,"rejected":1,"dryRun":false,"results":[
                 {"id":"a","orgId":"o1","outcome":"REPLAYED","state":"RUNNING","message":"resumed"},
                 {"id":"b","orgId":"o2","outcome":"REJECTED","state":null,"message":"organization o2 is running saga c"}]}"""});
        assertThat(run("sagas", "replay", "--state", "FAILED", "--failed-step", "acquire-number")).isEqualTo(1);
        assertThat(requests.get(1)).startsWith("POST /api/v1/sagas/replay?state=FAILED&failedStep=acquire-number&limit=100&dryRun=false");
        assertThat(out.toString()).contains("2 FAILED saga(s) matched, 1 replayed, 1 refused");

        assertThat(run("sagas", "replay")).isEqualTo(2);
        assertThat(err.toString()).contains("at least one filter");
    }

    /** An RFC 9457 problem as the orchestrator writes it. */
    private static String problem(int status, String type, String title, String detail) {
        return "{\"type\":\"https://switchboard.io/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"instance\":\"/api/v1/x\"}";
    }

    @Test
    void costsPrintsEveryOrganizationThePoolAndTheTotalAndExitsNonZeroWhenALimitIsNear() {
        answers.put("GET /api/v1/costs", new String[]{"200", """
                {"numbers":{"platformTwilio":1,"organizationTwilio":1,"vapiFree":4},
                 "pooledNumbers":{"platformTwilio":2,"organizationTwilio":0,"vapiFree":0},"assistants":12,
                 "monthlyCost":{"numbers":4.60,"assistants":0,"total":4.60,"inOrganizationAccounts":1.15,"currency":"USD"},
                 "pooledMonthlyCost":{"numbers":2.30,"assistants":0,"total":2.30,"inOrganizationAccounts":0,"currency":"USD"},
                 "limits":{"vapiFree":{"limit":5,"inUse":4,"remaining":1,"near":true},
                           "trialAccounts":[{"account":"cred-1","numbers":{"limit":1,"inUse":1,"remaining":0,"near":true}}]},
                 "organizations":[{"orgId":"acme","numbers":{"platformTwilio":1,"organizationTwilio":0,"vapiFree":0},
                   "assistants":2,"monthlyCost":{"numbers":1.15,"assistants":0,"total":1.15,"inOrganizationAccounts":0,"currency":"USD"}}]}"""});

        assertThat(run("costs")).isEqualTo(1);

        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("ORGANIZATION").contains("PLATFORM TWILIO").contains("MONTHLY COST");
        assertThat(lines[1]).startsWith("acme").contains("1.15 USD");
        assertThat(lines[2]).startsWith("(pool)").contains("2.3 USD");
        assertThat(lines[3]).startsWith("TOTAL").containsPattern("TOTAL\\s+3\\s+1\\s+4\\s+12\\s+4.6 USD\\s+1.15");
        assertThat(out.toString()).contains("free VAPI numbers: 4 of 5 in use, 1 left — NEAR THE LIMIT")
                .contains("trial account cred-1: 1 of 1 in use, 0 left — NEAR THE LIMIT");

        answers.put("GET /api/v1/organizations/acme/costs", new String[]{"200", """
                {"orgId":"acme","numbers":{"platformTwilio":1,"organizationTwilio":0,"vapiFree":0},"assistants":2,
                 "monthlyCost":{"numbers":1.15,"assistants":0,"total":1.15,"inOrganizationAccounts":0,"currency":"USD"}}"""});
        assertThat(run("costs", "--org", "acme", "--json")).isZero();
        assertThat(requests.get(1)).startsWith("GET /api/v1/organizations/acme/costs ");
        assertThat(out.toString()).contains("\"orgId\" : \"acme\"");
    }

    @Test
    void anApiProblemIsPrintedWithItsTitleAndDetailAndExitsNonZero() {
        answers.put("POST /api/v1/sagas/abc/replay", new String[]{"409", problem(409, "saga-not-replayable",
                "Only a FAILED saga can be replayed", "saga abc was compensated; start a new saga instead")});
        assertThat(run("sagas", "replay", "abc")).isEqualTo(1);
        assertThat(err.toString()).contains("error: POST /api/v1/sagas/abc/replay answered 409: Only a FAILED saga "
                + "can be replayed: saga abc was compensated; start a new saga instead");
        assertThat(accepts).allSatisfy(a -> assertThat(a).contains("application/problem+json"));

        answers.put("GET /api/v1/sagas", new String[]{"401", problem(401, "unauthorized", "A valid API token is required",
                "This request needs Authorization: Bearer <token>")});
        assertThat(run("sagas", "list")).isEqualTo(1);
        assertThat(err.toString()).contains("answered 401: A valid API token is required: This request needs")
                .contains("--token");
        assertThat(err.toString()).doesNotContain("secret-1");

        answers.put("GET /api/v1/sagas/xyz", new String[]{"404", problem(404, "saga-not-found", "No such saga",
                "There is no saga xyz")});
        assertThat(run("sagas", "show", "xyz")).isEqualTo(1);
        assertThat(err.toString()).contains("answered 404: No such saga: There is no saga xyz");
    }

    @Test
    void anErrorFromAnOrchestratorBeforeProblemDetailsIsStillPrintedWithItsMessage() {
        answers.put("POST /api/v1/sagas/abc/replay", new String[]{"409",
                "{\"status\":409,\"error\":\"Conflict\",\"message\":\"saga abc was compensated\"}"});
        assertThat(run("sagas", "replay", "abc")).isEqualTo(1);
        assertThat(err.toString()).contains("error: POST /api/v1/sagas/abc/replay answered 409: saga abc was compensated");
    }

    @Test
    void anUnreachableOrchestratorIsAClearError() {
        int exit = SwitchboardCli.run(new PrintWriter(out), new PrintWriter(err), "sagas", "list",
                "--api=http://127.0.0.1:1");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the orchestrator at http://127.0.0.1:1");
    }

    @Test
    void dlqListAndRedrive() {
        answers.put("GET /api/v1/dead-letters", new String[]{"200", """
                {"topic":"switchboard.org-events.v1","deadLetterTopic":"switchboard.org-events.v1.dlq","count":1,
                 "truncated":false,"records":[{"position":"0:7","partition":0,"offset":7,"key":"acme",
                 "reason":"schema violation: $.ownerEmail: is missing","ceType":"io.switchboard.event.OrganizationApproved.v1",
                 "failedAt":"2025-01-02T03:04:05Z","bodyPreview":"{\\"orgId\\":\\"acme\\"}","redrivenAt":null}]}"""});
        assertThat(run("dlq", "list", "--topic", "switchboard.org-events.v1")).isZero();
        assertThat(out.toString()).containsPattern("0:7\\s+acme\\s+OrganizationApproved.v1\\s+2025-01-02 03:04:05Z\\s+no\\s+schema violation")
                .contains("1 dead letter(s) in switchboard.org-events.v1.dlq");

        answers.put("POST /api/v1/dead-letters/redrive", new String[]{"200", """
                {"topic":"switchboard.org-events.v1","dryRun":true,"redriven":1,"skipped":0,"results":[
                 {"position":"0:7","key":"acme","toTopic":"switchboard.org-events.v1","outcome":"WOULD_REDRIVE"}]}"""});
        assertThat(run("dlq", "redrive", "--topic", "switchboard.org-events.v1", "--dry-run")).isZero();
        assertThat(requests.get(1)).contains("\"all\":true").contains("\"dryRun\":true");
        assertThat(out.toString()).contains("1 would be redriven, 0 skipped");

        assertThat(run("dlq", "redrive", "--topic", "t", "--offset", "0:7", "--offset", "1:2")).isZero();
        assertThat(requests.get(2)).contains("\"offsets\":[\"0:7\",\"1:2\"]");
    }
}
