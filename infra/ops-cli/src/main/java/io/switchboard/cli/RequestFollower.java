package io.switchboard.cli;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * An organization request was accepted (202, queued behind the organization's running saga): say how to follow it,
 * or with {@code --wait} wait for the saga it starts and watch that saga to its end.
 */
final class RequestFollower {
    private RequestFollower() {
    }

    static String path(String orgId, String requestId) {
        return "/api/v1/organizations/" + ApiClient.encode(orgId) + "/requests/" + ApiClient.encode(requestId);
    }

    static int accepted(CommandLine command, ApiOptions api, JsonOption json, WaitOptions wait, String orgId,
                        JsonNode accepted, String what) {
        PrintWriter out = command.getOut();
        String requestId = Json.text(accepted, "requestId");
        if (json.json) {
            out.println(wait.wait ? Json.compact(accepted) : Json.pretty(accepted));
        } else {
            out.println("ACCEPTED  " + what + " of " + orgId + "  request " + requestId);
            if (!wait.wait) {
                out.println("Follow it: switchboard organizations request " + orgId + " " + requestId
                        + "   (or add --wait)");
            }
        }
        out.flush();
        if (!wait.wait) {
            return ExitCodes.OK;
        }
        ApiClient client = api.client();
        Instant deadline = Instant.now().plus(wait.poll.timeout);
        boolean toldPending = false;
        while (true) {
            JsonNode request = client.get(path(orgId, requestId), null);
            JsonNode saga = request.get("saga");
            String status = Json.text(request, "status");
            if (saga != null && !saga.isNull()) {
                return new SagaWatcher(client, out, json.json, wait.poll).watch(Json.text(saga, "id"), deadline);
            }
            if (!"PENDING".equals(status)) {
                if (json.json) {
                    out.println(Json.compact(request));
                } else {
                    out.println("Request " + requestId + " " + status + " without a saga"
                            + (Json.text(request, "note") == null ? "" : ": " + Json.text(request, "note")));
                }
                out.flush();
                return ExitCodes.NO_SAGA;
            }
            if (!toldPending && !json.json) {
                out.println("Waiting: the request is queued behind the organization's running saga");
                out.flush();
                toldPending = true;
            }
            if (Instant.now().isAfter(deadline)) {
                command.getErr().println("gave up after " + wait.poll.timeout + ": request " + requestId
                        + " is still PENDING");
                command.getErr().flush();
                return ExitCodes.TIMED_OUT;
            }
            SagaWatcher.sleep(wait.poll.interval);
        }
    }
}
