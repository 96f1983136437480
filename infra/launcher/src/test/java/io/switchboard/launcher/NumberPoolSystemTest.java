package io.switchboard.launcher;

import io.switchboard.harness.Database;
import io.switchboard.harness.reconcile.SimulatorAdminInventory;
import io.switchboard.orchestrator.reconcile.DbReferences;
import io.switchboard.orchestrator.reconcile.Reconciler;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Numbers bought ahead of demand are used before buying; numbers idle too long go back to Twilio; and the pool's
 * table, its statistics and the reconciler's verdict say exactly what the pool holds — a number an organization
 * took is that organization's line's (ai_config) and no longer the pool's, whatever happens to it next — so a tenant
 * credential can be deleted once nothing holds a number in its account.
 */
class NumberPoolSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> ENDED = Set.of("COMPLETED", "COMPENSATED", "FAILED");
    private final JsonCodec codec = new JsonCodec();

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

    // ---- the pool says exactly what it holds ----------------------------------------------------------------

    /** What {@code GET /api/v1/number-pool/stats} says the pool holds. */
    record Stats(long total, long available) {
    }

    @Test
    void aNumberTakenFromThePoolAndThenReleasedAtTwilioLeavesThePoolAndATenantsCredentialCanGoOnceItsLineHasGone() {
        Stats before = stats();
        String sid = provisionOne("606");
        expectInPool(sid, before, 1);

        // Taken: the line's, no longer the pool's.
        String orgId = "pool-rel-" + UUID.randomUUID().toString().substring(0, 8);
        long purchases = system.twilio().purchaseCount();
        assertCompleted(runSaga(orgId, "onboarding", () -> client.approve(orgId, "Pool Release", "606")));
        assertThat(numberSidOf(orgId)).as("the pooled number, not a new one").isEqualTo(sid);
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        expectUsedByTheLine(orgId, sid, before);

        // Released at Twilio (RELEASE policy): nothing of it is left in the pool, nothing dangles.
        SagaResponse off = runSaga(orgId, "inbound-ai-off", () -> lines.toggle(orgId, false));
        assertCompleted(off);
        assertThat(step(off, "release-number").status()).isEqualTo("SUCCEEDED");
        assertThat(system.twilio().ownedNumbers()).noneMatch(n -> n.sid().equals(sid));
        expectGone(orgId, sid, before);

        // An organization on its own Twilio account: its credential is in use while the line is, then may go.
        String tenant = "pool-rel-t-" + UUID.randomUUID().toString().substring(0, 8);
        String credentialId = registerTenantCredential(tenant);
        assertCompleted(runSaga(tenant, "onboarding", () -> client.approve(tenant, "Pool Release Tenant", "606", credentialId)));
        String tenantSid = numberSidOf(tenant);
        assertThat(system.twilio().ownedNumbers(RunningSystem.TENANT_ACCOUNT_SID)).extracting(n -> n.sid())
                .as("bought in the tenant's own account").contains(tenantSid);
        expectUsedByTheLine(tenant, tenantSid, before);
        expectCredentialInUse(tenant, credentialId, "lineNumbers");
        assertCompleted(runSaga(tenant, "inbound-ai-off", () -> lines.toggle(tenant, false)));
        expectGone(tenant, tenantSid, before);
        HttpResponse<String> deleted = deleteCredential(tenant, credentialId);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    @Test
    void withThePoolPolicyANumberTakenAndReturnedIsAvailableOnceAndATenantsOwnNumberIsReleasedNotPooled() {
        restartOrchestrator(Map.of("switchboard.pool.release-policy", "POOL"));
        try {
            Stats before = stats();
            String sid = provisionOne("607");
            expectInPool(sid, before, 1);

            // Take → return, twice: one row, available again, never a second one, never counted twice.
            String orgId = "pool-ret-" + UUID.randomUUID().toString().substring(0, 8);
            for (int round = 1; round <= 2; round++) {
                String saga = round == 1 ? "onboarding" : "inbound-ai-on";
                assertCompleted(runSaga(orgId, saga, () -> {
                    if (saga.equals("onboarding")) {
                        client.approve(orgId, "Pool Return", "607");
                    } else {
                        lines.toggle(orgId, true);
                    }
                }));
                assertThat(numberSidOf(orgId)).as("round " + round + ": the pooled number").isEqualTo(sid);
                expectUsedByTheLine(orgId, sid, before);

                SagaResponse off = runSaga(orgId, "inbound-ai-off", () -> lines.toggle(orgId, false));
                assertCompleted(off);
                assertThat(step(off, "return-number-to-pool").status()).isEqualTo("SUCCEEDED");
                expectInPool(sid, before, 1);
                assertThat(tagOf(system.twilio().ownedNumbers().stream().filter(n -> n.sid().equals(sid)).findFirst()
                        .orElseThrow().phoneNumber())).startsWith("sb/pool/");
            }

            // A number in the organization's own account is released, never pooled: the pool could not release it.
            String tenant = "pool-ret-t-" + UUID.randomUUID().toString().substring(0, 8);
            String credentialId = registerTenantCredential(tenant);
            assertCompleted(runSaga(tenant, "onboarding", () -> client.approve(tenant, "Pool Return Tenant", "609", credentialId)));
            String tenantSid = numberSidOf(tenant);
            Stats withTheReturnedNumber = stats();
            expectUsedByTheLine(tenant, tenantSid, withTheReturnedNumber);
            expectCredentialInUse(tenant, credentialId, "lineNumbers");

            SagaResponse off = runSaga(tenant, "inbound-ai-off", () -> lines.toggle(tenant, false));
            assertCompleted(off);
            assertThat(step(off, "hand-number-to-pool").status()).isEqualTo("SKIPPED");
            assertThat(step(off, "return-number-to-pool").status()).isEqualTo("SKIPPED");
            assertThat(step(off, "release-number").status()).isEqualTo("SUCCEEDED");
            assertThat(system.twilio().ownedNumbers()).noneMatch(n -> n.sid().equals(tenantSid));
            expectGone(tenant, tenantSid, withTheReturnedNumber);
            HttpResponse<String> deleted = deleteCredential(tenant, credentialId);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        } finally {
            restartOrchestrator(Map.of());
        }
    }

    @Test
    void aPooledNumberWhoseOnboardingIsUndoneIsBackInThePoolExactlyOnce() {
        String sid = provisionOne("608");
        Stats stocked = stats();
        assertThat(lines.poolRows()).containsEntry(sid, "AVAILABLE");

        String orgId = "pool-undo-" + UUID.randomUUID().toString().substring(0, 8);
        FaultRule rejected = system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        SagaResponse onboarding;
        try {
            onboarding = runSaga(orgId, "onboarding", () -> client.approve(orgId, "Pool Undo", "608"));
        } finally {
            system.vapi().faults().remove(rejected.id());
        }
        assertThat(onboarding.state()).isEqualTo("COMPENSATED");
        assertThat(step(onboarding, "take-pooled-number").status()).isEqualTo("SUCCEEDED");
        assertThat(system.twilio().ownedNumbers()).filteredOn(n -> n.sid().equals(sid)).singleElement()
                .satisfies(n -> assertThat(n.friendlyName()).as("re-tagged for the pool").startsWith("sb/pool/"));
        assertThat(lines.poolRows()).containsEntry(sid, "AVAILABLE");
        assertThat(stats()).isEqualTo(stocked);
        assertThat(findingsAbout(List.of(sid))).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Reconciler.Verdict.OWNED);
            assertThat(f.detail()).isEqualTo("number_pool[AVAILABLE]");
        });
    }

    /**
     * Ops try to stop a cleanup while its assistant deletions are out at VAPI. A teardown has nothing to undo, so
     * stopping it could only leave it halfway (found by the chaos run: a stopped cleanup left its config naming a
     * pooled number and deleted resources): the stop is refused, and the cleanup finishes — config gone, number back
     * in the pool, assistants deleted. (A teardown stopped by a step that fails for good: CleanupStoppedByOpsTest.)
     */
    @Test
    void anOpsStopOfARunningCleanupIsRefusedAndTheCleanupFinishes() {
        restartOrchestrator(Map.of("switchboard.pool.release-policy", "POOL"));
        FaultRule held = null;
        try {
            String orgId = "pool-stop-" + UUID.randomUUID().toString().substring(0, 8);
            assertCompleted(runSaga(orgId, "onboarding", () -> client.approve(orgId, "Pool Stop", "609")));
            LineClient.ConfigRow line = lines.configs(orgId).get(0);

            held = system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always()
                    .delay(Duration.ofSeconds(6)));
            assertThat(lines.delete("/api/v1/organizations/" + orgId + "/ai-setup").statusCode()).isEqualTo(202);
            String cleanup = await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> {
                AiStatusResponse.LatestSaga latest = client.status(orgId).latestSaga();
                return latest.type().equals("cleanup") && client.saga(latest.id()).steps().stream().anyMatch(s ->
                        s.name().equals("delete-inbound-assistant") && s.status().equals("RUNNING")) ? latest.id() : null;
            }, Objects::nonNull);
            HttpResponse<String> stop = lines.post("/api/v1/sagas/" + cleanup + "/compensate", "{\"reason\":\"ops stop\"}");
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(409);
            assertThat(stop.body()).contains("saga-not-compensable").contains("nothing to undo");

            await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> client.saga(cleanup).state().equals("COMPLETED"));
            assertThat(lines.configs(orgId)).isEmpty();
            assertThat(system.vapi().assistants()).noneMatch(a -> a.id().equals(line.inbound())
                    || a.id().equals(line.outbound()));
            assertThat(findingsAbout(List.of(line.numberSid(), line.vapiPhoneNumberId(), line.inbound(), line.outbound())))
                    .singleElement().satisfies(f -> {
                        assertThat(f.verdict()).as(f.toString()).isEqualTo(Reconciler.Verdict.OWNED);
                        assertThat(f.detail()).isEqualTo("number_pool[AVAILABLE]");
                    });
        } finally {
            if (held != null) {
                system.vapi().faults().remove(held.id());
            }
            restartOrchestrator(Map.of());
        }
    }

    // ---- helpers of the pool-bookkeeping tests --------------------------------------------------------------

    /** The number is the pool's: one AVAILABLE row, counted once by the stats and once by the reconciler. */
    private void expectInPool(String sid, Stats before, int pooledHere) {
        assertThat(lines.poolRows()).containsEntry(sid, "AVAILABLE");
        assertThat(stats()).isEqualTo(new Stats(before.total() + pooledHere, before.available() + pooledHere));
        assertThat(findingsAbout(List.of(sid))).singleElement().satisfies(f -> {
            assertThat(f.verdict()).as(f.toString()).isEqualTo(Reconciler.Verdict.OWNED);
            assertThat(f.detail()).isEqualTo("number_pool[AVAILABLE]");
        });
    }

    /** The number is the organization's line's: no pool row, the stats as before, one owner (its ai_config). */
    private void expectUsedByTheLine(String orgId, String sid, Stats before) {
        assertThat(lines.poolRows()).as("a number in use is not in the pool").doesNotContainKey(sid);
        assertThat(stats()).isEqualTo(before);
        assertThat(findingsAbout(List.of(sid))).singleElement().satisfies(f -> {
            assertThat(f.verdict()).as(f.toString()).isEqualTo(Reconciler.Verdict.OWNED);
            assertThat(f.detail()).isEqualTo("ai_config[" + orgId + "].number_sid");
        });
        expectNothingOfTheOrganizationWrong(orgId);
    }

    /** Released at Twilio: no row names it, the stats as before, the reconciler finds nothing about it. */
    private void expectGone(String orgId, String sid, Stats before) {
        assertThat(lines.poolRows()).doesNotContainKey(sid);
        assertThat(stats()).isEqualTo(before);
        assertThat(findingsAbout(List.of(sid))).as("neither at Twilio nor named by a row").isEmpty();
        expectNothingOfTheOrganizationWrong(orgId);
    }

    /** No orphan, nothing counted twice, nothing dangling among what the organization's config names. */
    private void expectNothingOfTheOrganizationWrong(String orgId) {
        List<String> ids = new ArrayList<>();
        lines.configs(orgId).forEach(c -> ids.addAll(java.util.stream.Stream.of(c.numberSid(), c.vapiPhoneNumberId(),
                c.inbound(), c.outbound()).filter(Objects::nonNull).toList()));
        assertThat(ids).isNotEmpty();
        assertThat(findingsAbout(ids)).as("reconciler findings about " + orgId)
                .allSatisfy(f -> assertThat(f.verdict()).as(f.toString()).isEqualTo(Reconciler.Verdict.OWNED));
    }

    /** The ops reconciler, run against this system: the simulators' full inventories and the database. */
    static List<Reconciler.Finding> findingsAbout(Collection<String> ids) {
        Database db = new Database(system.stack().jdbcUrl(), system.stack().postgres().username(),
                system.stack().postgres().password());
        SimulatorAdminInventory inventory = new SimulatorAdminInventory(system.twilio().baseUrl(), system.vapi().baseUrl());
        return Reconciler.reconcile(inventory.list().resources(), DbReferences.load(db::query)).stream()
                .filter(f -> ids.contains(f.id())).toList();
    }

    private Stats stats() {
        HttpResponse<String> response = lines.get("/api/v1/number-pool/stats");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.decodeLenient(response.body(), Stats.class);
    }

    /** Buys one number for the pool in the area code and returns its SID. */
    private String provisionOne(String areaCode) {
        awaitCompleted(startedSagas(lines.post("/api/v1/number-pool/provision",
                "{\"count\":1,\"country\":\"US\",\"areaCode\":\"" + areaCode + "\"}")));
        List<String> pooled = system.twilio().ownedNumbers().stream()
                .filter(n -> n.phoneNumber().startsWith("+1" + areaCode) && n.friendlyName().startsWith("sb/pool/"))
                .map(n -> n.sid()).filter(lines.poolRows()::containsKey).toList();
        assertThat(pooled).as("the pool's number in " + areaCode).hasSize(1);
        return pooled.get(0);
    }

    private String registerTenantCredential(String orgId) {
        HttpResponse<String> created = lines.post("/api/v1/organizations/" + orgId + "/twilio-credentials",
                "{\"accountSid\":\"" + RunningSystem.TENANT_ACCOUNT_SID + "\",\"authToken\":\""
                        + RunningSystem.TENANT_AUTH_TOKEN + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return String.valueOf(codec.decodeLenient(created.body(), Map.class).get("credentialId"));
    }

    /** 409 credential-in-use, naming the number that keeps it ({@code lineNumbers} or {@code pooledNumbers}). */
    private void expectCredentialInUse(String orgId, String credentialId, String holder) {
        HttpResponse<String> refused = deleteCredential(orgId, credentialId);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        Map<?, ?> problem = codec.decodeLenient(refused.body(), Map.class);
        assertThat(problem.get("type")).isEqualTo("https://switchboard.io/problems/credential-in-use");
        assertThat(problem.get("credentialId")).isEqualTo(credentialId);
        assertThat((List<?>) problem.get(holder)).as(refused.body()).hasSize(1);
    }

    private HttpResponse<String> deleteCredential(String orgId, String credentialId) {
        return lines.delete("/api/v1/organizations/" + orgId + "/twilio-credentials/" + credentialId);
    }

    private String numberSidOf(String orgId) {
        return lines.configs(orgId).stream().filter(c -> c.orgId().equals(orgId)).findFirst().orElseThrow().numberSid();
    }

    private static void restartOrchestrator(Map<String, String> settings) {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, settings);
    }

    /** Does {@code action} and waits for the organization's next saga, of this type, to end. */
    private SagaResponse runSaga(String orgId, String type, Runnable action) {
        String before = latestSagaId(orgId);
        action.run();
        AiStatusResponse.LatestSaga latest = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> client.status(orgId).latestSaga(),
                        s -> s != null && !s.id().equals(before) && ENDED.contains(s.state()));
        assertThat(latest.type()).isEqualTo(type);
        return client.saga(latest.id());
    }

    private String latestSagaId(String orgId) {
        try {
            AiStatusResponse.LatestSaga latest = client.status(orgId).latestSaga();
            return latest == null ? null : latest.id();
        } catch (RuntimeException noSuchOrganization) {
            return null;
        }
    }

    private static void assertCompleted(SagaResponse saga) {
        assertThat(saga.state()).as(saga.type() + " " + saga.failedStep() + ": " + saga.failureReason())
                .isEqualTo("COMPLETED");
    }

    private static SagaResponse.Step step(SagaResponse saga, String name) {
        return saga.steps().stream().filter(s -> s.name().equals(name) && s.direction().equals("ACTION"))
                .findFirst().orElseThrow(() -> new AssertionError(saga.type() + " has no step " + name));
    }
}
