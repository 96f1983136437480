package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.lines.CleanupSaga;
import io.switchboard.orchestrator.lines.InboundAiOffSaga;
import io.switchboard.orchestrator.lines.InboundAiOnSaga;
import io.switchboard.orchestrator.lines.AddNumberSaga;
import io.switchboard.orchestrator.lines.LineData;
import io.switchboard.orchestrator.lines.LineNumber;
import io.switchboard.orchestrator.lines.LineNumbers;
import io.switchboard.orchestrator.lines.NumberAssistantLinkData;
import io.switchboard.orchestrator.lines.NumberAssistantLinkSaga;
import io.switchboard.orchestrator.lines.NumberLinks;
import io.switchboard.orchestrator.lines.RemoveNumberSaga;
import io.switchboard.orchestrator.onboarding.FreeNumberActivationData;
import io.switchboard.orchestrator.onboarding.FreeNumberActivationSaga;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.organizations.OrganizationRecord;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;

import java.util.List;
import java.util.Optional;

/**
 * Decides which saga, if any, a queued event or ops request starts, given what the organization has when its turn
 * comes (not when it arrived: an earlier saga may have changed everything).
 */
public class SagaLauncher {
    private final AiConfigRepository configs;
    private final SagaStore sagas;
    private final Organizations organizations;
    private final NumberProperties numbers;
    private final JsonCodec codec;
    private final AssistantUpdatePlanner assistantUpdates;
    private final LineNumbers lineNumbers;

    public SagaLauncher(AiConfigRepository configs, SagaStore sagas, Organizations organizations,
                        NumberProperties numbers, JsonCodec codec, AssistantUpdatePlanner assistantUpdates,
                        LineNumbers lineNumbers) {
        this.configs = configs;
        this.sagas = sagas;
        this.organizations = organizations;
        this.numbers = numbers;
        this.codec = codec;
        this.assistantUpdates = assistantUpdates;
        this.lineNumbers = lineNumbers;
    }

    /**
     * Decides an {@link OpsRequest.UpdateAssistants} for a line with assistants when its turn comes: the assistant
     * templates' plan (implemented outside the intake, which knows nothing of templates).
     */
    public interface AssistantUpdatePlanner {
        Decision plan(OpsRequest.UpdateAssistants request);
    }

    public sealed interface Decision permits Start, Before, Ignore {
    }

    /** @param action what the saga will do, for people (a batch's dry run); {@code null}: its type says it */
    public record Start(String sagaType, Object data, String action) implements Decision {
        public Start(String sagaType, Object data) {
            this(sagaType, data, null);
        }
    }

    public record Ignore(String reason) implements Decision {
    }

    /**
     * A saga that has to run before the event can be decided (an additional number removed before the line goes):
     * started, while the event keeps its place in the queue and is decided again when that saga has ended.
     */
    public record Before(String sagaType, Object data, String reason) implements Decision {
    }

    public Decision decide(Object event) {
        if (event instanceof OrganizationApproved approved) {
            return onApproved(approved);
        } else if (event instanceof InboundAiChanged toggle) {
            return toggle.inboundAi() ? onInboundAiOn(toggle) : onInboundAiOff(toggle);
        } else if (event instanceof OpsRequest.RetrySetup retry) {
            return onRetrySetup(retry);
        } else if (event instanceof OpsRequest.Cleanup cleanup) {
            return onCleanup(cleanup);
        } else if (event instanceof OpsRequest.AwaitFreeNumber await) {
            return onAwaitFreeNumber(await);
        } else if (event instanceof OpsRequest.LinkNumberAssistant link) {
            return onLinkNumberAssistant(link);
        } else if (event instanceof OpsRequest.UpdateAssistants update) {
            return onUpdateAssistants(update);
        } else if (event instanceof OpsRequest.AddNumber add) {
            return onAddNumber(add);
        } else if (event instanceof OpsRequest.RemoveNumber remove) {
            return onRemoveNumber(remove);
        }
        throw new IllegalArgumentException("No saga for " + event.getClass().getSimpleName());
    }

