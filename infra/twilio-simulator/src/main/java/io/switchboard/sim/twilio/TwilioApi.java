package io.switchboard.sim.twilio;

import io.switchboard.sim.common.Handler;
import io.switchboard.sim.common.Route;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The HTTP face of the number API: paths and operation ids exactly as in twilio_api_v2010.json. Parses
 * parameters, calls {@link NumberInventory}, renders with {@link TwilioJson}. Requests reach it only after the
 * server has checked them against the document (types, ranges, enums, content type, undeclared parameters), so
 * what is checked here are Twilio's rules the document only describes in prose.
 */
final class TwilioApi {

    private static final String ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final NumberInventory inventory;
    private final NumberCatalog catalog;

    TwilioApi(NumberInventory inventory, NumberCatalog catalog) {
        this.inventory = inventory;
        this.catalog = catalog;
    }

    List<Route> routes() {
        return List.of(
                route("GET", ACCOUNT + "/AvailablePhoneNumbers/{CountryCode}/Local.json",
                        "ListAvailablePhoneNumberLocal", r -> searchAvailable(r, false)),
                route("GET", ACCOUNT + "/AvailablePhoneNumbers/{CountryCode}/TollFree.json",
                        "ListAvailablePhoneNumberTollFree", r -> searchAvailable(r, true)),
                route("POST", ACCOUNT + "/IncomingPhoneNumbers.json", "CreateIncomingPhoneNumber", this::purchase),
                route("GET", ACCOUNT + "/IncomingPhoneNumbers.json", "ListIncomingPhoneNumber", this::listOwned),
                route("GET", ACCOUNT + "/IncomingPhoneNumbers/{Sid}.json", "FetchIncomingPhoneNumber", this::fetch),
                route("POST", ACCOUNT + "/IncomingPhoneNumbers/{Sid}.json", "UpdateIncomingPhoneNumber", this::update),
                route("DELETE", ACCOUNT + "/IncomingPhoneNumbers/{Sid}.json", "DeleteIncomingPhoneNumber", this::release));
    }

    /** Domain code signals Twilio errors by throwing; this turns them into responses. */
    private static Route route(String method, String path, String operation, Handler handler) {
        return Route.of(method, path, operation, request -> {
            try {
                return handler.handle(request);
            } catch (TwilioError.TwilioFailure failure) {
                return TwilioErrors.render(failure.error());
            }
        });
    }

    private SimResponse searchAvailable(SimRequest request, boolean tollFree) {
        Map<String, List<String>> q = request.query();
        String country = request.pathParam("CountryCode").toUpperCase(Locale.ROOT);
        String areaCode = TwilioParams.first(q, "AreaCode");
        Predicate<CatalogNumber> filter = capabilityFilter(q).and(containsFilter(TwilioParams.first(q, "Contains")));
        String region = TwilioParams.first(q, "InRegion");
        if (region != null) {
            filter = filter.and(n -> region.equalsIgnoreCase(n.locality().region()));
        }
        List<CatalogNumber> candidates = tollFree
                ? catalog.tollFree(country)
                : catalog.local(country, areaCode == null ? null : areaCode.strip());
        int pageSize = TwilioParams.integer(q, "PageSize", DEFAULT_PAGE_SIZE);
        List<CatalogNumber> found = inventory.available(candidates).stream().filter(filter).limit(pageSize).toList();
        // Twilio does not page available numbers: one page of at most PageSize, no next page.
        return SimResponse.json(200, TwilioJson.page("available_phone_numbers", found, TwilioJson::availableNumber,
                request.path(), filters(q, "AreaCode", "Contains", "InRegion", "VoiceEnabled", "SmsEnabled",
                        "MmsEnabled", "FaxEnabled"), pageSize, 0));
    }

    private SimResponse purchase(SimRequest request) {
        Map<String, List<String>> form = request.form();
        IncomingNumber bought = inventory.purchase(request.pathParam("AccountSid"), PurchaseRequest.from(form));
        return SimResponse.json(201, TwilioJson.incomingNumber(bought));
    }

