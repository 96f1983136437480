package io.switchboard.adapters.twilio.handlers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.credentials.twilio.TwilioAccounts;
import io.switchboard.credentials.twilio.UnknownCredentialException;
import io.switchboard.adapters.twilio.errors.FailureReplies;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.PurchaseTag;
import io.switchboard.adapters.twilio.numbers.TwilioNumbers;
import io.switchboard.contracts.commands.AcquireNumber;
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
 * Buys a number for the organization, at most once per requestId:
 * <ol>
 *   <li>adopt a number already tagged with this request (an earlier delivery bought it);</li>
 *   <li>search voice-capable numbers by country and area code;</li>
 *   <li>purchase a specific candidate with the tag; the next candidate when it is taken (21422);</li>
 *   <li>if the purchase's outcome is unknown (timeout, 5xx, connection error) look the tag up before anything
 *       else, and if nothing is found answer "retryable" rather than buy again — the next attempt looks first.</li>
 * </ol>
 * A trial account's one-number limit becomes the account's existing number when the saga allows it.
 */
public class AcquireNumberHandler implements CommandHandler<AcquireNumber> {
    private static final Logger log = LoggerFactory.getLogger(AcquireNumberHandler.class);

    private final TwilioAccounts accounts;
    private final TwilioNumbers numbers;
    private final String tagPrefix;
    private final int searchPageSize;
    private final int maxCandidates;

    public AcquireNumberHandler(TwilioAccounts accounts, TwilioNumbers numbers, String tagPrefix,
                                int searchPageSize, int maxCandidates) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.tagPrefix = tagPrefix;
        this.searchPageSize = searchPageSize;
        this.maxCandidates = maxCandidates;
    }

    @Override
    public Reply handle(AcquireNumber command, CommandContext context) {
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
        String tag = PurchaseTag.of(tagPrefix, command.requestId());
        try {
            return acquire(command, account, areaCode, tag);
        } catch (TwilioFailure e) {
            log.warn("Acquiring a number failed: {} {} {}", e.kind(), e.providerCode(), e.getMessage());
            return FailureReplies.of(e, "Twilio number acquisition failed");
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return FailureReplies.refused(e);
        }
    }

    private Reply acquire(AcquireNumber command, TwilioAccount account, Integer areaCode, String tag) {
        Optional<OwnedNumber> adopted = numbers.findByTag(account, tag);
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
                        return trialLimit(command, account, e);
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

    private Reply trialLimit(AcquireNumber command, TwilioAccount account, TwilioFailure cause) {
        if (command.allowTrialFallback()) {
            Optional<OwnedNumber> existing = numbers.anyOwned(account);
            if (existing.isPresent()) {
                log.info("Trial account limit ({}): reusing the account's existing number {}",
                        cause.providerCode(), existing.get().phoneNumber());
                return new NumberAcquired(existing.get().phoneNumber(), existing.get().sid(), NumberAcquired.Source.TRIAL_EXISTING);
            }
        }
        return FailureReplies.of(cause, "Twilio trial account number limit");
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
