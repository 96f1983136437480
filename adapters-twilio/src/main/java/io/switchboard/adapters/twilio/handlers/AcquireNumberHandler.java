package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.LegacyTag;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.twilio.numbers.PostgresTrialClaimLock;
import io.switchboard.adapters.twilio.numbers.TrialClaimLock;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Buys a number for the organization (or the pool), at most once per requestId:
 * <ol>
 *   <li>adopt a number already tagged for this request (an earlier delivery bought it; an older worker's
 *       {@code sb:<requestId>} tag counts too);</li>
 *   <li>search voice-capable numbers by country and area code;</li>
 *   <li>purchase a specific candidate with the owner tag ({@link OwnerTag}); the next candidate when it is taken
 *       (21422);</li>
 *   <li>if the purchase's outcome is unknown (timeout, 5xx, connection error) look the tag up before anything
 *       else, and if nothing is found answer "retryable" rather than buy again — the next attempt looks first.</li>
 * </ol>
 * A trial account's one-number limit becomes the account's existing number when the saga allows it — claimed for
 * this organization by re-tagging it, and only when no other organization's line uses it.
 */
public class AcquireNumberHandler implements CommandHandler<AcquireNumber> {
    private static final Logger log = LoggerFactory.getLogger(AcquireNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;
    private final String legacyTagPrefix;
    private final int searchPageSize;
    private final int maxCandidates;
    private final TrialClaimLock trialClaims;

    /**
     * @param legacyTagPrefix prefix of the tags numbers were bought with before owner tags ({@link LegacyTag})
     * @param trialClaims     one claim of a trial account's number at a time, across the workers that share it
     */
    public AcquireNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers, String legacyTagPrefix,
                                int searchPageSize, int maxCandidates, TrialClaimLock trialClaims) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.legacyTagPrefix = legacyTagPrefix;
        this.searchPageSize = searchPageSize;
        this.maxCandidates = maxCandidates;
        this.trialClaims = trialClaims;
    }

    @Override
    public Reply handle(AcquireNumber command, CommandContext context) {
        NumberOwner owner = command.ownerOrOrganization();
        Optional<StepFailed> misaddressed = CommandOwners.refuseForeign(command.orgId(), owner);
        if (misaddressed.isPresent()) {
            return misaddressed.get();
        }
        if (owner.kind() == NumberOwner.Kind.UNASSIGNED) {
            return new StepFailed(StepFailed.INVALID_REQUEST, "a number is bought for an organization or the pool",
                    false, FailureReplies.PROVIDER, null);
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return FailureReplies.unknownCredential(e.getMessage());
        }
        Integer areaCode;
        try {
            areaCode = parseAreaCode(command.areaCode());
        } catch (IllegalArgumentException e) {
            return new StepFailed(StepFailed.INVALID_REQUEST, e.getMessage(), false, FailureReplies.PROVIDER, null);
        }
        String tag = OwnerTag.boughtFor(owner, command.requestId()).friendlyName();
        try {
            return acquire(command, owner, account, areaCode, tag);
        } catch (TwilioFailure e) {
            log.warn("Acquiring a number failed: {} {} {}", e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio number acquisition failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }

    /**
     * A number an earlier delivery of this request bought (its answer lost with its worker), or the trial account's
     * number it claimed: found by the tags it wrote, read only.
     */
    @Override
    public Optional<Reply> earlierEffect(AcquireNumber command, CommandContext context) {
        NumberOwner owner = command.ownerOrOrganization();
        if (CommandOwners.refuseForeign(command.orgId(), owner).isPresent() || owner.kind() == NumberOwner.Kind.UNASSIGNED) {
            return Optional.empty();
        }
        TwilioAccount account;
        try {
            account = accounts.resolve(command.orgId(), command.twilioCredentialId());
        } catch (UnknownCredentialException e) {
            return Optional.empty();
        }
        Optional<Reply> bought = numbers.findByTag(account, OwnerTag.boughtFor(owner, command.requestId()).friendlyName())
                .or(() -> boughtByAnOlderWorker(command, account)).map(AcquireNumberHandler::purchased);
        if (bought.isPresent() || owner.kind() != NumberOwner.Kind.ORGANIZATION) {
            return bought;
        }
        return numbers.findByTag(account, OwnerTag.lentTo(command.orgId(), command.requestId()).friendlyName())
                .map(n -> new NumberAcquired(n.phoneNumber(), n.sid(), NumberAcquired.Source.TRIAL_EXISTING));
    }

    private Reply acquire(AcquireNumber command, NumberOwner owner, TwilioAccount account, Integer areaCode, String tag) {
        Optional<OwnedNumber> adopted = numbers.findByTag(account, tag).or(() -> boughtByAnOlderWorker(command, account));
        if (adopted.isPresent()) {
            log.info("Adopting number {} already bought for this request (tag {})", adopted.get().phoneNumber(), tag);
            return purchased(adopted.get());
        }
        String country = command.country() == null || command.country().isBlank() ? "US" : command.country().toUpperCase();
        List<String> candidates = numbers.searchAvailable(account, country, areaCode, searchPageSize);
        if (candidates.isEmpty()) {
            return new StepFailed(StepFailed.NO_NUMBERS_AVAILABLE,
                    "Twilio has no voice-capable numbers in " + country + (areaCode == null ? "" : " area code " + areaCode),
                    false, FailureReplies.PROVIDER, null);
        }
        TwilioFailure lastTaken = null;
        for (String candidate : candidates.subList(0, Math.min(maxCandidates, candidates.size()))) {
            try {
                return purchased(numbers.purchase(account, candidate, tag));
            } catch (TwilioFailure e) {
                switch (e.kind()) {
                    case NUMBER_UNAVAILABLE -> {
                        log.info("Candidate {} is no longer available ({}), trying the next", candidate, e.providerCode());
                        lastTaken = e;
                    }
                    case TRIAL_LIMIT -> {
                        return trialLimit(command, owner, account, e);
                    }
                    case CONNECTION, SERVER_ERROR -> {
                        return reconcile(account, tag, candidate, e);
                    }
                    default -> throw e;
                }
            }
        }
        return new StepFailed(StepFailed.NO_NUMBERS_AVAILABLE,
                "All " + Math.min(maxCandidates, candidates.size()) + " candidate numbers were taken before purchase: "
                        + lastTaken.getMessage(),
                true, FailureReplies.PROVIDER, lastTaken.providerCode());
    }

    /** The purchase may or may not have happened: only the tag can tell. Never POST again from here. */
    private Reply reconcile(TwilioAccount account, String tag, String candidate, TwilioFailure cause) {
        log.warn("Purchase of {} has an unknown outcome ({}: {}); looking up tag {}",
                candidate, cause.kind(), cause.getMessage(), tag);
        Optional<OwnedNumber> found = numbers.findByTag(account, tag);
        if (found.isPresent()) {
            log.info("The purchase went through: adopting {} sid={}", found.get().phoneNumber(), found.get().sid());
            return purchased(found.get());
        }
        return FailureReplies.of(cause, "Twilio purchase outcome unknown and no number carries tag " + tag
                + " yet; the next attempt looks it up again before buying");
    }

    /**
     * A number bought for this request under the tag used before owner tags, by a worker of an older version (its
     * reply lost, or the saga retried after the upgrade). Adopted like any earlier purchase, never bought twice.
     */
    private Optional<OwnedNumber> boughtByAnOlderWorker(AcquireNumber command, TwilioAccount account) {
        if (legacyTagPrefix == null || legacyTagPrefix.isBlank()) {
            return Optional.empty();
        }
        return numbers.findByTag(account, LegacyTag.of(legacyTagPrefix, command.requestId()));
    }

    /**
     * The account may hold one number and holds it already. The organization gets it only when nobody else's line
     * uses it: unassigned (handed back), never tagged by Switchboard (the account's own trial number), or already
     * this organization's. Claiming it re-tags it, so the next organization sees whose it is. The pool never claims.
     * Which number is the trial's own is decided on every number the account holds ({@link TrialAccountNumber}).
     */
    private Reply trialLimit(AcquireNumber command, NumberOwner owner, TwilioAccount account, TwilioFailure cause) {
        if (!command.allowTrialFallback() || owner.kind() != NumberOwner.Kind.ORGANIZATION) {
            return FailureReplies.of(cause, "Twilio trial account number limit");
        }
        try {
            // Read and re-tag under the account's claim lock: two claims at once must not both see "nobody".
            return trialClaims.exclusively(account.accountSid(), () -> claimTrialNumber(command, account, cause));
        } catch (PostgresTrialClaimLock.TrialClaimBusyException e) {
            return new StepFailed(StepFailed.PROVIDER_UNAVAILABLE, "Trial account number not claimed: " + e.getMessage(),
                    true, FailureReplies.PROVIDER, cause.providerCode());
        }
    }

    private Reply claimTrialNumber(AcquireNumber command, TwilioAccount account, TwilioFailure cause) {
        List<OwnedNumber> owned = numbers.allOwned(account);
        Optional<OwnedNumber> existing = TrialAccountNumber.among(owned, command.orgId(), legacyTagPrefix);
        if (existing.isEmpty()) {
            return FailureReplies.of(cause, "Twilio trial account number limit" + (owned.isEmpty() ? ""
                    : "; none of the account's " + owned.size() + " numbers is recognisably its own trial number"));
        }
        OwnedNumber number = existing.get();
        OwnerTag current = OwnerTag.parse(number.friendlyName(), legacyTagPrefix);
        if (!current.claimableBy(command.orgId())) {
            log.warn("Trial account limit ({}): its only number {} serves {}; not taking it for {}",
                    cause.providerCode(), number.phoneNumber(), current.describe(), command.orgId());
            return new StepFailed(StepFailed.TRIAL_NUMBER_IN_USE, "The Twilio trial account's only number "
                    + number.phoneNumber() + " serves " + current.describe() + "; it is not taken from that line "
                    + "(it is free again once that line is turned off or cleaned up)", false, FailureReplies.PROVIDER,
                    cause.providerCode());
        }
        String loan = OwnerTag.lentTo(command.orgId(), command.requestId()).friendlyName();
        if (!loan.equals(number.friendlyName())) {
            numbers.retag(account, number.sid(), loan);
        }
        log.info("Trial account limit ({}): the account's own number {} now serves {} (was: {})",
                cause.providerCode(), number.phoneNumber(), command.orgId(), current.describe());
        return new NumberAcquired(number.phoneNumber(), number.sid(), NumberAcquired.Source.TRIAL_EXISTING);
    }

    private static NumberAcquired purchased(OwnedNumber number) {
        return new NumberAcquired(number.phoneNumber(), number.sid(), NumberAcquired.Source.PURCHASED);
    }

    static Integer parseAreaCode(String areaCode) {
        if (areaCode == null || areaCode.isBlank()) {
            return null;
        }
        String trimmed = areaCode.trim();
        if (!trimmed.matches("\\d{3}")) {
            throw new IllegalArgumentException("area code must be 3 digits, got '" + trimmed + "'");
        }
        return Integer.valueOf(trimmed);
    }
}