    private SimResponse listOwned(SimRequest request) {
        Map<String, List<String>> q = request.query();
        String friendlyName = TwilioParams.first(q, "FriendlyName");
        Predicate<String> numberMatches = phoneNumberPattern(TwilioParams.phoneNumber(q, "PhoneNumber"));
        int pageSize = TwilioParams.integer(q, "PageSize", DEFAULT_PAGE_SIZE);
        int page = TwilioParams.integer(q, "Page", 0);
        List<IncomingNumber> found = inventory.list(request.pathParam("AccountSid"),
                n -> (friendlyName == null || friendlyName.equals(n.friendlyName())) && numberMatches.test(n.phoneNumber()));
        return SimResponse.json(200, TwilioJson.page("incoming_phone_numbers", found, TwilioJson::incomingNumber,
                request.path(), filters(q, "FriendlyName", "PhoneNumber"), pageSize, page));
    }

    private SimResponse fetch(SimRequest request) {
        return inventory.find(request.pathParam("AccountSid"), request.pathParam("Sid"))
                .map(n -> SimResponse.json(200, TwilioJson.incomingNumber(n)))
                .orElseGet(() -> TwilioErrors.render(TwilioError.notFound(request.path())));
    }

    private SimResponse update(SimRequest request) {
        Map<String, List<String>> form = request.form();
        return inventory.update(request.pathParam("AccountSid"), request.pathParam("Sid"),
                        TwilioParams.first(form, "FriendlyName"), form)
                .map(n -> SimResponse.json(200, TwilioJson.incomingNumber(n)))
                .orElseGet(() -> TwilioErrors.render(TwilioError.notFound(request.path())));
    }

    private SimResponse release(SimRequest request) {
        return inventory.release(request.pathParam("AccountSid"), request.pathParam("Sid"))
                .map(gone -> SimResponse.empty(204))
                .orElseGet(() -> TwilioErrors.render(TwilioError.notFound(request.path())));
    }

    private static Predicate<CatalogNumber> capabilityFilter(Map<String, List<String>> q) {
        Boolean voice = TwilioParams.bool(q, "VoiceEnabled");
        Boolean sms = TwilioParams.bool(q, "SmsEnabled");
        Boolean mms = TwilioParams.bool(q, "MmsEnabled");
        Boolean fax = TwilioParams.bool(q, "FaxEnabled");
        return n -> (voice == null || !voice || n.capabilities().voice())
                && (sms == null || !sms || n.capabilities().sms())
                && (mms == null || !mms || n.capabilities().mms())
                && (fax == null || !fax || n.capabilities().fax());
    }

    /**
     * Contains: digits match themselves, '*' any digit, letters their keypad digit ("STORM"); anywhere in the number.
     * The document types it as a plain string; the allowed characters are in its description.
     */
    private static Predicate<CatalogNumber> containsFilter(String contains) {
        if (contains == null || contains.isBlank()) {
            return n -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : contains.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '*') {
                regex.append("\\d");
            } else if (Character.isDigit(c)) {
                regex.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                regex.append(keypadDigit(c));
            } else if (c != '+') {
                throw TwilioError.invalidParameter("Contains", contains).asFailure();
            }
        }
        Pattern pattern = Pattern.compile(regex.toString());
        return n -> pattern.matcher(n.phoneNumber().substring(1)).find();
    }

    /** PhoneNumber list filter: partial numbers, '*' for any digit (the document's description; its format is not checkable). */
    private static Predicate<String> phoneNumberPattern(String value) {
        if (value == null || value.isBlank()) {
            return n -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '*') {
                regex.append("\\d");
            } else if (Character.isDigit(c)) {
                regex.append(c);
            } else if (c == '+') {
                regex.append("\\+");
            } else {
                throw TwilioError.invalidParameter("PhoneNumber", value).asFailure();
            }
        }
        Pattern pattern = Pattern.compile(regex.toString());
        return n -> pattern.matcher(n).find();
    }

    private static char keypadDigit(char letter) {
        String keys = "22233344455566677778889999";
        return keys.charAt(letter - 'A');
    }

    private static Map<String, String> filters(Map<String, List<String>> query, String... names) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : names) {
            String value = TwilioParams.first(query, name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }
}
