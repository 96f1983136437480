package io.switchboard.sim.twilio;

import io.switchboard.sim.common.ResourceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Twilio's side of the world: which numbers are for sale, who owns what, what was released. Purchases are
 * serialized so that "check available, then buy" is atomic, like Twilio's: two concurrent buyers of one
 * number get one 201 and one 21422.
 */
final class NumberInventory {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final NumberCatalog catalog;
    /** Which accounts are trial accounts: they may own one number. */
    private final Predicate<String> isTrial;
    private final Clock clock;
    private final ResourceStore<IncomingNumber> owned = new ResourceStore<>();
    private final List<ReleasedNumber> released = new ArrayList<>();

    NumberInventory(NumberCatalog catalog, Predicate<String> isTrial, Clock clock) {
        this.catalog = catalog;
        this.isTrial = isTrial;
        this.clock = clock;
    }

    /** Numbers for sale: the catalog minus anything owned by any account or released. */
    synchronized List<CatalogNumber> available(List<CatalogNumber> candidates) {
        Set<String> taken = takenNumbers();
        return candidates.stream().filter(n -> !taken.contains(n.phoneNumber())).toList();
    }

    synchronized IncomingNumber purchase(String accountSid, PurchaseRequest request) {
        TwilioParams.checkFriendlyName(request.friendlyName());
        CatalogNumber chosen = choose(request);
        if (isTrial.test(accountSid) && owned.list().stream().anyMatch(n -> n.accountSid().equals(accountSid))) {
            throw TwilioError.trialLimit().asFailure();
        }
        Instant now = clock.instant();
        String friendlyName = request.friendlyName() != null ? request.friendlyName() : chosen.nationalFormat();
        IncomingNumber number = new IncomingNumber(
                "PN" + UUID.randomUUID().toString().replace("-", ""),
                accountSid, chosen.phoneNumber(), friendlyName, chosen.type(), chosen.capabilities(),
                Webhooks.defaults().apply(request.form()), now, now);
        return owned.add(number.sid(), number);
    }

    /**
     * An owned number without a purchase request: the test seeding of {@link TwilioSimulator#seedOwnedNumber}.
     * Any E.164 number nobody owns or released (catalog or not); no trial limit; counted like a purchase.
     */
    synchronized IncomingNumber seed(String accountSid, String phoneNumber, String friendlyName) {
        if (phoneNumber == null || !E164.matcher(phoneNumber).matches()) {
            throw new IllegalArgumentException("not an E.164 number: " + phoneNumber);
        }
        if (friendlyName != null && friendlyName.length() > TwilioParams.FRIENDLY_NAME_MAX) {
            throw new IllegalArgumentException("FriendlyName longer than " + TwilioParams.FRIENDLY_NAME_MAX);
        }
        if (takenNumbers().contains(phoneNumber)) {
            throw new IllegalStateException(phoneNumber + " is already owned or released");
        }
        Optional<CatalogNumber> listed = catalog.find(phoneNumber);
        Instant now = clock.instant();
        IncomingNumber number = new IncomingNumber(
                "PN" + UUID.randomUUID().toString().replace("-", ""), accountSid, phoneNumber,
                friendlyName != null ? friendlyName : listed.map(CatalogNumber::nationalFormat).orElse(phoneNumber),
                listed.map(CatalogNumber::type).orElse("local"),
                listed.map(CatalogNumber::capabilities).orElse(Capabilities.full()),
                Webhooks.defaults(), now, now);
        return owned.add(number.sid(), number);
    }

    synchronized List<IncomingNumber> list(String accountSid, Predicate<IncomingNumber> filter) {
        return owned.list().stream().filter(n -> n.accountSid().equals(accountSid)).filter(filter).toList();
    }

    synchronized Optional<IncomingNumber> find(String accountSid, String sid) {
        return owned.get(sid).filter(n -> n.accountSid().equals(accountSid));
    }

    synchronized Optional<IncomingNumber> update(String accountSid, String sid, String friendlyName,
                                                 java.util.Map<String, List<String>> form) {
        TwilioParams.checkFriendlyName(friendlyName);
        return find(accountSid, sid).flatMap(current -> owned.update(sid, n -> n.update(
                friendlyName != null ? friendlyName : n.friendlyName(), n.webhooks().apply(form), clock.instant())));
    }

    synchronized Optional<ReleasedNumber> release(String accountSid, String sid) {
        return find(accountSid, sid).map(number -> {
            owned.remove(sid);
            ReleasedNumber gone = new ReleasedNumber(number.sid(), number.accountSid(), number.phoneNumber(),
                    number.friendlyName(), clock.instant());
            released.add(gone);
            return gone;
        });
    }

    synchronized List<IncomingNumber> owned() {
        return owned.list();
    }

    synchronized List<ReleasedNumber> released() {
        return List.copyOf(released);
    }

    /** Successful purchases since start or reset, including numbers released since. */
    synchronized long purchaseCount() {
        return owned.createdCount();
    }

    synchronized void reset() {
        owned.clear();
        released.clear();
    }

    private CatalogNumber choose(PurchaseRequest request) {
        if (request.phoneNumber() != null) {
            if (!E164.matcher(request.phoneNumber()).matches()) {
                throw TwilioError.invalidPhoneNumber(request.phoneNumber()).asFailure();
            }
            return catalog.find(request.phoneNumber())
                    .filter(n -> !takenNumbers().contains(n.phoneNumber()))
                    .orElseThrow(() -> TwilioError.numberNotAvailable(request.phoneNumber()).asFailure());
        }
        if (request.areaCode() != null) {
            if (!NumberCatalog.isAreaCode(request.areaCode().strip())) {
                throw TwilioError.invalidAreaCode(request.areaCode()).asFailure();
            }
            String areaCode = request.areaCode().strip();
            return available(catalog.local("US", areaCode)).stream().findFirst()
                    .orElseThrow(() -> TwilioError.noNumbersInAreaCode(areaCode).asFailure());
        }
        throw TwilioError.missingNumberOrAreaCode().asFailure();
    }

    private Set<String> takenNumbers() {
        Set<String> taken = new HashSet<>();
        owned.list().forEach(n -> taken.add(n.phoneNumber()));
        released.forEach(n -> taken.add(n.phoneNumber()));
        return taken;
    }
}
