package io.switchboard.sim.vapi;

import static io.switchboard.sim.vapi.VapiSimulatorTest.twilioImport;
import static io.switchboard.sim.vapi.VapiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.testing.HttpTestClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Fault injection and the admin endpoints, seen from a VAPI client. */
class VapiFaultsAndAdminTest {

    static VapiSimulator sim;
    VapiTestClient vapi;
    HttpTestClient admin;

    @BeforeAll
    static void start() {
        sim = VapiSimulator.start(CheckedSimulators.config());
    }

    @AfterEach
    void responsesConform() {
        CheckedSimulators.assertResponsesConform(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.reset();
        vapi = VapiTestClient.of(sim);
        admin = new HttpTestClient(sim.baseUrl());
    }

    @Test
    void nthAssistantCreateFailsWithNestShaped500AndCreatesNothing() {
        sim.faults().add(FaultRule.matching("POST", "/assistant").onNthCall(1).fail(500));

        HttpResponse<String> failed = vapi.createAssistant("{\"name\":\"a\"}");
        HttpResponse<String> retried = vapi.createAssistant("{\"name\":\"a\"}");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).get("message").stringValue()).isEqualTo("Internal server error");
        assertThat(json(failed).get("statusCode").asInt()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(sim.assistantCreateCount()).isEqualTo(1);
    }

    @Test
    void rateLimitFromAdminHttpRule() {
        HttpResponse<String> added = admin.postJson("/__admin/faults",
                "{\"operation\":\"AssistantController_findAll\",\"trigger\":\"NEXT\",\"count\":1,\"status\":429}");
        assertThat(added.statusCode()).isEqualTo(201);

        HttpResponse<String> limited = vapi.http.get("/assistant");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("statusCode").asInt()).isEqualTo(429);
        assertThat(vapi.http.get("/assistant").statusCode()).isEqualTo(200);
    }

    @Test
    void importThatTimesOutAfterSuccessIsFoundBySearchNotDuplicated() {
        sim.faults().add(FaultRule.forOperation("PhoneNumberController_create").onNextCalls(1)
                .applyThenFail(502, Duration.ofSeconds(3)));

        assertThatThrownBy(() -> vapi.http.withTimeout(Duration.ofMillis(300))
                .postJson("/phone-number", twilioImport("+14155550100", null, "org-42")))
                .hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(vapi.createPhoneNumber(twilioImport("+14155550100", null, "org-42")).statusCode()).isEqualTo(400);
        JsonNode found = json(vapi.http.get("/v2/phone-number?search=%2B14155550100")).get("results");
        assertThat(found).hasSize(1);
        assertThat(sim.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void applyThenFailReallyDeletes() {
        String id = vapi.createAssistantId("doomed");
        sim.faults().add(FaultRule.forOperation("AssistantController_remove").onNextCalls(1).applyThenFail(503));

        HttpResponse<String> failed = vapi.http.delete("/assistant/" + id);

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(sim.assistants()).isEmpty();
        assertThat(vapi.http.delete("/assistant/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void adminInventoryStatsAndReset() {
        String assistant = vapi.createAssistantId("inbound");
        vapi.createPhoneNumber(twilioImport("+14155550100", assistant, "org-42"));

        JsonNode inventory = json(admin.get("/__admin/inventory"));
        assertThat(inventory.get("orgId").stringValue()).isEqualTo(sim.config().orgId());
        assertThat(inventory.get("assistants").get(0).get("id").stringValue()).isEqualTo(assistant);
        assertThat(inventory.get("phoneNumbers").get(0).get("assistantId").stringValue()).isEqualTo(assistant);
        assertThat(inventory.get("counts").get("phoneNumbersCreated").asInt()).isEqualTo(1);

        JsonNode stats = json(admin.get("/__admin/stats"));
        assertThat(stats.get("byOperation").get("AssistantController_create").asInt()).isEqualTo(1);
        assertThat(stats.get("byOperation").get("PhoneNumberController_create").asInt()).isEqualTo(1);

        assertThat(admin.postJson("/__admin/reset", "").statusCode()).isEqualTo(204);
        assertThat(sim.assistants()).isEmpty();
        assertThat(sim.phoneNumbers()).isEmpty();
        assertThat(json(admin.get("/__admin/stats")).get("total").asInt()).isZero();
    }
}
