package io.switchboard.sim.vapi;

import io.switchboard.sim.common.SimRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The time filters every VAPI list operation declares ({@code createdAtGt/Lt/Ge/Le}, {@code updatedAtGt/Lt/Ge/Le},
 * ISO-8601 date-times): all given bounds must hold. Compared with the stored instants at full precision, so
 * half-open windows ({@code Ge} + {@code Lt}) partition a time range without overlap.
 */
record ListFilter(Instant createdAtGt, Instant createdAtLt, Instant createdAtGe, Instant createdAtLe,
                  Instant updatedAtGt, Instant updatedAtLt, Instant updatedAtGe, Instant updatedAtLe) {

    static final ListFilter NONE = new ListFilter(null, null, null, null, null, null, null, null);

    /** @throws VapiError.VapiFailure 400 listing every parameter that is not an ISO-8601 date-time */
    static ListFilter of(SimRequest request) {
        List<String> errors = new ArrayList<>();
        ListFilter filter = new ListFilter(
                instant(request, "createdAtGt", errors), instant(request, "createdAtLt", errors),
                instant(request, "createdAtGe", errors), instant(request, "createdAtLe", errors),
                instant(request, "updatedAtGt", errors), instant(request, "updatedAtLt", errors),
                instant(request, "updatedAtGe", errors), instant(request, "updatedAtLe", errors));
        if (!errors.isEmpty()) {
            throw VapiError.validation(errors).asFailure();
        }
        return filter;
    }

    boolean matches(Instant createdAt, Instant updatedAt) {
        return within(createdAt, createdAtGt, createdAtLt, createdAtGe, createdAtLe)
                && within(updatedAt, updatedAtGt, updatedAtLt, updatedAtGe, updatedAtLe);
    }

    private static boolean within(Instant value, Instant gt, Instant lt, Instant ge, Instant le) {
        return (gt == null || value.isAfter(gt))
                && (lt == null || value.isBefore(lt))
                && (ge == null || !value.isBefore(ge))
                && (le == null || !value.isAfter(le));
    }

    private static Instant instant(SimRequest request, String name, List<String> errors) {
        String raw = request.queryParam(name).orElse(null);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name + " must be a valid ISO 8601 date string");
            return null;
        }
    }
}
