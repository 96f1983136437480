package io.switchboard.launcher;

import io.switchboard.messaging.codec.JsonCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Numbers bought ahead of demand are used before buying; numbers idle too long go back to Twilio. */
class NumberPoolSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static SwitchboardSystem system;
    private static SystemClient client;
    private static LineClient lines;
    private final JsonCodec codec = new JsonCodec();

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
        lines = new LineClient(system, system::orchestratorUrl, LineLifecycleSystemTest.OPS_AUTHORIZATION);
    }

    @AfterAll
    static void close() {
        lines.close();
        client.close();
    }

    record Started(List<String> sagaIds) {
    }

    private List<String> startedSagas(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return codec.decodeLenient(response.body(), Started.class).sagaIds();
    }

    private void awaitCompleted(List<String> sagaIds) {
        for (String id : sagaIds) {
            await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> client.saga(id).state().equals("COMPLETED"));
        }
    }

    @Test
    void aProvisionedNumberIsTakenFromThePoolInsteadOfBuyingOne() {
        awaitCompleted(startedSagas(lines.post("/api/v1/number-pool/provision",
                "{\"count\":1,\"country\":\"US\",\"areaCode\":\"602\"}")));
        long purchases = system.twilio().purchaseCount();
        assertThat(system.twilio().ownedNumbers()).filteredOn(n -> n.phoneNumber().startsWith("+1602"))
                .anySatisfy(n -> assertThat(n.friendlyName()).startsWith("sb/pool/"));

        String orgId = "pooled-" + UUID.randomUUID().toString().substring(0, 8);
        client.approve(orgId, "Pooled", "602");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");

        String number = client.status(orgId).phoneNumber();
        assertThat(number).startsWith("+1602");
        assertThat(system.twilio().purchaseCount()).as("nothing bought for the org").isEqualTo(purchases);
        assertThat(system.twilio().ownedNumbers()).filteredOn(n -> n.phoneNumber().equals(number)).singleElement()
                .satisfies(n -> assertThat(n.friendlyName()).as("Twilio's owner tag moved from the pool to the org")
                        .startsWith("sb/org/" + orgId + "/"));
        assertThat(lines.post("/api/v1/number-pool/provision", "{\"count\":0}").statusCode()).isEqualTo(400);
    }

    @Test
    void withThePoolPolicyANumberAnOrganizationGivesUpIsReTaggedForThePoolAndTheNextOrganizationGetsIt() {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, Map.of("switchboard.pool.release-policy", "POOL"));
        try {
            String first = "pool-first-" + UUID.randomUUID().toString().substring(0, 8);
            client.approve(first, "Pool First", "604");
            assertThat(client.awaitSagaEnded(first, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
            String number = client.status(first).phoneNumber();

            lines.toggle(first, false);
            await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() ->
                    client.status(first).latestSaga().type().equals("inbound-ai-off")
                            && client.status(first).latestSaga().state().equals("COMPLETED"));
            assertThat(tagOf(number)).as("the pool's at Twilio before it is in stock").startsWith("sb/pool/");
            long purchases = system.twilio().purchaseCount();

            String next = "pool-next-" + UUID.randomUUID().toString().substring(0, 8);
            client.approve(next, "Pool Next", "604");
            assertThat(client.awaitSagaEnded(next, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");

            assertThat(client.status(next).phoneNumber()).isEqualTo(number);
            assertThat(tagOf(number)).startsWith("sb/org/" + next + "/");
            assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }

    private static String tagOf(String phoneNumber) {
        return system.twilio().ownedNumbers().stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst()
                .orElseThrow().friendlyName();
    }

    @Test
    void numbersIdleLongerThanTheLimitAreReleasedAtTwilio() {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, Map.of("switchboard.pool.idle-release-after", "0s"));
        try {
            awaitCompleted(startedSagas(lines.post("/api/v1/number-pool/provision",
                    "{\"count\":2,\"country\":\"US\",\"areaCode\":\"603\"}")));
            List<String> pooled = system.twilio().ownedNumbers().stream()
                    .filter(n -> n.phoneNumber().startsWith("+1603")).map(n -> n.sid()).toList();
            assertThat(pooled).hasSizeGreaterThanOrEqualTo(2);

            awaitCompleted(startedSagas(lines.post("/api/v1/number-pool/release-idle", "{}")));

            assertThat(system.twilio().ownedNumbers()).noneMatch(n -> pooled.contains(n.sid()));
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }
}
