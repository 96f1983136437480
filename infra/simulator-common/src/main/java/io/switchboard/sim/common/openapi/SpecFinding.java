package io.switchboard.sim.common.openapi;

import java.util.List;

/**
 * One thing the provider's document does not allow in a request, as the validator library reported it, reduced to
 * what a provider's error renderer needs.
 *
 * @param key       the library's message key, e.g. {@code validation.request.body.schema.maxLength},
 *                  {@code validation.request.parameter.query.unexpected}, {@code validation.request.contentType.notAllowed}
 * @param message   the library's text. It may quote the offending value, so it is for rendering decisions and
 *                  tests only: never log or record it (request values can be secrets)
 * @param parameter the parameter's name when the finding is about a path, query or header parameter, else null
 * @param in        where that parameter lives ("path", "query", "header"), else null
 * @param type      the type the document declares for that parameter ("integer", "boolean"...), else null
 * @param pointer   JSON pointer into the body ("/name", "/model/provider"; "" for the body itself), else null
 * @param group     for a nested finding, which sub-schema of its parent it came from ("/oneOf/1", "/allOf/0"),
 *                  so that the findings of one alternative of a union can be told from another's; else null
 * @param nested    the findings a combinator keyword (allOf, oneOf, anyOf) collected from its sub-schemas
 */
public record SpecFinding(String key, String message, String parameter, String in, String type, String pointer,
                          String group, List<SpecFinding> nested) {

    private static final String SCHEMA = ".schema.";

    public SpecFinding {
        nested = List.copyOf(nested);
    }

    /**
     * The JSON Schema keyword for schema findings ("maxLength", "enum", "format.uuid", "discriminator"), else the
     * tail of the key after "validation.request." ("parameter.query.unexpected", "contentType.notAllowed", "body.missing").
     */
    public String keyword() {
        int schema = key.indexOf(SCHEMA);
        if (schema >= 0) {
            return key.substring(schema + SCHEMA.length());
        }
        return key.startsWith("validation.request.") ? key.substring("validation.request.".length()) : key;
    }

    public boolean isBody() {
        return key.startsWith("validation.request.body.");
    }

    public boolean isParameter() {
        return parameter != null;
    }

    /** The body pointer as a dotted property path ("model.provider"), the way NestJS names nested fields. */
    public String propertyPath() {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (String token : pointer.substring(1).split("/", -1)) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(token.replace("~1", "/").replace("~0", "~"));
        }
        return path.toString();
    }
}
