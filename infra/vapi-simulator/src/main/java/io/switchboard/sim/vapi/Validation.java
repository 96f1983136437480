package io.switchboard.sim.vapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Collects class-validator style messages for one request body, then fails with all of them at once. */
final class Validation {

    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final String E164_MESSAGE = "number must be a valid phone number in the E.164 format. "
            + "Hot tip, you may be missing the country code (Eg. US: +1).";

    private final JsonNode body;
    private final List<String> messages = new ArrayList<>();

    private Validation(JsonNode body) {
        this.body = body;
    }

    /** Starts validating; a body that is not a JSON object fails immediately. */
    static Validation of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw VapiError.validation(List.of("request body must be a JSON object")).asFailure();
        }
        return new Validation(body);
    }

    Validation onlyProperties(Set<String> allowed) {
        body.propertyNames().stream().filter(name -> !allowed.contains(name)).sorted()
                .forEach(name -> messages.add("property " + name + " should not exist"));
        return this;
    }

    Validation optionalString(String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return this;
        }
        if (!value.isString()) {
            messages.add(field + " must be a string");
        } else if (value.stringValue().length() > maxLength) {
            messages.add(field + " must be shorter than or equal to " + maxLength + " characters");
        }
        return this;
    }

    Validation requiredString(String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            messages.add(field + " must be a string");
        }
        return this;
    }

    Validation optionalObject(String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            messages.add(field + " must be an object");
        }
        return this;
    }

    /** model / voice: objects discriminated by provider. */
    Validation optionalProviderObject(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return this;
        }
        if (!value.isObject()) {
            messages.add(field + " must be an object");
        } else if (!value.path("provider").isString()) {
            messages.add(field + ".provider must be a string");
        }
        return this;
    }

    Validation optionalUuid(String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !(value.isString() && UUID.matcher(value.stringValue()).matches())) {
            messages.add(field + " must be a UUID");
        }
        return this;
    }

    Validation e164(String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || !E164.matcher(value.stringValue()).matches()) {
            messages.add(E164_MESSAGE);
        }
        return this;
    }

    Validation check(boolean condition, String message) {
        if (!condition) {
            messages.add(message);
        }
        return this;
    }

    void orFail() {
        if (!messages.isEmpty()) {
            throw VapiError.validation(messages).asFailure();
        }
    }
}
