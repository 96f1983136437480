package io.switchboard.sim.vapi;

import io.switchboard.sim.common.Json;
import io.switchboard.sim.common.ResourceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One VAPI organization's assistants and phone numbers, with VAPI's rules: unique numbers, at most N free
 * numbers, free numbers activating after a delay, secrets never kept. Request bodies arrive already checked
 * against VAPI's document (shape, types, lengths, undeclared properties), so only those rules are checked here.
 * Methods are synchronized so that check-then-create rules hold under concurrent requests.
 */
final class VapiState {

    private static final String DEFAULT_FREE_AREA_CODE = "415";
    /** VAPI checks imported numbers are E.164 (the document types {@code number} as a plain string). */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final String E164_MESSAGE = "number must be a valid phone number in the E.164 format. "
            + "Hot tip, you may be missing the country code (Eg. US: +1).";

    private final VapiSimulatorConfig config;
    private final Clock clock;
    private final ResourceStore<Assistant> assistants = new ResourceStore<>();
    private final ResourceStore<PhoneNumber> phoneNumbers = new ResourceStore<>();

    VapiState(VapiSimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    // ---- assistants ----

    synchronized Assistant createAssistant(JsonNode body) {
        Instant now = clock.instant();
        Assistant assistant = new Assistant(newId(), config.orgId(), now, now, (ObjectNode) body);
        return assistants.add(assistant.id(), assistant);
    }

    synchronized Assistant updateAssistant(String id, JsonNode body) {
        return assistants.update(id, current -> {
            ObjectNode merged = current.fields();
            merged.setAll((ObjectNode) body);
            return new Assistant(id, current.orgId(), current.createdAt(), clock.instant(), merged);
        }).orElseThrow(VapiState::notFound);
    }

    synchronized Optional<Assistant> assistant(String id) {
        return assistants.get(id);
    }

    synchronized List<Assistant> assistants(ListFilter filter, int limit) {
        return newestFirst(assistants.list().stream().filter(a -> filter.matches(a.createdAt(), a.updatedAt())).toList(),
                Assistant::createdAt, limit);
    }

    synchronized Assistant deleteAssistant(String id) {
        return assistants.remove(id).orElseThrow(VapiState::notFound);
    }

    // ---- phone numbers ----

    synchronized PhoneNumber createPhoneNumber(JsonNode body) {
        String provider = body.get("provider").stringValue();
        return switch (provider) {
            case "twilio" -> importTwilioNumber(body);
            case "vapi" -> createFreeNumber(body);
            // Valid per the document (byo-phone-number, vonage, telnyx), but not simulated.
            default -> throw VapiError.badRequest("The simulator supports provider twilio and vapi only, not " + provider)
                    .asFailure();
        };
    }

    synchronized PhoneNumber updatePhoneNumber(String id, JsonNode body) {
        PhoneNumber current = phoneNumber(id).orElseThrow(VapiState::notFound);
        // The body's provider selects its DTO. Whether VAPI would turn an imported Twilio number into a free one is
        // not documented; the simulator refuses rather than guess.
        if (!current.provider().equals(Json.text(body, "provider"))) {
            throw VapiError.validation(List.of("provider cannot be changed from " + current.provider())).asFailure();
        }
        String assistantId = body.has("assistantId") ? Json.text(body, "assistantId") : current.assistantId();
        requireAssistant(assistantId);
        String name = body.has("name") ? Json.text(body, "name") : current.name();
        ObjectNode extras = current.extras();
        extras.setAll(passthrough(body));
        PhoneNumber updated = current.patched(name, assistantId, extras, clock.instant());
        phoneNumbers.update(id, p -> updated);
        return updated;
    }

    /** Reads refresh activation, so "activating" turns "active" once the delay has passed. */
    synchronized Optional<PhoneNumber> phoneNumber(String id) {
        return phoneNumbers.update(id, p -> p.activatedIfDue(clock.instant()));
    }

    synchronized List<PhoneNumber> phoneNumbers(ListFilter filter, int limit) {
        List<PhoneNumber> all = phoneNumbers.list().stream().map(p -> phoneNumber(p.id()).orElseThrow())
                .filter(p -> filter.matches(p.createdAt(), p.updatedAt())).toList();
        return newestFirst(all, PhoneNumber::createdAt, limit);
    }

    synchronized PhoneNumber deletePhoneNumber(String id) {
        PhoneNumber current = phoneNumber(id).orElseThrow(VapiState::notFound);
        phoneNumbers.remove(id);
        return current;
    }

    // ---- inventory ----

    synchronized long assistantsCreated() {
        return assistants.createdCount();
    }

    synchronized long phoneNumbersCreated() {
        return phoneNumbers.createdCount();
    }

    synchronized List<Assistant> allAssistants() {
        return assistants.list();
    }

    synchronized List<PhoneNumber> allPhoneNumbers() {
        return phoneNumbers.list().stream().map(p -> phoneNumber(p.id()).orElseThrow()).toList();
    }

    synchronized void reset() {
        assistants.clear();
        phoneNumbers.clear();
    }

    // ---- rules ----

    private PhoneNumber importTwilioNumber(JsonNode body) {
        String number = Json.text(body, "number");
        String accountSid = Json.text(body, "twilioAccountSid");
        if (!E164.matcher(number).matches()) {
            throw VapiError.validation(List.of(E164_MESSAGE)).asFailure();
        }
        // VAPI needs a way into the Twilio account: the auth token, or an API key with its secret.
        if (!hasTwilioSecret(body)) {
            throw VapiError.validation(List.of("twilioAuthToken, or twilioApiKey and twilioApiSecret, must be provided"))
                    .asFailure();
        }
        if (phoneNumbers.list().stream().anyMatch(p -> number.equals(p.number()))) {
            throw VapiError.badRequest("Phone number " + number + " already exists in this organization.").asFailure();
        }
        if (!config.twilioNumbers().hasNumber(accountSid, number)) {
            throw VapiError.badRequest("Number Not Found on Twilio.").asFailure();
        }
        String assistantId = Json.text(body, "assistantId");
        requireAssistant(assistantId);
        Instant now = clock.instant();
        PhoneNumber created = new PhoneNumber(newId(), config.orgId(), "twilio", number, "active",
                Json.text(body, "name"), assistantId, accountSid, null, now, now, now, passthrough(body));
        return phoneNumbers.add(created.id(), created);
    }

    private PhoneNumber createFreeNumber(JsonNode body) {
        // The document only fixes the length (3); free numbers are US only, so it must be a US area code.
        if (body.has("numberDesiredAreaCode") && !Json.text(body, "numberDesiredAreaCode").matches("[2-9]\\d\\d")) {
            throw VapiError.validation(List.of("numberDesiredAreaCode must be a 3-digit US area code")).asFailure();
        }
        long free = phoneNumbers.list().stream().filter(p -> p.provider().equals("vapi")).count();
        if (free >= config.freeNumberLimit()) {
            throw VapiError.badRequest("Free number limit reached: each account can have up to "
                    + config.freeNumberLimit() + " free Vapi phone numbers. Delete one, or import a Twilio number.").asFailure();
        }
        String assistantId = Json.text(body, "assistantId");
        requireAssistant(assistantId);
        String areaCode = body.has("numberDesiredAreaCode") ? Json.text(body, "numberDesiredAreaCode") : DEFAULT_FREE_AREA_CODE;
        Instant now = clock.instant();
        Duration delay = config.freeNumberActivationDelay();
        PhoneNumber created = new PhoneNumber(newId(), config.orgId(), "vapi", nextFreeNumber(areaCode),
                delay.isZero() ? "active" : "activating", Json.text(body, "name"), assistantId, null,
                Json.text(body, "numberDesiredAreaCode"), now, now, now.plus(delay), passthrough(body));
        return phoneNumbers.add(created.id(), created);
    }

    /**
     * Fictional 555-01XX numbers, unique within the org, counted down from 0199 so they stay clear of the
     * Twilio simulator's numbers (which count up from 0100) when both run together.
     */
    private String nextFreeNumber(String areaCode) {
        Set<String> used = new HashSet<>();
        phoneNumbers.list().forEach(p -> used.add(p.number()));
        for (int i = 0; i < 100; i++) {
            String candidate = "+1" + areaCode + "555" + String.format("%04d", 199 - i);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw VapiError.badRequest("No free numbers left in area code " + areaCode).asFailure();
    }

    private void requireAssistant(String assistantId) {
        if (assistantId != null && assistants.get(assistantId).isEmpty()) {
            throw VapiError.badRequest("Couldn't find assistant " + assistantId).asFailure();
        }
    }

    private static boolean hasTwilioSecret(JsonNode body) {
        return body.path("twilioAuthToken").isString()
                || body.path("twilioApiKey").isString() && body.path("twilioApiSecret").isString();
    }

    private static ObjectNode passthrough(JsonNode body) {
        ObjectNode kept = Json.object();
        body.properties().forEach(e -> {
            if (PhoneNumber.ECHOED_FIELDS.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return kept;
    }

    private static <T> List<T> newestFirst(List<T> all, java.util.function.Function<T, Instant> createdAt, int limit) {
        // Stable sort on a reversed insertion order keeps same-millisecond creations newest first too.
        List<T> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        return reversed.stream().sorted(Comparator.comparing(createdAt).reversed()).limit(limit).toList();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static VapiError.VapiFailure notFound() {
        return VapiError.notFound().asFailure();
    }
}