    private Decision onApproved(OrganizationApproved approved) {
        if (!approved.verified()) {
            return new Ignore("organization status is '" + approved.status() + "'; onboarding starts once it is verified");
        }
        Optional<AiConfig> existing = configs.findById(approved.orgId());
        if (existing.isPresent()) {
            AiConfig config = existing.get();
            return new Ignore("already onboarded: number " + config.phoneNumber() + ", assistants "
                    + config.inboundAssistantId() + " / " + config.outboundAssistantId() + ", status " + config.status());
        }
        if (NumberSources.OWN_NUMBER.equals(approved.effectiveNumberSource()) && blank(approved.twilioCredentialId())) {
            return ownNumberWithoutAccount("OrganizationApproved");
        }
        return new Start(OnboardingSaga.TYPE, OnboardingData.from(approved));
    }

    private Decision onInboundAiOn(InboundAiChanged toggle) {
        Optional<AiConfig> config = configs.findById(toggle.orgId());
        if (config.isEmpty()) {
            return setUpForToggle(toggle);
        }
        if (AiConfig.ACTIVE.equals(config.get().status())) {
            return new Ignore("inboundAi=true and the line is already active");
        }
        if (AiConfig.ACTIVATION_PENDING.equals(config.get().status())) {
            return new Ignore("inboundAi=true and the line is set up: its free VAPI number is still activating, and "
                    + "a later poll fills its digits in");
        }
        String source = toggle.effectiveNumberSource();
        if (NumberSources.NONE.equals(source)) {
            return new Ignore("inboundAi=true with numberSource 'none': turning a line on again gets it a number "
                    + "(pool_first, force_twilio, own_number or vapi_free); omit numberSource for the line's own choice");
        }
        LineData line = LineData.of(config.get()).withNumberChoice(source, toggle.ownNumber());
        if (line.claimsOwnNumber() && blank(line.twilioCredentialId())) {
            return ownNumberWithoutAccount("inboundAi=true");
        }
        return new Start(InboundAiOnSaga.TYPE, line);
    }

    /**
     * Inbound AI switched on for an organization that never had a setup (or whose onboarding failed and was undone):
     * it gets one — both assistants and a number — by an onboarding, named and emailed with what this event or an
     * earlier one said (the intake recorded both before this decision). Without a name or an owner's address it
     * starts nothing, and the reason goes out on the saga-events topic.
     */
    private Decision setUpForToggle(InboundAiChanged toggle) {
        Optional<OrganizationRecord> known = organizations.find(toggle.orgId());
        String name = known.map(OrganizationRecord::companyName).orElse(toggle.orgName());
        String email = known.map(OrganizationRecord::ownerEmail).orElse(toggle.ownerEmail());
        if (name == null || email == null) {
            String missing = name == null && email == null ? "orgName and ownerEmail" : name == null ? "orgName" : "ownerEmail";
            return new Ignore("inboundAi=true for an organization that never had an AI setup, but neither this event "
                    + "nor an earlier OrganizationApproved gave its " + missing + ": send " + missing
                    + " with InboundAiChanged (or approve the organization) to set it up");
        }
        if (known.map(OrganizationRecord::status).filter("rejected"::equals).isPresent()) {
            return new Ignore("inboundAi=true, but the organization's latest OrganizationApproved says status "
                    + "'rejected': nothing is set up for a rejected organization");
        }
        if (NumberSources.NONE.equals(toggle.effectiveNumberSource())) {
            return new Ignore("inboundAi=true asks for a working line, and numberSource 'none' gives it no number; "
                    + "send another numberSource (or none at all for the default)");
        }
        Optional<SagaInstance> parked = lastOnboardingSaga(toggle.orgId()).filter(s -> s.state() == SagaState.FAILED);
        if (parked.isPresent()) {
            return new Ignore("inboundAi=true, but onboarding " + parked.get().id() + " failed and could not undo what "
                    + "it created; POST /api/v1/organizations/" + toggle.orgId() + "/retry-ai-setup removes it and sets "
                    + "the organization up");
        }
        String credential = known.map(OrganizationRecord::twilioCredentialId).orElse(null);
        if (NumberSources.OWN_NUMBER.equals(toggle.effectiveNumberSource()) && blank(credential)) {
            return ownNumberWithoutAccount("inboundAi=true");
        }
        String country = known.map(OrganizationRecord::country).orElse(numbers.defaultCountry());
        return new Start(OnboardingSaga.TYPE, OnboardingData.start(toggle.orgId(), name, email, country,
                known.map(OrganizationRecord::areaCode).orElse(null),
                credential, toggle.effectiveNumberSource(), toggle.ownNumber()));
    }

