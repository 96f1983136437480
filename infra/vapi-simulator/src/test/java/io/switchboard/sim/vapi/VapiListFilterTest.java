package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sim.common.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The documented {@code createdAt*} / {@code updatedAt*} filters and {@code limit} of the list operations. */
class VapiListFilterTest {

    static VapiSimulator sim;
    VapiTestClient vapi;

    @BeforeAll
    static void start() {
        sim = VapiSimulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        vapi = VapiTestClient.of(sim);
    }

    private static String q(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }

    private static ObjectNode assistant(String name) {
        ObjectNode body = Json.object();
        body.put("name", name);
        return body;
    }

    @Test
    void createdAtWindowsPartitionTheAssistantsAndLimitCapsEachAnswer() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(sim.createAssistant(assistant("before " + i)).id());
        }
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(sim.createAssistant(assistant("after " + i)).id());
        }

        assertThat(ids(json(vapi.http.get("/assistant?createdAtLt=" + q(cut) + "&limit=1000"))))
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(ids(json(vapi.http.get("/assistant?createdAtGe=" + q(cut) + "&limit=1000"))))
                .containsExactlyInAnyOrderElementsOf(after);
        assertThat(ids(json(vapi.http.get("/assistant?createdAtGt=" + q(cut) + "&createdAtLe=" + q(Instant.now())))))
                .containsExactlyInAnyOrderElementsOf(after);
        assertThat(json(vapi.http.get("/assistant?createdAtGe=" + q(cut) + "&limit=2"))).hasSize(2);
        assertThat(json(vapi.http.get("/assistant?createdAtLt=" + q(cut.minusSeconds(60))))).isEmpty();
    }

    @Test
    void updatedAtFiltersSeeAPatchAndV2SearchHonoursTheSameFilters() throws Exception {
        String untouched = createFreeNumber("untouched");
        String patched = createFreeNumber("patched");
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        assertThat(vapi.http.patchJson("/phone-number/" + patched, "{\"provider\":\"vapi\",\"name\":\"renamed\"}")
                .statusCode()).isEqualTo(200);

        assertThat(ids(json(vapi.http.get("/phone-number?updatedAtGe=" + q(cut))))).containsExactly(patched);
        assertThat(ids(json(vapi.http.get("/phone-number?updatedAtLt=" + q(cut))))).containsExactly(untouched);
        assertThat(ids(json(vapi.http.get("/v2/phone-number?updatedAtGe=" + q(cut))).get("results")))
                .containsExactly(patched);
    }

    @Test
    void aTimeFilterThatIsNotAnIsoDateIsA400NamingIt() {
        var response = vapi.http.get("/assistant?createdAtGe=yesterday&updatedAtLt=2026-13-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").toString())
                .contains("createdAtGe must be a valid ISO 8601 date string")
                .contains("updatedAtLt must be a valid ISO 8601 date string");
    }

    private String createFreeNumber(String name) {
        ObjectNode body = Json.object();
        body.put("provider", "vapi");
        body.put("name", name);
        return sim.createPhoneNumber(body).id();
    }
}
