package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.kafka.FakeWorkers;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PooledNumber;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sagas move a number's owner tag at Twilio (through {@link AssignNumber}) whenever the number changes hands:
 * a pooled number taken by an organization, given back to the pool when its saga is undone, a trial account's own
 * number handed back to the account when the line goes. Over the real broker and database, with fake workers.
 */
class NumberOwnershipOverKafkaTest extends OrchestratorOverKafkaContext {
    private static FakeWorkers workers;
    private static KafkaTestClient kafka;

    @Autowired
    SagaStore sagas;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NumberPool pool;
    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    static void startFakeWorkers() {
        TestInfrastructure.createTopics(6, Topics.all().toArray(String[]::new));
        kafka = new KafkaTestClient();
        workers = new FakeWorkers();
    }

    @AfterAll
    static void stopFakeWorkers() {
        workers.close();
        kafka.close();
    }

    private static String newOrg() {
        return "own-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void approve(String orgId, String areaCode) {
        kafka.publishEvent(Topics.ORG_EVENTS, OrganizationApproved.TYPE, orgId, """
                {"orgId":"%s","orgName":"Own","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"%s"}"""
                .formatted(orgId, orgId, areaCode));
    }

    private void toggle(String orgId, boolean on) {
        kafka.publishEvent(Topics.ORG_EVENTS, InboundAiChanged.TYPE, orgId,
                "{\"orgId\":\"" + orgId + "\",\"inboundAi\":" + on + "}");
    }

