package io.switchboard.adapters.twilio.numbers;

import com.twilio.base.Page;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberCreator;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberReader;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.twilio.errors.TwilioErrorClassifier;
import io.switchboard.adapters.twilio.errors.TwilioFailure;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Twilio number operations the worker needs, on the official SDK, each behind the provider guard. Reads and
 * deletes are retried; the purchase is made once (repeated only after a 429, which Twilio did not process).
 * Lists are read to their last page, so no answer depends on how many numbers the account holds.
 * Every failure leaves here as a classified {@link TwilioFailure} with the token redacted.
 */
public class TwilioNumbers {
    private static final Logger log = LoggerFactory.getLogger(TwilioNumbers.class);
    /** The default of {@code switchboard.twilio.numbers.max-list-pages}: 100 pages of 1000, 100,000 numbers. */
    public static final int DEFAULT_MAX_LIST_PAGES = 100;
    /** An exact FriendlyName filter matches one number; a page of 20 leaves room, and more pages are followed. */
    private static final long TAG_LOOKUP_PAGE_SIZE = 20;
    /** Twilio's largest PageSize: a whole account in the fewest calls. */
    private static final long ACCOUNT_PAGE_SIZE = 1000;

    private final TwilioClients clients;
    private final ProviderGuard guard;
    private final String voiceUrl;
    private final int maxListPages;

    /** @param maxListPages pages one list may take before the call fails instead of reading on */
    public TwilioNumbers(TwilioClients clients, ProviderGuard guard, String voiceUrl, int maxListPages) {
        if (maxListPages < 1) {
            throw new IllegalArgumentException("max-list-pages must be at least 1, got " + maxListPages);
        }
        this.clients = clients;
        this.guard = guard;
        this.voiceUrl = voiceUrl;
        this.maxListPages = maxListPages;
    }

    /** With {@link #DEFAULT_MAX_LIST_PAGES}. */
    public TwilioNumbers(TwilioClients clients, ProviderGuard guard, String voiceUrl) {
        this(clients, guard, voiceUrl, DEFAULT_MAX_LIST_PAGES);
    }

    /**
     * The number bought earlier with this tag, if any (the "look before you buy" of every purchase). Twilio filters
     * FriendlyName exactly, on its side, so this is one page of normally one number whatever the account's size;
     * further pages are read all the same, and the tag is matched again here, so the answer never depends on
     * what fits on a first page.
     */
    public Optional<OwnedNumber> findByTag(TwilioAccount account, String tag) {
        Predicate<OwnedNumber> tagged = n -> tag.equals(n.friendlyName());
        return read(account, IncomingPhoneNumber.reader(account.accountSid()).setFriendlyName(tag)
                .setPageSize(TAG_LOOKUP_PAGE_SIZE), tagged, "numbers tagged " + tag)
                .stream().filter(tagged).findFirst();
    }

    /** Every number the account owns, in Twilio's order, every page of them (a trial account's one, or thousands). */
    public List<OwnedNumber> allOwned(TwilioAccount account) {
        return read(account, IncomingPhoneNumber.reader(account.accountSid()).setPageSize(ACCOUNT_PAGE_SIZE),
                n -> false, "the account's numbers");
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

    /**
     * Reads a list page after page (each page one guarded, retried call, following Twilio's {@code next_page_uri})
     * until a number {@code enough} accepts is on a page or there is no next page.
     *
     * @throws TwilioFailure {@code INVALID} past {@code maxListPages} pages, rather than reading without end
     */
    private List<OwnedNumber> read(TwilioAccount account, IncomingPhoneNumberReader reader,
                                   Predicate<OwnedNumber> enough, String what) {
        TwilioRestClient client = clients.forAccount(account);
        List<OwnedNumber> read = new ArrayList<>();
        Page<IncomingPhoneNumber> page = guard.withRetry(translated(account, () -> reader.firstPage(client)));
        for (int pages = 1; ; pages++) {
            List<OwnedNumber> records = page.getRecords().stream().map(TwilioNumbers::owned).toList();
            read.addAll(records);
            if (!page.hasNextPage() || records.stream().anyMatch(enough)) {
                return read;
            }
            if (pages >= maxListPages) {
                throw new TwilioFailure(TwilioFailure.Kind.INVALID, null, null, "Twilio lists more than " + pages
                        + " pages (" + read.size() + " numbers) of " + what + "; not reading further"
                        + " (switchboard.twilio.numbers.max-list-pages)", null);
            }
            Page<IncomingPhoneNumber> current = page;
            page = guard.withRetry(translated(account, () -> reader.nextPage(current, client)));
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
