package io.switchboard.orchestrator.api.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a request's fields, so one answer names every mistake rather than the first; then
 * {@link #throwIfAny()} answers {@code invalid-request} with them.
 */
public final class FieldErrors {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{3}");

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors require(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** Optional; when given, an ISO 3166-1 alpha-2 code in capitals ({@code US}, {@code GB}). */
    public FieldErrors country(String field, String value) {
        return require(value == null || ISO_COUNTRIES.contains(value), field,
                "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. US");
    }

    /** Optional; when given, three digits ({@code 415}). */
    public FieldErrors areaCode(String field, String value) {
        return require(value == null || AREA_CODE.matcher(value).matches(), field, "must be three digits, e.g. 415");
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