    private SagaInstance awaitSaga(String orgId, String type, SagaState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> sagas.ofOrg(orgId).stream()
                .filter(s -> s.sagaType().equals(type) && s.state() == state).findFirst().orElse(null), s -> s != null);
    }

    /** A number in stock, with an area code of its own so that no other test takes it. */
    private String stockedNumber(String areaCode) {
        String sid = "PN" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("""
                insert into number_pool (number_sid, phone_number, country, area_code, status, idle_since, created_at)
                values (?, ?, 'US', ?, 'AVAILABLE', now() - interval '1 hour', now())""",
                sid, "+1" + areaCode + "5550100", areaCode);
        return sid;
    }

    private List<Map<String, Object>> poolRows(String sid) {
        return jdbc.queryForList("select status from number_pool where number_sid = ?", sid);
    }

    private Map<String, Object> poolRow(String sid) {
        List<Map<String, Object>> rows = jdbc.queryForList("select status from number_pool where number_sid = ?", sid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private <C extends Command> List<C> sent(String orgId, Class<C> type) {
        return workers.received(orgId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aPooledNumberIsReTaggedForTheOrganizationThatTakesItAndLaterReleasedAsItsOwn() {
        String orgId = newOrg();
        String sid = stockedNumber("821");

        approve(orgId, "821");
        awaitSaga(orgId, "onboarding", SagaState.COMPLETED);

        assertThat(sent(orgId, AssignNumber.class)).singleElement().satisfies(take -> {
            assertThat(take.numberSid()).isEqualTo(sid);
            assertThat(take.expectedOwner()).isEqualTo(NumberOwner.pool());
            assertThat(take.newOwner()).isEqualTo(NumberOwner.organization(orgId));
        });
        assertThat(sent(orgId, AcquireNumber.class)).isEmpty();
        // The organization's now: its line's config names it, the pool no longer does.
        assertThat(poolRow(sid)).as("taken numbers leave the pool").isNull();
        assertThat(jdbc.queryForObject("select number_sid from ai_config where org_id = ?", String.class, orgId))
                .isEqualTo(sid);

        toggle(orgId, false);
        awaitSaga(orgId, "inbound-ai-off", SagaState.COMPLETED);
        assertThat(sent(orgId, ReleaseNumber.class)).singleElement().satisfies(release -> {
            assertThat(release.numberSid()).isEqualTo(sid);
            assertThat(release.ownerOrOrganization()).isEqualTo(NumberOwner.organization(orgId));
        });
        assertThat(poolRow(sid)).as("released at Twilio: nothing of it is left in the pool").isNull();
    }

    @Test
    void thePoolHoldsOneRowPerNumberInStockAndNoneForANumberTaken() {
        String sid = stockedNumber("825");
        PooledNumber taken = transactions.execute(status -> pool.take("org-825", "US", "825", null)).orElseThrow();
        assertThat(taken.numberSid()).isEqualTo(sid);
        assertThat(poolRows(sid)).as("an organization's number is not the pool's").isEmpty();

        transactions.executeWithoutResult(status -> pool.giveBack(sid, taken.phoneNumber(), "US", null));
        transactions.executeWithoutResult(status -> pool.giveBack(sid, taken.phoneNumber(), "US", null));
        assertThat(poolRows(sid)).as("given back twice, one row").singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "AVAILABLE"));

        assertThat(pool.markReleasing(sid)).isTrue();
        transactions.executeWithoutResult(status -> pool.giveBack(sid, taken.phoneNumber(), "US", null));
        assertThat(poolRows(sid)).as("a release in flight is not turned back into stock").singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "RELEASING"));
    }

    @Test
    void aPooledNumberIsReTaggedForThePoolBeforeItIsBackInStockWhenTheOnboardingIsUndone() {
        String orgId = newOrg();
        String sid = stockedNumber("822");
        workers.fail(orgId, RegisterPhoneNumber.class, new StepFailed(StepFailed.INVALID_REQUEST, "rejected", false, "vapi", "400"));

        approve(orgId, "822");
        awaitSaga(orgId, "onboarding", SagaState.COMPENSATED);

        assertThat(sent(orgId, AssignNumber.class)).extracting(AssignNumber::newOwner)
                .containsExactly(NumberOwner.organization(orgId), NumberOwner.pool());
        assertThat(poolRows(sid)).as("back in stock exactly once").singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "AVAILABLE"));
        assertThat(sent(orgId, ReleaseNumber.class)).isEmpty();
    }

    @Test
    void aPooledNumberTakenByAnInboundAiOnThatIsUndoneIsBackInStockExactlyOnce() {
        String orgId = newOrg();
        workers.answer(orgId, AcquireNumber.class, new NumberAcquired("+18265550199", "PN-BOUGHT-" + orgId,
                NumberAcquired.Source.PURCHASED));
        approve(orgId, "826");
        awaitSaga(orgId, "onboarding", SagaState.COMPLETED);
        toggle(orgId, false);
        awaitSaga(orgId, "inbound-ai-off", SagaState.COMPLETED);
        String sid = stockedNumber("826");
        workers.fail(orgId, RegisterPhoneNumber.class, new StepFailed(StepFailed.INVALID_REQUEST, "rejected", false, "vapi", "400"));

        toggle(orgId, true);
        SagaInstance on = awaitSaga(orgId, "inbound-ai-on", SagaState.COMPENSATED);

        assertThat(on.failedStep()).isEqualTo("register-number");
        assertThat(sent(orgId, AssignNumber.class)).filteredOn(a -> a.numberSid().equals(sid))
                .extracting(AssignNumber::newOwner).containsExactly(NumberOwner.organization(orgId), NumberOwner.pool());
        assertThat(poolRows(sid)).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "AVAILABLE"));
    }

    @Test
    void aPooledNumberTwilioSaysIsSomeoneElsesLeavesThePoolInsteadOfFailingTheNextOrganization() {
        String orgId = newOrg();
        String sid = stockedNumber("823");
        workers.fail(orgId, AssignNumber.class, new StepFailed(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION,
                "it belongs to organization other", false, "twilio", null));

        approve(orgId, "823");
        SagaInstance saga = awaitSaga(orgId, "onboarding", SagaState.COMPENSATED);

        assertThat(saga.failedStep()).isEqualTo("assign-pooled-number");
        assertThat(poolRow(sid)).as("no longer in the pool").isNull();
        assertThat(sent(orgId, ReleaseNumber.class)).isEmpty();
    }

    @Test
    void aTrialAccountsOwnNumberIsHandedBackWhenTheLineGoesNeverReleasedNorPooled() {
        String orgId = newOrg();
        workers.answer(orgId, AcquireNumber.class, new NumberAcquired("+18245550100", "PN-TRIAL-" + orgId,
                NumberAcquired.Source.TRIAL_EXISTING));

        approve(orgId, "824");
        awaitSaga(orgId, "onboarding", SagaState.COMPLETED);
        toggle(orgId, false);
        SagaInstance off = awaitSaga(orgId, "inbound-ai-off", SagaState.COMPLETED);

        assertThat(sent(orgId, AssignNumber.class)).singleElement().satisfies(handBack -> {
            assertThat(handBack.numberSid()).isEqualTo("PN-TRIAL-" + orgId);
            assertThat(handBack.expectedOwner()).isEqualTo(NumberOwner.organization(orgId));
            assertThat(handBack.newOwner()).isEqualTo(NumberOwner.unassigned());
        });
        assertThat(sent(orgId, ReleaseNumber.class)).isEmpty();
        assertThat(poolRow("PN-TRIAL-" + orgId)).isNull();
        assertThat(jdbc.queryForList("select step_name, status from saga_step where saga_id = ? and direction = 'ACTION'",
                off.id())).extracting(r -> r.get("step_name") + " " + r.get("status"))
                .contains("hand-back-trial-number SUCCEEDED", "hand-number-to-pool SKIPPED",
                        "return-number-to-pool SKIPPED", "release-number SKIPPED");
        assertThat(jdbc.queryForObject("select number_sid from ai_config where org_id = ?", String.class, orgId)).isNull();
    }
}
