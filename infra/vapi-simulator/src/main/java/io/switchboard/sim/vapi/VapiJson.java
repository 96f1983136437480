package io.switchboard.sim.vapi;

import io.switchboard.sim.common.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.node.ObjectNode;

/** Renders resources with the camelCase fields of VAPI's response schemas; timestamps are ISO-8601 UTC. */
final class VapiJson {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private VapiJson() {
    }

    static ObjectNode assistant(Assistant a) {
        ObjectNode json = Json.object();
        json.put("id", a.id());
        json.put("orgId", a.orgId());
        json.setAll(a.fields());
        json.put("createdAt", iso(a.createdAt()));
        json.put("updatedAt", iso(a.updatedAt()));
        return json;
    }

    static ObjectNode phoneNumber(PhoneNumber p) {
        ObjectNode json = Json.object();
        json.put("id", p.id());
        json.put("orgId", p.orgId());
        json.put("provider", p.provider());
        if (p.visibleNumber() != null) {
            json.put("number", p.visibleNumber());
        }
        json.put("status", p.status());
        putIfPresent(json, "name", p.name());
        putIfPresent(json, "assistantId", p.assistantId());
        putIfPresent(json, "twilioAccountSid", p.twilioAccountSid());
        putIfPresent(json, "numberDesiredAreaCode", p.numberDesiredAreaCode());
        json.setAll(p.extras());
        json.put("createdAt", iso(p.createdAt()));
        json.put("updatedAt", iso(p.updatedAt()));
        return json;
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    /** VAPI's format: UTC with exactly three fraction digits, e.g. "2026-01-29T10:15:30.120Z". */
    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