    private Decision onInboundAiOff(InboundAiChanged toggle) {
        Optional<AiConfig> config = configs.findById(toggle.orgId());
        if (config.isEmpty()) {
            return new Ignore("inboundAi=false and the organization has no AI setup");
        }
        AiConfig c = config.get();
        Optional<Decision> additional = removeAdditionalNumbersFirst(c, "inboundAi=false");
        if (additional.isPresent()) {
            return additional.get();
        }
        if (AiConfig.INACTIVE.equals(c.status()) && c.numberSid() == null && c.vapiPhoneNumberId() == null) {
            return new Ignore("inboundAi=false and the line is already inactive");
        }
        return new Start(InboundAiOffSaga.TYPE, LineData.of(c));
    }

    private Decision onRetrySetup(OpsRequest.RetrySetup retry) {
        if (configs.existsById(retry.orgId())) {
            return new Ignore("retry-ai-setup: the organization already has an AI setup; clean it up first");
        }
        Optional<SagaInstance> failed = lastOnboardingSaga(retry.orgId()).filter(s -> s.state() == SagaState.FAILED);
        if (failed.isPresent()) {
            // The retry resumed that onboarding's undo before queueing; it failed again, so resources may remain.
            return new Ignore("retry-ai-setup: onboarding " + failed.get().id() + " failed and could not undo what it "
                    + "created (" + failed.get().failedStep() + ": " + failed.get().failureReason() + "); nothing new is "
                    + "started beside its leftovers. Fix the cause, then retry again (or replay that saga)");
        }
        return lastOnboarding(retry.orgId())
                .map(previous -> previous.retryWith(retry.country(), retry.areaCode(), retry.numberSource(),
                        retry.ownNumber()))
                .<Decision>map(data -> data.claimsOwnNumber() && blank(data.twilioCredentialId())
                        ? ownNumberWithoutAccount("retry-ai-setup") : new Start(OnboardingSaga.TYPE, data))
                .orElseGet(() -> new Ignore("retry-ai-setup: the organization was never onboarded"));
    }

    private Decision onCleanup(OpsRequest.Cleanup cleanup) {
        return configs.findById(cleanup.orgId())
                .map(config -> removeAdditionalNumbersFirst(config, "cleanup")
                        .orElseGet(() -> new Start(CleanupSaga.TYPE, LineData.of(config))))
                .orElseGet(() -> new Ignore("cleanup: the organization has no AI setup"));
    }

    /**
     * A line goes with all its numbers: each additional one is removed first (a remove-number saga each, the event
     * waiting behind them). One whose removal already ran and did not finish stops the event with a visible reason
     * instead of trying it again and again.
     */
    private Optional<Decision> removeAdditionalNumbersFirst(AiConfig config, String what) {
        List<LineNumber> additional = lineNumbers.of(config.orgId());
        if (additional.isEmpty()) {
            return Optional.empty();
        }
        LineNumber next = additional.get(0);
        if (LineNumber.REMOVING.equals(next.status()) || removalEndedUnfinished(next)) {
            return Optional.of(new Ignore(what + ": the removal of the organization's number " + next.phoneNumber()
                    + " (" + next.numberSid() + ") did not finish; replay its remove-number saga (or DELETE …/numbers/"
                    + next.numberSid() + " again), then send this again"));
        }
        return Optional.of(new Before(RemoveNumberSaga.TYPE, next.asLineData(config.orgName(), config.ownerEmail()),
                what + " takes every number of the line: removing " + next.phoneNumber() + " first ("
                        + additional.size() + " additional number(s) left)"));
    }

