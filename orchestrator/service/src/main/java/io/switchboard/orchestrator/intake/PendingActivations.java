package io.switchboard.orchestrator.intake;

import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.saga.persistence.ActiveSagas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code switchboard.numbers.pending-activation-check-interval}, queues a {@code free-number-activation} saga
 * for each line whose free VAPI number is still activating — unless the organization is running a saga or already
 * has such a look waiting (a line being turned off or cleaned up is not looked at meanwhile).
 */
public class PendingActivations {
    private static final Logger log = LoggerFactory.getLogger(PendingActivations.class);

    private final AiConfigRepository configs;
    private final ActiveSagas activeSagas;
    private final OrgEventQueue queue;
    private final OrganizationEventIntake intake;
    private final TransactionTemplate transactions;

    public PendingActivations(AiConfigRepository configs, ActiveSagas activeSagas, OrgEventQueue queue,
                              OrganizationEventIntake intake, TransactionTemplate transactions) {
        this.configs = configs;
        this.activeSagas = activeSagas;
        this.queue = queue;
        this.intake = intake;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${switchboard.numbers.pending-activation-check-interval:5m}",
            initialDelayString = "${switchboard.numbers.pending-activation-check-interval:5m}")
    public void lookAgain() {
        List<String> queued = lookAgainNow();
        if (!queued.isEmpty()) {
            log.info("Looking again at the free VAPI numbers of {} activation-pending line(s)", queued.size());
        }
    }

    /** @return the organizations a look was queued for */
    public List<String> lookAgainNow() {
        List<String> queued = new ArrayList<>();
        for (String orgId : configs.findActivationPending()) {
            transactions.executeWithoutResult(status -> {
                if (!activeSagas.any(orgId) && !queue.hasPending(orgId, OpsRequest.AwaitFreeNumber.TYPE)) {
                    intake.accept(new OpsRequest.AwaitFreeNumber(orgId));
                    queued.add(orgId);
                }
            });
        }
        return queued;
    }
}
