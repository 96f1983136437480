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
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands against a stand-in orchestrator API: what they send, how they print, which exit code they give. */
class SwitchboardCliTest {
    private HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    /** Answers given one after another (the last one repeats): a saga moving on between two polls. */
    private final Map<String, Deque<String[]>> sequences = new ConcurrentHashMap<>();
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
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Deque<String[]> sequence = sequences.get(key);
            String[] answer = sequence != null ? (sequence.size() > 1 ? sequence.poll() : sequence.peek())
                    : answers.getOrDefault(key, new String[]{"404", problem(404, "not-found", "Nothing here", "no such thing")});
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[0].startsWith("2") ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length == 0 ? -1 : bytes.length);
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
        return runWithStdin("", args);
    }

    private int runWithStdin(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api=http://127.0.0.1:" + server.getAddress().getPort();
        all[args.length + 1] = "--token=secret-1";
        return SwitchboardCli.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), all);
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

    // ---- organizations ----------------------------------------------------------------------------------------

    @Test
    void organizationStatusPrintsTheLineAndJsonPrintsTheApiAnswer() {
        String status = """
                {"orgId":"acme","hasSetup":true,"setupCompleted":true,"status":"active","phoneNumber":"+15105550100",
                 "assistants":{"inbound":"asst-in","outbound":"asst-out","inboundTemplate":{"name":"dental","version":2},
                   "outboundTemplate":null},"setupDate":"2025-01-02T03:04:05Z",
                 "latestSaga":{"id":"s-1","type":"onboarding","state":"COMPLETED","failedStep":null,"failureReason":null}}""";
        answers.put("GET /api/v1/organizations/acme/ai-status", new String[]{"200", status});

        assertThat(run("organizations", "status", "acme")).isZero();
        assertThat(out.toString()).containsPattern("Setup\\s+completed").containsPattern("Status\\s+active")
                .containsPattern("Number\\s+\\+15105550100").containsPattern("Inbound\\s+asst-in  \\(template dental v2\\)")
                .containsPattern("Outbound\\s+asst-out\\n")
                .containsPattern("Latest\\s+onboarding COMPLETED\\s+s-1");

        out.getBuffer().setLength(0);
        assertThat(run("orgs", "status", "acme", "--json")).isZero();
        assertThat(ApiClient.JSON.readTree(out.toString())).isEqualTo(ApiClient.JSON.readTree(status));
    }

    @Test
    void retrySendsTheNumberOptionsAndTellsHowToFollowTheRequest() {
        answers.put("POST /api/v1/organizations/acme/retry-ai-setup", new String[]{"202",
                "{\"requestId\":\"r-1\",\"statusUrl\":\"/api/v1/organizations/acme/requests/r-1\"}"});

        assertThat(run("organizations", "retry", "acme", "--area-code", "415")).isZero();

        assertThat(requests).singleElement().satisfies(r -> assertThat(r)
                .startsWith("POST /api/v1/organizations/acme/retry-ai-setup ").endsWith("{\"areaCode\":\"415\"}"));
        assertThat(out.toString()).contains("ACCEPTED  retry of acme  request r-1")
                .contains("switchboard organizations request acme r-1");
    }

    @Test
    void cleanupNeedsYesAndWithWaitFollowsTheRequestToItsSagaAndExitsByItsEnd() {
        assertThat(run("organizations", "cleanup", "acme")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--yes");
        assertThat(requests).isEmpty();

        answers.put("DELETE /api/v1/organizations/acme/ai-setup", new String[]{"202",
                "{\"requestId\":\"r-2\",\"statusUrl\":\"/api/v1/organizations/acme/requests/r-2\"}"});
        sequences.put("GET /api/v1/organizations/acme/requests/r-2", new ArrayDeque<>(List.of(
                new String[]{"200", "{\"requestId\":\"r-2\",\"type\":\"cleanup\",\"status\":\"PENDING\",\"saga\":null}"},
                new String[]{"200", "{\"requestId\":\"r-2\",\"type\":\"cleanup\",\"status\":\"STARTED\",\"saga\":"
                        + saga("s-2", "RUNNING", null) + "}"})));
        sequences.put("GET /api/v1/sagas/s-2", new ArrayDeque<>(List.of(
                new String[]{"200", saga("s-2", "RUNNING", step("mark-deactivating", "SUCCEEDED", 1))},
                new String[]{"200", saga("s-2", "COMPLETED", step("mark-deactivating", "SUCCEEDED", 1) + ","
                        + step("delete-ai-config", "SUCCEEDED", 1))})));

        int exit = run("organizations", "cleanup", "acme", "--yes", "--wait", "--interval", "10ms");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ACCEPTED  cleanup of acme  request r-2")
                .contains("queued behind the organization's running saga")
                .containsPattern("\\[1/1]\\s+mark-deactivating\\s+action\\s+SUCCEEDED\\s+attempt 1")
                .containsPattern("\\[2/2]\\s+delete-ai-config\\s+action\\s+SUCCEEDED")
                .contains("saga RUNNING -> COMPLETED").contains("Saga s-2 ended COMPLETED");
    }

    @Test
    void requestShowsWhatItStartedAndARequestThatStartedNothingSaysWhy() {
        answers.put("GET /api/v1/organizations/acme/requests/r-3", new String[]{"200",
                "{\"requestId\":\"r-3\",\"type\":\"retry-ai-setup\",\"status\":\"STARTED\",\"note\":null,\"saga\":"
                        + saga("s-3", "FAILED", step("acquire-number", "FAILED", 3)) + "}"});
        assertThat(run("organizations", "request", "acme", "r-3")).isZero();
        assertThat(out.toString()).contains("Request   r-3  retry-ai-setup  STARTED").contains("State     FAILED")
                .containsPattern("acquire-number\\s+action\\s+FAILED\\s+3");

        answers.put("POST /api/v1/organizations/acme/retry-ai-setup", new String[]{"202",
                "{\"requestId\":\"r-4\",\"statusUrl\":\"/api/v1/organizations/acme/requests/r-4\"}"});
        answers.put("GET /api/v1/organizations/acme/requests/r-4", new String[]{"200",
                "{\"requestId\":\"r-4\",\"type\":\"retry-ai-setup\",\"status\":\"IGNORED\",\"note\":\"a setup exists\",\"saga\":null}"});
        assertThat(run("organizations", "retry", "acme", "--wait", "--interval", "10ms")).isEqualTo(ExitCodes.NO_SAGA);
        assertThat(out.toString()).contains("Request r-4 IGNORED without a saga: a setup exists");
    }

    // ---- sagas watch ------------------------------------------------------------------------------------------

    @Test
    void watchPrintsEachStepChangeWithProgressAndExitsByTheFinalState() {
        sequences.put("GET /api/v1/sagas/w-1", new ArrayDeque<>(List.of(
                new String[]{"200", saga("w-1", "RUNNING", step("acquire-number", "RUNNING", 1))},
                new String[]{"200", saga("w-1", "RUNNING", step("acquire-number", "WAITING_RETRY", 1))},
                new String[]{"200", saga("w-1", "COMPENSATING", step("acquire-number", "FAILED", 2))},
                new String[]{"200", saga("w-1", "COMPENSATED", step("acquire-number", "FAILED", 2))})));

        int exit = run("sagas", "watch", "w-1", "--interval", "10ms");

        assertThat(exit).isEqualTo(ExitCodes.COMPENSATED);
        String printed = out.toString();
        assertThat(printed).contains("Watching onboarding saga w-1 of acme")
                .containsPattern("\\[0/1]\\s+acquire-number\\s+action\\s+RUNNING\\s+attempt 1")
                .containsPattern("\\[0/1]\\s+acquire-number\\s+action\\s+WAITING_RETRY\\s+attempt 1")
                .containsPattern("\\[0/1]\\s+acquire-number\\s+action\\s+FAILED\\s+attempt 2.*NO_NUMBERS: none left")
                .contains("saga RUNNING -> COMPENSATING").contains("saga COMPENSATING -> COMPENSATED")
                .contains("Saga w-1 ended COMPENSATED");
        // One line per change, not one per poll.
        assertThat(printed.lines().filter(l -> l.matches(".*]\\s+acquire-number\\s.*"))).hasSize(3);
    }

    @Test
    void watchWithJsonPrintsOneObjectPerChangeAndATimeoutIsExitCode5() {
        answers.put("GET /api/v1/sagas/w-2", new String[]{"200", saga("w-2", "RUNNING", step("create-inbound-assistant", "RUNNING", 1))});

        int exit = run("sagas", "watch", "w-2", "--interval", "10ms", "--timeout", "100ms", "--json");

        assertThat(exit).isEqualTo(ExitCodes.TIMED_OUT);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(ApiClient.JSON.readTree(lines.get(0)).path("event").asString()).isEqualTo("step");
        assertThat(ApiClient.JSON.readTree(lines.get(0)).path("step").asString()).isEqualTo("create-inbound-assistant");
        assertThat(ApiClient.JSON.readTree(lines.get(1)).path("state").asString()).isEqualTo("RUNNING");
        assertThat(ApiClient.JSON.readTree(lines.get(2)).path("event").asString()).isEqualTo("timeout");

        assertThat(run("sagas", "watch", "nope", "--interval", "10ms")).isEqualTo(ExitCodes.API_ERROR);
        assertThat(err.toString()).contains("answered 404");
    }

    // ---- pool -------------------------------------------------------------------------------------------------

    @Test
    void poolStatsProvisionAndReleaseIdle() {
        answers.put("GET /api/v1/number-pool/stats", new String[]{"200", """
                {"total":3,"available":2,"releasing":1,"byProvider":{"twilio":3},"vapiFreeNumberLimitUsedPercent":80.0,
                 "nearVapiFreeNumberLimit":true}"""});
        assertThat(run("pool", "stats")).isZero();
        assertThat(out.toString()).containsPattern("Total\\s+3").containsPattern("Available\\s+2")
                .containsPattern("Releasing\\s+1").contains("80% of the free-number limit in use  NEAR THE LIMIT")
                .containsPattern("twilio\\s+3");

        answers.put("POST /api/v1/number-pool/provision", new String[]{"202", "{\"sagaIds\":[\"p-1\",\"p-2\"]}"});
        assertThat(run("pool", "provision", "--count", "2", "--area-code", "415")).isZero();
        assertThat(requests.get(1)).endsWith("{\"count\":2,\"country\":\"US\",\"areaCode\":\"415\"}");
        assertThat(out.toString()).containsPattern("p-1\\s+buying a number").contains("2 saga(s) started");

        answers.put("POST /api/v1/number-pool/release-idle", new String[]{"202", "{\"sagaIds\":[]}"});
        assertThat(run("pool", "release-idle", "--json")).isZero();
        assertThat(out.toString()).contains("\"sagaIds\" : [ ]");
    }

    // ---- organization tokens --------------------------------------------------------------------------------

    @Test
    void tokensAreCreatedWithTheSecretPrintedOnceListedWithoutItAndRevoked() {
        answers.put("POST /api/v1/organizations/acme/tokens", new String[]{"201", """
                {"tokenId":"7f0c1c1e-0000-4000-8000-000000000001","orgId":"acme","label":"billing","prefix":"sb_org_AbCdEf",
                 "createdAt":"2025-01-02T03:04:05Z","token":"sb_org_AbCdEfsecretsecret"}"""});
        assertThat(run("tokens", "create", "acme", "--label", "billing")).isZero();
        assertThat(requests.get(0)).startsWith("POST /api/v1/organizations/acme/tokens Bearer secret-1")
                .endsWith("{\"label\":\"billing\"}");
        assertThat(out.toString()).contains("Issued token 7f0c1c1e-0000-4000-8000-000000000001 (sb_org_AbCdEf…, 'billing')")
                .endsWith("sb_org_AbCdEfsecretsecret" + System.lineSeparator());
        assertThat(run("tokens", "create", "acme")).as("--label is required").isEqualTo(ExitCodes.USAGE);

        answers.put("GET /api/v1/organizations/acme/tokens", new String[]{"200", """
                [{"tokenId":"t-1","orgId":"acme","label":"billing","prefix":"sb_org_AbCdEf","createdAt":"2025-01-02T03:04:05Z",
                  "lastUsedAt":null,"revokedAt":null},
                 {"tokenId":"t-2","orgId":"acme","label":"old","prefix":"sb_org_XyZxYz","createdAt":"2025-01-01T00:00:00Z",
                  "lastUsedAt":"2025-01-01T01:00:00Z","revokedAt":"2025-01-01T02:00:00Z"}]"""});
        assertThat(run("tokens", "list", "acme")).isZero();
        assertThat(out.toString()).containsPattern("t-1\\s+billing\\s+sb_org_AbCdEf…\\s+2025-01-02 03:04:05Z")
                .containsPattern("t-2\\s+old\\s+sb_org_XyZxYz…\\s+2025-01-01 00:00:00Z\\s+2025-01-01 01:00:00Z\\s+"
                        + "2025-01-01 02:00:00Z")
                .contains("2 token(s) of acme, 1 not revoked");

        answers.put("DELETE /api/v1/organizations/acme/tokens/t-1", new String[]{"204", ""});
        assertThat(run("tokens", "revoke", "acme", "t-1")).isZero();
        assertThat(out.toString()).contains("Revoked token t-1 of acme");
        assertThat(run("tokens", "revoke", "acme", "t-9")).isEqualTo(1);
        assertThat(err.toString()).contains("answered 404");
    }

    // ---- credentials ------------------------------------------------------------------------------------------

    private static final String SID = "AC" + "0123456789abcdef".repeat(2);

    @Test
    void credentialsAreListedAndAddedWithTheTokenFromStdinNeverFromArgvAndNeverPrinted() {
        answers.put("GET /api/v1/organizations/acme/twilio-credentials", new String[]{"200",
                "[{\"credentialId\":\"cred-1\",\"accountSid\":\"" + SID + "\",\"createdAt\":\"2025-01-02T03:04:05Z\",\"rotatedAt\":null}]"});
        assertThat(run("credentials", "list", "acme")).isZero();
        assertThat(out.toString()).containsPattern("cred-1\\s+" + SID + "\\s+2025-01-02 03:04:05Z\\s+-")
                .contains("1 Twilio credential(s) of acme");

        answers.put("POST /api/v1/organizations/acme/twilio-credentials", new String[]{"201",
                "{\"credentialId\":\"cred-2\",\"accountSid\":\"" + SID + "\",\"createdAt\":\"2025-01-02T03:04:05Z\"}"});
        assertThat(runWithStdin("tok-very-secret\n", "credentials", "add", "acme", "--account-sid", SID)).isZero();
        assertThat(requests.get(1)).endsWith("{\"accountSid\":\"" + SID + "\",\"authToken\":\"tok-very-secret\"}");
        assertThat(out.toString()).contains("Stored new credential cred-2").doesNotContain("tok-very-secret");

        // There is no option that takes the token itself.
        assertThat(run("credentials", "add", "acme", "--account-sid", SID, "--auth-token", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(runWithStdin("  \n", "credentials", "add", "acme", "--account-sid", SID)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no Auth Token of " + SID + " given");
        assertThat(requests).hasSize(2);
    }

    @Test
    void rotateReadsTheNewTokenFromAFileAndKeepsTheId(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        answers.put("GET /api/v1/organizations/acme/twilio-credentials", new String[]{"200",
                "[{\"credentialId\":\"cred-1\",\"accountSid\":\"" + SID + "\",\"createdAt\":\"2025-01-02T03:04:05Z\"}]"});
        answers.put("POST /api/v1/organizations/acme/twilio-credentials", new String[]{"200",
                "{\"credentialId\":\"cred-1\",\"accountSid\":\"" + SID + "\",\"rotatedAt\":\"2025-02-01T00:00:00Z\"}"});
        Path token = Files.writeString(dir.resolve("token"), "rotated-secret\n");

        assertThat(run("credentials", "rotate", "acme", "cred-1", "--auth-token-file", token.toString())).isZero();
        assertThat(requests.get(1)).endsWith("{\"accountSid\":\"" + SID + "\",\"authToken\":\"rotated-secret\"}");
        assertThat(out.toString()).contains("Rotated credential cred-1").doesNotContain("rotated-secret");

        assertThat(run("credentials", "rotate", "acme", "cred-9", "--auth-token-file", token.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no Twilio credential cred-9");
        assertThat(requests).hasSize(3);
    }

    @Test
    void deleteACredentialAndARefusalSaysWhy() {
        answers.put("DELETE /api/v1/organizations/acme/twilio-credentials/cred-1", new String[]{"204", ""});
        assertThat(run("credentials", "delete", "acme", "cred-1")).isZero();
        assertThat(out.toString()).contains("Deleted credential cred-1 of acme");

        answers.put("DELETE /api/v1/organizations/acme/twilio-credentials/cred-2", new String[]{"409", problem(409,
                "credential-in-use", "A number still lives in the credential's account", "The line uses +1510")});
        assertThat(run("credentials", "delete", "acme", "cred-2")).isEqualTo(1);
        assertThat(err.toString()).contains("answered 409: A number still lives in the credential's account: The line uses +1510");
    }

    // ---- reconcile --------------------------------------------------------------------------------------------

    @Test
    void reconcilePrintsTheFindingsAndExitsWith7WhenThereIsSomethingToDo() {
        answers.put("GET /api/v1/reconciliation", new String[]{"200", """
                {"source":"provider APIs","complete":false,"warnings":["VAPI /assistant answered 1000 items"],
                 "counts":{"OWNED":4,"ORPHAN":1},"problems":1,"findings":[
                 {"verdict":"ORPHAN","kind":"TWILIO_NUMBER","id":"PN1","label":"+15105550100","detail":"nothing references it",
                  "orgId":"acme","credentialId":"cred-1","accountSid":"AC1"}]}"""});

        assertThat(run("reconcile")).isEqualTo(ExitCodes.PROBLEMS_FOUND);

        assertThat(requests.get(0)).startsWith("GET /api/v1/reconciliation?all=false ");
        assertThat(out.toString()).contains("warning: VAPI /assistant answered 1000 items")
                .containsPattern("ORPHAN\\s+TWILIO_NUMBER\\s+PN1\\s+\\+15105550100\\s+acme cred-1\\s+nothing references it")
                .contains("1 problem(s) (4 OWNED, 1 ORPHAN) from provider APIs; INCOMPLETE listing");

        answers.put("POST /api/v1/reconciliation/release", new String[]{"200", """
                {"dryRun":false,"released":1,"skipped":1,"results":[
                 {"id":"PN1","kind":"TWILIO_NUMBER","label":"+15105550100","outcome":"RELEASED","message":"in platform"},
                 {"id":"PN2","kind":"TWILIO_NUMBER","label":"+15105550101","outcome":"NOT_AN_ORPHAN","message":"OWNED: x"}]}"""});
        assertThat(run("reconcile", "release", "--id", "PN1", "--id", "PN2")).isEqualTo(ExitCodes.API_ERROR);
        assertThat(requests.get(1)).endsWith("{\"ids\":[\"PN1\",\"PN2\"],\"dryRun\":false}");
        assertThat(out.toString()).containsPattern("PN2\\s+TWILIO_NUMBER\\s+\\+15105550101\\s+NOT_AN_ORPHAN")
                .contains("1 released, 1 skipped");
        assertThat(run("reconcile", "release")).isEqualTo(ExitCodes.USAGE);
    }

    // ---- dlq show, completion ---------------------------------------------------------------------------------

    @Test
    void dlqShowPrintsTheWholeReasonEveryHeaderAndThePrettyBody() {
        String reason = "schema violation: " + "$.ownerEmail: is missing; ".repeat(10);
        answers.put("GET /api/v1/dead-letters/0:7", new String[]{"200", """
                {"record":{"position":"0:7","partition":0,"offset":7,"key":"acme","reason":"%s",
                  "exception":"io.switchboard.SchemaViolation","originalTopic":"switchboard.org-events.v1",
                  "originalPosition":"0:41","failedAt":"2025-01-02T03:04:05Z","consumerGroup":"switchboard-orchestrator",
                  "ceType":"io.switchboard.event.OrganizationApproved.v1","ceId":"ev-1","bodyPreview":"x","redrivenAt":null},
                 "headers":[{"name":"ce_id","value":"ev-1","encoding":"utf-8"},{"name":"sb_dlq_reason","value":"%s","encoding":"utf-8"},
                            {"name":"odd","value":"AAE=","encoding":"base64"}],
                 "body":"{\\"orgId\\":\\"acme\\",\\"orgName\\":\\"X\\"}","bodyEncoding":"utf-8","bodyBytes":30}"""
                .formatted(reason, reason)});

        assertThat(run("dlq", "show", "--topic", "switchboard.org-events.v1", "0:7")).isZero();

        assertThat(requests.get(0)).startsWith("GET /api/v1/dead-letters/0:7?topic=switchboard.org-events.v1 ");
        assertThat(out.toString()).contains("  " + reason.strip())
                .containsPattern("From\\s+switchboard.org-events.v1 at 0:41, consumer group switchboard-orchestrator")
                .containsPattern("ce_id\\s+ev-1").containsPattern("odd\\s+\\(base64\\) AAE=")
                .contains("Body (30 bytes)").contains("\"orgId\" : \"acme\"");
    }

    @Test
    void everyCommandThatCallsTheApiTakesJsonAndTheApiOptions() {
        List<String> missing = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(
                SwitchboardCli.commandLine(System.in).getSubcommands().values());
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.poll();
            todo.addAll(command.getSubcommands().values());
            picocli.CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            if (spec.findOption("--api") != null && spec.findOption("--json") == null) {
                missing.add(spec.qualifiedName());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(SwitchboardCli.commandLine(System.in).getSubcommands().get("sagas").getSubcommands().get("replay")
                .getCommandSpec().findOption("--json")).isNotNull();
    }

    @Test
    void completionPrintsABashScriptThatKnowsEveryCommand() {
        assertThat(SwitchboardCli.run(new PrintWriter(out), new PrintWriter(err), "completion")).isZero();
        assertThat(out.toString()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_switchboard")
                .contains("watch").contains("release-idle").contains("rotate").contains("--auth-token-file");
    }

    private static String saga(String id, String state, String steps) {
        return """
                {"id":"%s","type":"onboarding","definitionVersion":3,"orgId":"acme","state":"%s","failedStep":%s,
                 "failureReason":%s,"createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-02T03:04:06Z",
                 "finishedAt":%s,"steps":[%s]}""".formatted(id, state,
                state.startsWith("COMPENSAT") ? "\"acquire-number\"" : "null",
                state.startsWith("COMPENSAT") ? "\"NO_NUMBERS: none left\"" : "null",
                SagaView.ended(state) ? "\"2025-01-02T03:04:09Z\"" : "null", steps == null ? "" : steps);
    }

    private static String step(String name, String status, int attempts) {
        boolean finished = !status.equals("RUNNING") && !status.equals("WAITING_RETRY");
        return """
                {"name":"%s","direction":"ACTION","status":"%s","attempts":%d,"startedAt":"2025-01-02T03:04:05Z",
                 "finishedAt":%s,"durationMillis":%s,"errorCode":%s,"errorMessage":%s}""".formatted(name, status, attempts,
                finished ? "\"2025-01-02T03:04:06Z\"" : "null", finished ? "1000" : "null",
                status.equals("FAILED") ? "\"NO_NUMBERS\"" : "null", status.equals("FAILED") ? "\"none left\"" : "null");
    }

    private static final String BATCH = """
            {"id":"b1","kind":"assign-numbers","status":"PLANNED","dryRun":true,"ratePerMinute":30,"maxInFlight":10,
             "total":2,"counts":{"PENDING":1,"STARTED":0,"SUCCEEDED":0,"FAILED":0,"SKIPPED":1},"inFlight":0}""";

    @Test
    void batchesCreateSendsTheSelectorAndOptionsAndADryRunPrintsWhatEachOrganizationWouldDo() {
        answers.put("POST /api/v1/batches", new String[]{"201", BATCH});
        answers.put("GET /api/v1/batches/b1/items", new String[]{"200", """
                {"batchId":"b1","total":2,"limit":500,"offset":0,"items":[
                 {"position":0,"orgId":"acme-1","status":"PENDING","action":"start inbound-ai-on"},
                 {"position":1,"orgId":"acme-2","status":"SKIPPED","reason":"assign-numbers: the line has a number already"}]}"""});

        int code = run("batches", "create", "--kind", "assign-numbers", "--prefix", "acme-", "--has-number", "false",
                "--number-source", "pool_first", "--rate", "30", "--dry-run");

        assertThat(code).isZero();
        assertThat(requests.get(0)).startsWith("POST /api/v1/batches Bearer secret-1 ")
                .contains("\"kind\":\"assign-numbers\"", "\"filter\":{\"orgIdPrefix\":\"acme-\",\"hasNumber\":false}",
                        "\"options\":{\"numberSource\":\"pool_first\"}", "\"ratePerMinute\":30", "\"dryRun\":true")
                .doesNotContain("orgIds");
        assertThat(out.toString()).contains("PLANNED (dry run)", "1 pending", "1 skipped", "acme-1", "start inbound-ai-on",
                "acme-2", "has a number already");
    }

    @Test
    void batchesCreateUpdateAssistantsSendsTheTemplateToPinAndPrintsEachOrganizationsChange() {
        answers.put("POST /api/v1/batches", new String[]{"201", BATCH.replace("assign-numbers", "update-assistants")});
        answers.put("GET /api/v1/batches/b1/items", new String[]{"200", """
                {"batchId":"b1","total":2,"limit":500,"offset":0,"items":[
                 {"position":0,"orgId":"acme-1","status":"PENDING","action":"update inbound v1→v2, outbound v1→v2 (template dental)"},
                 {"position":1,"orgId":"acme-2","status":"SKIPPED","reason":"update-assistants: already up to date"}]}"""});

        int code = run("batches", "create", "--kind", "update-assistants", "--org", "acme-1", "--org", "acme-2",
                "--template", "dental", "--template-version", "2", "--dry-run");

        assertThat(code).isZero();
        assertThat(requests.get(0)).startsWith("POST /api/v1/batches Bearer secret-1 ")
                .contains("\"kind\":\"update-assistants\"", "\"orgIds\":[\"acme-1\",\"acme-2\"]",
                        "\"options\":{\"templateName\":\"dental\",\"templateVersion\":2}")
                .doesNotContain("numberSource");
        assertThat(out.toString()).contains("acme-1", "update inbound v1→v2, outbound v1→v2 (template dental)",
                "acme-2", "already up to date");
    }

    @Test
    void batchesListPrintsOneRowPerBatch() {
        answers.put("GET /api/v1/batches", new String[]{"200", "{\"limit\":50,\"offset\":0,\"batches\":[" + BATCH + "]}"});

        assertThat(run("batches", "list", "--status", "PLANNED")).isZero();
        assertThat(requests.get(0)).startsWith("GET /api/v1/batches?status=PLANNED&limit=50 ");
        assertThat(out.toString()).contains("KIND", "b1", "assign-numbers", "PLANNED");
    }

    @Test
    void batchesCancelPostsAndARefusalExitsOneWithTheProblem() {
        answers.put("POST /api/v1/batches/b1/cancel", new String[]{"409", problem(409, "batch-state-conflict",
                "The batch cannot do that in its state", "Batch b1 is COMPLETED")});

        assertThat(run("batches", "cancel", "b1")).isEqualTo(1);
        assertThat(err.toString()).contains("409", "Batch b1 is COMPLETED");
    }
}