    private boolean removalEndedUnfinished(LineNumber number) {
        return sagas.ofOrgIn(number.orgId(), List.of(SagaState.FAILED, SagaState.COMPENSATED)).stream()
                .anyMatch(s -> RemoveNumberSaga.TYPE.equals(s.sagaType()) && !s.createdAt().isBefore(number.createdAt())
                        && s.dataJson() != null && s.dataJson().contains(number.numberSid()));
    }

    /** Decided again at its turn: the line may have changed, or reached its number limit, since it was queued. */
    private Decision onAddNumber(OpsRequest.AddNumber add) {
        String what = "add a number: ";
        Optional<AiConfig> found = configs.findById(add.orgId());
        if (found.isEmpty() || !AiConfig.ACTIVE.equals(found.get().status())) {
            return new Ignore(what + "the organization has no active line (any more)" + found.map(c -> "; its line is "
                    + c.status()).orElse(""));
        }
        AiConfig config = found.get();
        String assistant = add.assistantId() == null ? config.inboundAssistantId() : add.assistantId();
        if (assistant == null || (!assistant.equals(config.inboundAssistantId())
                && !assistant.equals(config.outboundAssistantId()))) {
            return new Ignore(what + "assistant " + assistant + " is not one of the organization's assistants (any more)");
        }
        Optional<String> refusal = lineNumbers.whyNoMoreNumbers(config);
        if (refusal.isPresent()) {
            return new Ignore(what + refusal.get());
        }
        LineData data = LineData.forAdditionalNumber(config, assistant, add.areaCode())
                .withNumberChoice(add.numberSource(), add.ownNumber());
        if (data.claimsOwnNumber() && blank(data.twilioCredentialId())) {
            return ownNumberWithoutAccount("add a number");
        }
        if (data.claimsOwnNumber() && isOneOfTheLinesNumbers(config, add.ownNumber())) {
            return new Ignore(what + add.ownNumber() + " is already one of the organization's numbers");
        }
        return new Start(AddNumberSaga.TYPE, data);
    }

    private boolean isOneOfTheLinesNumbers(AiConfig config, String number) {
        return number.equals(config.numberSid()) || number.equals(config.phoneNumber())
                || lineNumbers.of(config.orgId()).stream()
                .anyMatch(n -> number.equals(n.numberSid()) || number.equals(n.phoneNumber()));
    }

    private Decision onRemoveNumber(OpsRequest.RemoveNumber remove) {
        Optional<AiConfig> config = configs.findById(remove.orgId());
        return lineNumbers.find(remove.orgId(), remove.numberId())
                .<Decision>map(n -> new Start(RemoveNumberSaga.TYPE, n.asLineData(
                        config.map(AiConfig::orgName).orElse(null), config.map(AiConfig::ownerEmail).orElse(null))))
                .orElseGet(() -> new Ignore("remove number " + remove.numberId() + ": the organization has no such "
                        + "additional number (any more)"));
    }

    private Decision onAwaitFreeNumber(OpsRequest.AwaitFreeNumber await) {
        return configs.findById(await.orgId())
                .filter(c -> AiConfig.ACTIVATION_PENDING.equals(c.status()) && c.vapiPhoneNumberId() != null)
                .<Decision>map(c -> new Start(FreeNumberActivationSaga.TYPE, new FreeNumberActivationData(c.orgId(),
                        c.orgName(), c.ownerEmail(), c.vapiPhoneNumberId(), null,
                        c.setupDate() == null ? null : c.setupDate().toString())))
                .orElseGet(() -> new Ignore("free number check: the line is no longer waiting for its free number"));
    }

