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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One VAPI organization's assistants, phone numbers and credentials, with VAPI's rules: unique numbers,
 * at most N free numbers, free numbers activating after a delay, secrets never kept. Methods are
 * synchronized so that check-then-create rules hold under concurrent requests.
 */
final class VapiState {

    private static final String DEFAULT_FREE_AREA_CODE = "415";

    private final VapiSimulatorConfig config;
    private final Clock clock;
    private final ResourceStore<Assistant> assistants = new ResourceStore<>();
    private final ResourceStore<PhoneNumber> phoneNumbers = new ResourceStore<>();
    private final ResourceStore<Credential> credentials = new ResourceStore<>();

    VapiState(VapiSimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    // ---- assistants ----

    synchronized Assistant createAssistant(JsonNode body) {
        validateAssistant(body);
        Instant now = clock.instant();
        Assistant assistant = new Assistant(newId(), config.orgId(), now, now, (ObjectNode) body);
        return assistants.add(assistant.id(), assistant);
    }

    synchronized Assistant updateAssistant(String id, JsonNode body) {
        validateAssistant(body);
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
        Validation.of(body).requiredString("provider").orFail();
        String provider = body.get("provider").stringValue();
        return switch (provider) {
            case "twilio" -> importTwilioNumber(body);
            case "vapi" -> createFreeNumber(body);
            default -> throw VapiError.validation(List.of(
                    "provider must be one of the following values: twilio, vapi (the simulator supports these two)"))
                    .asFailure();
        };
    }

    synchronized PhoneNumber updatePhoneNumber(String id, JsonNode body) {
        PhoneNumber current = phoneNumber(id).orElseThrow(VapiState::notFound);
        Validation.of(body)
                .onlyProperties(current.provider().equals("twilio")
                        ? VapiDtos.UPDATE_TWILIO_PHONE_NUMBER : VapiDtos.UPDATE_VAPI_PHONE_NUMBER)
                .check(!body.has("provider") || current.provider().equals(Json.text(body, "provider")),
                        "provider cannot be changed from " + current.provider())
                .optionalString("name", 40)
                .optionalUuid("assistantId")
                .orFail();
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

    // ---- credentials ----

    synchronized Credential createCredential(JsonNode body) {
        Validation.of(body)
                .onlyProperties(VapiDtos.CREATE_TWILIO_CREDENTIAL)
                .requiredString("provider")
                .check(!body.path("provider").isString() || "twilio".equals(Json.text(body, "provider")),
                        "provider must be one of the following values: twilio (the simulator supports twilio only)")
                .requiredString("accountSid")
                .check(hasTwilioSecret(body, "authToken", "apiKey", "apiSecret"),
                        "authToken, or apiKey and apiSecret, must be provided")
                .optionalString("name", 40)
                .check(!body.has("name") || !body.path("name").isString() || !Json.text(body, "name").isEmpty(),
                        "name must be longer than or equal to 1 characters")
                .orFail();
        Instant now = clock.instant();
        Credential credential = new Credential(newId(), config.orgId(), "twilio", Json.text(body, "accountSid"),
                Json.text(body, "name"), now, now);
        return credentials.add(credential.id(), credential);
    }

    synchronized Optional<Credential> credential(String id) {
        return credentials.get(id);
    }

    synchronized List<Credential> credentials(int limit) {
        return newestFirst(credentials.list(), Credential::createdAt, limit);
    }

    synchronized Credential deleteCredential(String id) {
        return credentials.remove(id).orElseThrow(VapiState::notFound);
    }

    // ---- inventory ----

    synchronized long assistantsCreated() {
        return assistants.createdCount();
    }

    synchronized long phoneNumbersCreated() {
        return phoneNumbers.createdCount();
    }

    synchronized long credentialsCreated() {
        return credentials.createdCount();
    }

    synchronized List<Assistant> allAssistants() {
        return assistants.list();
    }

    synchronized List<PhoneNumber> allPhoneNumbers() {
        return phoneNumbers.list().stream().map(p -> phoneNumber(p.id()).orElseThrow()).toList();
    }

    synchronized List<Credential> allCredentials() {
        return credentials.list();
    }

    synchronized void reset() {
        assistants.clear();
        phoneNumbers.clear();
        credentials.clear();
    }

    // ---- rules ----

    private PhoneNumber importTwilioNumber(JsonNode body) {
        Validation.of(body)
                .onlyProperties(VapiDtos.CREATE_TWILIO_PHONE_NUMBER)
                .e164("number")
                .requiredString("twilioAccountSid")
                .check(hasTwilioSecret(body, "twilioAuthToken", "twilioApiKey", "twilioApiSecret") || body.has("credentialId"),
                        "twilioAuthToken, or twilioApiKey and twilioApiSecret, or credentialId must be provided")
                .optionalString("name", 40)
                .optionalUuid("assistantId")
                .optionalUuid("credentialId")
                .orFail();
        String number = Json.text(body, "number");
        String accountSid = Json.text(body, "twilioAccountSid");
        String credentialId = Json.text(body, "credentialId");
        if (credentialId != null && credentials.get(credentialId).filter(c -> c.accountSid().equals(accountSid)).isEmpty()) {
            throw VapiError.badRequest("Credential " + credentialId + " not found for Twilio account " + accountSid).asFailure();
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
                Json.text(body, "name"), assistantId, accountSid, credentialId, null, now, now, now, passthrough(body));
        return phoneNumbers.add(created.id(), created);
    }

    private PhoneNumber createFreeNumber(JsonNode body) {
        Validation.of(body)
                .onlyProperties(VapiDtos.CREATE_VAPI_PHONE_NUMBER)
                .check(!body.has("numberDesiredAreaCode")
                                || Json.text(body, "numberDesiredAreaCode") != null
                                && Json.text(body, "numberDesiredAreaCode").matches("[2-9]\\d\\d"),
                        "numberDesiredAreaCode must be a 3-digit US area code")
                .optionalString("name", 40)
                .optionalUuid("assistantId")
                .orFail();
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
                delay.isZero() ? "active" : "activating", Json.text(body, "name"), assistantId, null, null,
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

    private static void validateAssistant(JsonNode body) {
        Validation.of(body)
                .onlyProperties(VapiDtos.CREATE_ASSISTANT)
                .optionalString("name", 40)
                .optionalString("firstMessage", 10_000)
                .optionalProviderObject("model")
                .optionalProviderObject("voice")
                .optionalObject("metadata")
                .orFail();
    }

    private static boolean hasTwilioSecret(JsonNode body, String token, String key, String secret) {
        return body.path(token).isString() || body.path(key).isString() && body.path(secret).isString();
    }

    private static ObjectNode passthrough(JsonNode body) {
        ObjectNode kept = Json.object();
        body.properties().forEach(e -> {
            if (VapiDtos.PHONE_NUMBER_PASSTHROUGH.contains(e.getKey())) {
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
