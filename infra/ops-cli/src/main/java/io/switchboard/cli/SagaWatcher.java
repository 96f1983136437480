package io.switchboard.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a running saga by polling {@code GET /api/v1/sagas/{id}} and prints each change as one line — a step
 * started, retried, succeeded, failed or was skipped, the saga changed state — with the progress so far, until the
 * saga ends. Append-only lines (no cursor tricks), so it reads the same in a terminal, a log file or a pipe.
 * The orchestrator being briefly unreachable (a restart) is reported once and waited out; a refusal ends the watch.
 */
final class SagaWatcher {
    private final ApiClient client;
    private final PrintWriter out;
    private final boolean json;
    private final PollOptions poll;
    private final Map<String, String> seen = new HashMap<>();
    private String state;
    private boolean unreachable;

    SagaWatcher(ApiClient client, PrintWriter out, boolean json, PollOptions poll) {
        this.client = client;
        this.out = out;
        this.json = json;
        this.poll = poll;
    }

    /** Watches until the saga ends or {@code deadline} passes; the exit code says which and how it ended. */
    int watch(String sagaId, Instant deadline) {
        String path = "/api/v1/sagas/" + ApiClient.encode(sagaId);
        while (true) {
            JsonNode saga = fetch(path);
            if (saga != null) {
                report(saga);
                if (SagaView.ended(state)) {
                    end(saga);
                    return ExitCodes.ofFinalState(state);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                out.println(json ? Json.compact(event("timeout", sagaId).put("state", state))
                        : "Still " + state + " after " + poll.timeout + "; stopped watching (the saga goes on)");
                out.flush();
                return ExitCodes.TIMED_OUT;
            }
            sleep(poll.interval);
        }
    }

    private JsonNode fetch(String path) {
        try {
            JsonNode saga = client.get(path, null);
            unreachable = false;
            return saga;
        } catch (ApiException e) {
            // Not there (0) or not answering (5xx, e.g. mid-restart): wait it out. A 4xx is an answer: stop.
            if (e.status() != 0 && e.status() < 500) {
                throw e;
            }
            if (!unreachable && !json) {
                out.println("(" + e.getMessage() + "; still trying)");
                out.flush();
            }
            unreachable = true;
            return null;
        }
    }

    private void report(JsonNode saga) {
        if (state == null && !json) {
            out.println("Watching " + Json.text(saga, "type") + " saga " + Json.text(saga, "id") + " of "
                    + Json.text(saga, "orgId") + " (Ctrl-C stops watching, not the saga)");
        }
        int done = 0;
        int total = 0;
        for (JsonNode step : saga.path("steps")) {
            total++;
            String status = Json.text(step, "status");
            if ("SUCCEEDED".equals(status) || "SKIPPED".equals(status)) {
                done++;
            }
        }
        for (JsonNode step : saga.path("steps")) {
            String key = Json.text(step, "name") + "/" + Json.text(step, "direction");
            String signature = Json.text(step, "status") + "/" + Json.text(step, "attempts");
            if (!signature.equals(seen.put(key, signature))) {
                printStep(saga, step, done, total);
            }
        }
        String now = Json.text(saga, "state");
        if (!now.equals(state)) {
            String before = state;
            state = now;
            if (json) {
                out.println(Json.compact(event("state", Json.text(saga, "id")).put("state", now)
                        .put("failedStep", Json.text(saga, "failedStep"))
                        .put("failureReason", Json.text(saga, "failureReason"))));
            } else if (before != null || !"RUNNING".equals(now)) {
                out.println(time(Json.text(saga, "updatedAt")) + "  saga " + (before == null ? "" : before + " -> ")
                        + now + (Json.text(saga, "failedStep") == null ? ""
                        : "  (" + Json.text(saga, "failedStep") + ": " + Json.text(saga, "failureReason") + ")"));
            }
        }
        out.flush();
    }

    private void printStep(JsonNode saga, JsonNode step, int done, int total) {
        if (json) {
            out.println(Json.compact(event("step", Json.text(saga, "id")).put("step", Json.text(step, "name"))
                    .put("direction", Json.text(step, "direction")).put("status", Json.text(step, "status"))
                    .put("attempts", step.path("attempts").asInt()).put("startedAt", Json.text(step, "startedAt"))
                    .put("finishedAt", Json.text(step, "finishedAt")).put("errorCode", Json.text(step, "errorCode"))
                    .put("errorMessage", Json.text(step, "errorMessage"))));
            return;
        }
        String at = Json.text(step, "finishedAt") != null ? Json.text(step, "finishedAt") : Json.text(step, "startedAt");
        StringBuilder line = new StringBuilder(time(at)).append("  [").append(done).append('/').append(total)
                .append("]  ").append(pad(Json.text(step, "name"), 28)).append(' ')
                .append(pad(SagaView.lower(Json.text(step, "direction")), 12)).append(' ')
                .append(pad(Json.text(step, "status"), 13)).append(" attempt ").append(Json.text(step, "attempts"));
        if (SagaView.duration(step) != null) {
            line.append("  ").append(SagaView.duration(step));
        }
        if (SagaView.error(step) != null) {
            line.append("  ").append(Table.clip(SagaView.error(step), 100));
        }
        out.println(line);
    }

    private void end(JsonNode saga) {
        if (json) {
            return;
        }
        String created = Json.text(saga, "createdAt");
        String finished = Json.text(saga, "finishedAt");
        String took = "";
        if (created != null && finished != null) {
            took = " after " + Format.millis(Duration.between(Instant.parse(created), Instant.parse(finished)).toMillis());
        }
        out.println("Saga " + Json.text(saga, "id") + " ended " + state + took + switch (state) {
            case "COMPENSATED" -> ": everything it did was undone";
            case "FAILED" -> ": parked for ops (switchboard sagas replay " + Json.text(saga, "id") + ")";
            default -> "";
        });
        out.flush();
    }

    private static ObjectNode event(String type, String sagaId) {
        return ApiClient.JSON.createObjectNode().put("event", type).put("sagaId", sagaId);
    }

    private static String time(String iso) {
        String formatted = Format.instant(iso);
        // "2025-01-02 03:04:05Z" -> "03:04:05": the date adds nothing while watching.
        return formatted == null ? "--:--:--" : formatted.length() >= 19 ? formatted.substring(11, 19) : formatted;
    }

    private static String pad(String value, int width) {
        String text = value == null ? "-" : value;
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }
}