    /** Planned now, not when queued: the version in effect at the organization's turn is the one applied. */
    private Decision onUpdateAssistants(OpsRequest.UpdateAssistants update) {
        Optional<AiConfig> config = configs.findById(update.orgId());
        if (config.isEmpty()) {
            return new Ignore("update-assistants: the organization has no line (no AI setup), so no assistants to "
                    + "update");
        }
        if (config.get().inboundAssistantId() == null && config.get().outboundAssistantId() == null) {
            return new Ignore("update-assistants: the line (status " + config.get().status() + ") has no assistants "
                    + "to update");
        }
        return assistantUpdates.plan(update);
    }

    /** Decided again at its turn: a saga queued before it may have changed the line. */
    private Decision onLinkNumberAssistant(OpsRequest.LinkNumberAssistant link) {
        Optional<AiConfig> found = configs.findById(link.orgId());
        String what = "link number " + link.numberId() + " to assistant " + link.assistantId() + ": ";
        Optional<LineNumber> additional = lineNumbers.find(link.orgId(), link.numberId());
        if (found.isPresent() && additional.isPresent()) {
            return linkAdditional(found.get(), additional.get(), link, what);
        }
        if (found.isEmpty() || NumberLinks.numberIdOf(found.get()).filter(link.numberId()::equals).isEmpty()) {
            return new Ignore(what + "the organization's line has no such number (any more)");
        }
        AiConfig config = found.get();
        if (!link.assistantId().equals(config.inboundAssistantId())
                && !link.assistantId().equals(config.outboundAssistantId())) {
            return new Ignore(what + "that is not one of the organization's assistants (any more)");
        }
        Optional<String> notLinkable = NumberLinks.whyNotLinkable(config);
        if (notLinkable.isPresent()) {
            return new Ignore(what + notLinkable.get());
        }
        if (link.assistantId().equals(config.numberAssistantId())) {
            return new Ignore(what + "the number is bound to that assistant already");
        }
        return new Start(NumberAssistantLinkSaga.TYPE, new NumberAssistantLinkData(config.orgId(), link.numberId(),
                config.phoneNumber(), config.vapiPhoneNumberId(), config.numberAssistantId(), link.assistantId()));
    }

    private Decision linkAdditional(AiConfig config, LineNumber number, OpsRequest.LinkNumberAssistant link,
                                    String what) {
        if (!link.assistantId().equals(config.inboundAssistantId())
                && !link.assistantId().equals(config.outboundAssistantId())) {
            return new Ignore(what + "that is not one of the organization's assistants (any more)");
        }
        if (!LineNumber.ACTIVE.equals(number.status())) {
            return new Ignore(what + "the number is being removed");
        }
        if (link.assistantId().equals(number.assistantId())) {
            return new Ignore(what + "the number is bound to that assistant already");
        }
        return new Start(NumberAssistantLinkSaga.TYPE, new NumberAssistantLinkData(config.orgId(), number.numberSid(),
                number.phoneNumber(), number.vapiPhoneNumberId(), number.assistantId(), link.assistantId()));
    }

    private static Ignore ownNumberWithoutAccount(String what) {
        return new Ignore(what + " asks for numberSource own_number, but names no twilioCredentialId: a number the "
                + "organization owns lives in its own Twilio account, so register that account (POST …/twilio-"
                + "credentials) and send its credentialId");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The organization's most recent onboarding. */
    public Optional<SagaInstance> lastOnboardingSaga(String orgId) {
        return sagas.ofOrg(orgId).stream()
                .filter(s -> OnboardingSaga.TYPE.equals(s.sagaType()))
                .findFirst();
    }

    /** The data of the organization's most recent onboarding, the basis of a retry. */
    public Optional<OnboardingData> lastOnboarding(String orgId) {
        return lastOnboardingSaga(orgId)
                .map(SagaInstance::dataJson)
                .map(json -> codec.decodeLenient(json, OnboardingData.class));
    }
}
