package io.switchboard.adapters.twilio.numbers;

import com.twilio.base.Page;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberCreator;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.twilio.errors.TwilioErrorClassifier;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Twilio number operations the worker needs, on the official SDK, each behind the provider guard. Reads and
 * deletes are retried; the purchase is made once (repeated only after a 429, which Twilio did not process).
 * Every failure leaves here as a classified {@link TwilioFailure} with the token redacted.
 */
public class TwilioNumbers {
    private static final Logger log = LoggerFactory.getLogger(TwilioNumbers.class);
    private static final long TAG_LOOKUP_PAGE_SIZE = 20;

    private final TwilioClients clients;
    private final ProviderGuard guard;
    private final String voiceUrl;

    public TwilioNumbers(TwilioClients clients, ProviderGuard guard, String voiceUrl) {
        this.clients = clients;
        this.guard = guard;
        this.voiceUrl = voiceUrl;
    }

    /** The number bought earlier with this tag, if any (the "look before you buy" of every purchase). */
    public Optional<OwnedNumber> findByTag(TwilioAccount account, String tag) {
        TwilioRestClient client = clients.forAccount(account);
        List<IncomingPhoneNumber> found = guard.withRetry(translated(account, () ->
                IncomingPhoneNumber.reader().setFriendlyName(tag).setPageSize(TAG_LOOKUP_PAGE_SIZE)
                        .firstPage(client).getRecords()));
        // Filter again locally: the tag must match exactly, whatever the server's filter semantics.
        return found.stream().filter(n -> tag.equals(n.getFriendlyName())).map(TwilioNumbers::owned).findFirst();
    }

    /** Voice-capable local numbers for sale in the country (and area code, when given), in Twilio's order. */
    public List<String> searchAvailable(TwilioAccount account, String country, Integer areaCode, int pageSize) {
        TwilioRestClient client = clients.forAccount(account);
        List<Local> available = guard.withRetry(translated(account, () -> {
            var reader = Local.reader(account.accountSid(), country).setVoiceEnabled(true).setPageSize((long) pageSize);
            if (areaCode != null) {
                reader.setAreaCode(areaCode);
            }
            Page<Local> page = reader.firstPage(client);
            return page.getRecords();
        }));
        return available.stream().map(l -> l.getPhoneNumber().toString()).toList();
    }

    /**
     * Buys exactly this number with the tag. Never repeated on a timeout or 5xx: the caller must look the tag up.
     */
    public OwnedNumber purchase(TwilioAccount account, String e164, String tag) {
        TwilioRestClient client = clients.forAccount(account);
        IncomingPhoneNumber bought = guard.onceUnlessRejected(translated(account, () -> {
            IncomingPhoneNumberCreator creator = IncomingPhoneNumber.creator(account.accountSid(), new PhoneNumber(e164))
                    .setFriendlyName(tag);
            if (voiceUrl != null && !voiceUrl.isBlank()) {
                creator.setVoiceUrl(voiceUrl);
            }
            return creator.create(client);
        }));
        log.info("Purchased Twilio number {} sid={} tag={}", bought.getPhoneNumber(), bought.getSid(), tag);
        return owned(bought);
    }

    /** The number with this SID in the account, or empty when Twilio does not know it (released, or another account's). */
    public Optional<OwnedNumber> fetch(TwilioAccount account, String sid) {
        TwilioRestClient client = clients.forAccount(account);
        try {
            return Optional.of(owned(guard.withRetry(translated(account, () ->
                    IncomingPhoneNumber.fetcher(account.accountSid(), sid).fetch(client)))));
        } catch (TwilioFailure e) {
            if (e.kind() == TwilioFailure.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes the number's FriendlyName (its owner tag), nothing else. Setting the same name twice changes nothing, so
     * the call is retried like a read.
     */
    public OwnedNumber retag(TwilioAccount account, String sid, String friendlyName) {
        TwilioRestClient client = clients.forAccount(account);
        IncomingPhoneNumber updated = guard.withRetry(translated(account, () ->
                IncomingPhoneNumber.updater(account.accountSid(), sid).setFriendlyName(friendlyName).update(client)));
        log.info("Re-tagged Twilio number {} sid={} tag={}", updated.getPhoneNumber(), updated.getSid(), friendlyName);
        return owned(updated);
    }

    /** Any number the account already owns (a trial account's single number). */
    public Optional<OwnedNumber> anyOwned(TwilioAccount account) {
        TwilioRestClient client = clients.forAccount(account);
        List<IncomingPhoneNumber> owned = guard.withRetry(translated(account, () ->
                IncomingPhoneNumber.reader(account.accountSid()).setPageSize(1L).firstPage(client).getRecords()));
        return owned.stream().findFirst().map(TwilioNumbers::owned);
    }

    /** @return {@code false} when Twilio no longer knew the number (already released) */
    public boolean release(TwilioAccount account, String sid) {
        TwilioRestClient client = clients.forAccount(account);
        try {
            guard.withRetry(translated(account, () -> IncomingPhoneNumber.deleter(account.accountSid(), sid).delete(client)));
            return true;
        } catch (TwilioFailure e) {
            if (e.kind() == TwilioFailure.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static OwnedNumber owned(IncomingPhoneNumber number) {
        return new OwnedNumber(number.getSid(), number.getPhoneNumber().toString(), number.getFriendlyName());
    }

    private static <T> Supplier<T> translated(TwilioAccount account, Supplier<T> call) {
        return () -> {
            try {
                return call.get();
            } catch (TwilioException e) {
                TwilioFailure failure = TwilioErrorClassifier.classify(e);
                throw new TwilioFailure(failure.kind(), failure.httpStatus(), failure.twilioCode(),
                        account.redact(failure.getMessage()), null, failure.retryAfter().orElse(null));
            }
        };
    }
}
