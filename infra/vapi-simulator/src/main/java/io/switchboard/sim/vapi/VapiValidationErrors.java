package io.switchboard.sim.vapi;

import io.switchboard.sim.common.ProviderErrors;
import io.switchboard.sim.common.openapi.SpecFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How VAPI (NestJS with class-validator, whitelist and forbidNonWhitelisted) answers a request its document does
 * not allow: 400 {@code {"message":["property credentialId should not exist", ...],"error":"Bad Request","statusCode":400}}.
 * The validator library's findings are reworded the way class-validator words them ("name must be shorter than or
 * equal to 40 characters"); a nested field is prefixed with its parent path ("model.provider must be ..."), as
 * NestJS does. For a union (POST /phone-number by {@code provider}, an assistant's {@code voice}, ...) only the
 * alternative the body's provider selects is reported, not the noise from the others. Two NestJS special cases
 * keep their own shape: a path id that is not a UUID (ParseUUIDPipe: "Validation failed (uuid is expected)"; the
 * only path parameter VAPI's operations have is a UUID id) and a body that is not JSON (body-parser: a single
 * message). Messages never quote the value sent: it may be a secret.
 */
final class VapiValidationErrors {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER_AFTER = Pattern.compile("(?:maximum allowed|required minimum|minimum|maximum): ([-0-9.eE]+)");
    private static final Pattern ALLOWED = Pattern.compile("allowed: \\[([^]]*)]");
    private static final Pattern POSSIBLE = Pattern.compile("possible values: \\[([^]]*)]");
    private static final Pattern COUNT = Pattern.compile("at (?:least|most) ([0-9]+)");

    private VapiValidationErrors() {
    }

    static ProviderErrors.Rejection render(List<SpecFinding> findings) {
        if (findings.stream().anyMatch(f -> "path".equals(f.in()))) {
            VapiError uuid = VapiError.invalidUuid();
            return new ProviderErrors.Rejection(VapiErrors.render(uuid), List.of(String.valueOf(uuid.message())));
        }
        if (findings.stream().anyMatch(f -> f.isBody() && f.keyword().equals("invalidJson"))) {
            VapiError notJson = VapiError.badRequest("Unexpected token in JSON body");
            return new ProviderErrors.Rejection(VapiErrors.render(notJson), List.of(String.valueOf(notJson.message())));
        }
        List<String> messages = new ArrayList<>(messages(findings));
        return new ProviderErrors.Rejection(VapiErrors.render(VapiError.validation(messages)), messages);
    }

    private static Set<String> messages(List<SpecFinding> findings) {
        Set<String> messages = new LinkedHashSet<>();
        for (SpecFinding finding : findings) {
            String keyword = finding.keyword();
            if (isUnion(finding)) {
                // When the union's own check (provider missing or unknown) failed beside it, that finding says it all.
                boolean guardFailed = findings.stream().anyMatch(other -> other != finding && !isUnion(other)
                        && same(other.pointer(), finding.pointer()));
                if (!guardFailed) {
                    messages.addAll(selected(finding).map(VapiValidationErrors::messages)
                            .or(() -> noneSelected(finding))
                            .orElseGet(() -> new LinkedHashSet<>(leaf(finding))));
                }
            } else if (keyword.equals("allOf")) {
                messages.addAll(messages(finding.nested()));
            } else {
                messages.addAll(leaf(finding));
            }
        }
        return messages;
    }

    /**
     * The findings of the one alternative the body selects: every other alternative rejects the value of some
     * property (e.g. {@code provider}) with an enum finding, the selected one does not. Empty when no single
     * alternative stands out that way.
     */
    private static Optional<List<SpecFinding>> selected(SpecFinding union) {
        Map<String, List<SpecFinding>> groups = new LinkedHashMap<>();
        union.nested().forEach(f -> groups.computeIfAbsent(String.valueOf(f.group()), g -> new ArrayList<>()).add(f));
        String prefix = (union.pointer() == null ? "" : union.pointer()) + "/";
        Map<String, Set<String>> rejectingGroups = new LinkedHashMap<>();
        groups.forEach((group, findings) -> enumPointers(findings).stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .forEach(p -> rejectingGroups.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(group)));
        return rejectingGroups.values().stream()
                .filter(rejecting -> rejecting.size() == groups.size() - 1)
                .findFirst()
                .flatMap(rejecting -> groups.keySet().stream().filter(g -> !rejecting.contains(g)).findFirst())
                .map(groups::get);
    }

    /**
     * When every alternative rejects the same property's value (an unknown {@code provider}), that is the problem:
     * "model.provider must be one of the following values: " and the values all alternatives together allow.
     */
    private static Optional<Set<String>> noneSelected(SpecFinding union) {
        Set<String> groups = new LinkedHashSet<>();
        union.nested().forEach(f -> groups.add(String.valueOf(f.group())));
        String prefix = (union.pointer() == null ? "" : union.pointer()) + "/";
        Map<String, Set<String>> rejecting = new LinkedHashMap<>();
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (SpecFinding f : union.nested()) {
            for (SpecFinding e : enumFindings(List.of(f))) {
                if (e.pointer().startsWith(prefix) && e.pointer().indexOf('/', prefix.length()) < 0) {
                    rejecting.computeIfAbsent(e.pointer(), k -> new LinkedHashSet<>()).add(String.valueOf(f.group()));
                    allowed.computeIfAbsent(e.pointer(), k -> new LinkedHashSet<>()).addAll(possibleValues(e.message()));
                }
            }
        }
        return rejecting.entrySet().stream()
                .filter(entry -> entry.getValue().equals(groups))
                .findFirst()
                .map(entry -> Set.of(join(union.propertyPath(), entry.getKey().substring(prefix.length()))
                        + " must be one of the following values: " + String.join(", ", allowed.get(entry.getKey()))));
    }

    /** Pointers of enum findings in these findings, looking into allOf (a wrapped alternative) but not other unions. */
    private static Set<String> enumPointers(List<SpecFinding> findings) {
        Set<String> pointers = new LinkedHashSet<>();
        enumFindings(findings).forEach(f -> pointers.add(f.pointer()));
        return pointers;
    }

    private static List<SpecFinding> enumFindings(List<SpecFinding> findings) {
        List<SpecFinding> found = new ArrayList<>();
        for (SpecFinding f : findings) {
            if (f.keyword().equals("enum")) {
                found.add(f);
            } else if (f.keyword().equals("allOf")) {
                found.addAll(enumFindings(f.nested()));
            }
        }
        return found;
    }

    private static boolean isUnion(SpecFinding f) {
        return f.keyword().equals("oneOf") || f.keyword().equals("anyOf");
    }

    private static List<String> leaf(SpecFinding f) {
        String keyword = f.keyword();
        String property = f.isParameter() ? f.parameter() : f.propertyPath();
        return switch (keyword) {
            case "parameter.query.unexpected" -> List.of("property " + f.parameter() + " should not exist");
            case "additionalProperties" -> quotedList(f.message()).stream()
                    .map(name -> prefixed(property, "property " + name + " should not exist")).toList();
            case "required" -> quotedList(f.message()).stream().map(name -> join(property, name) + " should not be empty").toList();
            case "maxLength" -> List.of(property + " must be shorter than or equal to " + number(f.message()) + " characters");
            case "minLength" -> List.of(property + " must be longer than or equal to " + number(f.message()) + " characters");
            case "enum" -> List.of(property + " must be one of the following values: " + String.join(", ", possibleValues(f.message())));
            case "type" -> List.of(property + " " + typeMessage(allowedType(f.message())));
            case "invalidJson" -> List.of(property + " " + typeMessage(f.type()));
            case "minimum" -> List.of(property + " must not be less than " + number(f.message()));
            case "maximum" -> List.of(property + " must not be greater than " + number(f.message()));
            case "pattern" -> List.of(property + " must match " + regex(f.message()) + " regular expression");
            case "minItems" -> List.of(property + " must contain at least " + count(f.message()) + " elements");
            case "maxItems" -> List.of(property + " must contain no more than " + count(f.message()) + " elements");
            case "uniqueItems" -> List.of("All " + property + "'s elements must be unique");
            case "oneOf", "anyOf" -> List.of(orBody(property) + " must match one of the shapes the document allows");
            case "contentType.notAllowed" -> List.of("the request body must be application/json");
            case "body.missing" -> List.of("the request body should not be empty");
            case "body.unexpected" -> List.of("this endpoint takes no request body");
            default -> List.of(keyword.startsWith("format.")
                    ? property + " " + formatMessage(keyword.substring("format.".length()))
                    : orBody(property) + " does not match the document (" + keyword + ")");
        };
    }

    private static String typeMessage(String type) {
        if (type == null) {
            return "has the wrong type";
        }
        return switch (type) {
            case "string" -> "must be a string";
            case "number", "integer" -> "must be a number conforming to the specified constraints";
            case "boolean" -> "must be a boolean value";
            case "object" -> "must be an object";
            case "array" -> "must be an array";
            default -> "must be a " + type;
        };
    }

    private static String formatMessage(String format) {
        return switch (format) {
            case "uuid" -> "must be a UUID";
            case "date-time" -> "must be a valid ISO 8601 date string";
            case "uri" -> "must be a URL address";
            case "email" -> "must be an email";
            default -> "must be a valid " + format;
        };
    }

    /** The type class-validator would name: of ["integer","number"] the number check. */
    private static String allowedType(String message) {
        Matcher m = ALLOWED.matcher(message);
        if (!m.find()) {
            return null;
        }
        List<String> types = quotedList("[" + m.group(1) + "]");
        return types.contains("number") ? "number" : types.isEmpty() ? null : types.get(0);
    }

    private static List<String> possibleValues(String message) {
        Matcher m = POSSIBLE.matcher(message);
        if (!m.find()) {
            return List.of();
        }
        List<String> quoted = quotedList("[" + m.group(1) + "]");
        return quoted.isEmpty() ? List.of(m.group(1).split(",")) : quoted;
    }

    /** The strings quoted in the last [...] of the library's text, e.g. properties ... ["credentialId","foo"]. */
    private static List<String> quotedList(String message) {
        int list = message.lastIndexOf('[');
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED.matcher(list < 0 ? message : message.substring(list));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The regex of "ECMA 262 regex "^x$" does not match input string "..."", never the input. */
    private static String regex(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? "/" + m.group(1) + "/" : "the document's";
    }

    private static String number(String message) {
        Matcher m = NUMBER_AFTER.matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    private static String count(String message) {
        Matcher m = COUNT.matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    private static String orBody(String property) {
        return property.isEmpty() ? "the request body" : property;
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** NestJS puts the parent path in front of a nested constraint: "model.property foo should not exist". */
    private static String prefixed(String parent, String constraint) {
        return parent.isEmpty() ? constraint : parent + "." + constraint;
    }

    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
