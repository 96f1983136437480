package io.switchboard.sim.vapi;

import io.switchboard.sim.common.Handler;
import io.switchboard.sim.common.Route;
import io.switchboard.sim.common.SimRequest;
import io.switchboard.sim.common.SimResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP face of VAPI: paths and operation ids as in vapi_openapi.json, nothing else. Requests reach it only
 * after the server has checked them against the document (ids are UUIDs, bodies JSON of the declared shape,
 * limits numbers in range), so handlers only convert.
 */
final class VapiApi {

    private static final int DEFAULT_LIMIT = 100;

    private final VapiState state;

    VapiApi(VapiState state) {
        this.state = state;
    }

    List<Route> routes() {
        return List.of(
                route("POST", "/assistant", "AssistantController_create",
                        r -> SimResponse.json(201, VapiJson.assistant(state.createAssistant(body(r))))),
                route("GET", "/assistant", "AssistantController_findAll",
                        r -> SimResponse.json(200, state.assistants(ListFilter.of(r), limit(r)).stream().map(VapiJson::assistant).toList())),
                route("GET", "/assistant/{id}", "AssistantController_findOne",
                        r -> ok(state.assistant(id(r)).map(VapiJson::assistant).orElseThrow(VapiApi::notFound))),
                route("PATCH", "/assistant/{id}", "AssistantController_update",
                        r -> ok(VapiJson.assistant(state.updateAssistant(id(r), body(r))))),
                route("DELETE", "/assistant/{id}", "AssistantController_remove",
                        r -> ok(VapiJson.assistant(state.deleteAssistant(id(r))))),

                route("POST", "/phone-number", "PhoneNumberController_create",
                        r -> SimResponse.json(201, VapiJson.phoneNumber(state.createPhoneNumber(body(r))))),
                route("GET", "/phone-number", "PhoneNumberController_findAll",
                        r -> SimResponse.json(200, state.phoneNumbers(ListFilter.of(r), limit(r)).stream().map(VapiJson::phoneNumber).toList())),
                route("GET", "/v2/phone-number", "PhoneNumberController_findAllPaginated", this::searchPhoneNumbers),
                route("GET", "/phone-number/{id}", "PhoneNumberController_findOne",
                        r -> ok(state.phoneNumber(id(r)).map(VapiJson::phoneNumber).orElseThrow(VapiApi::notFound))),
                route("PATCH", "/phone-number/{id}", "PhoneNumberController_update",
                        r -> ok(VapiJson.phoneNumber(state.updatePhoneNumber(id(r), body(r))))),
                route("DELETE", "/phone-number/{id}", "PhoneNumberController_remove",
                        r -> ok(VapiJson.phoneNumber(state.deletePhoneNumber(id(r))))));
    }

    /** Domain code signals VAPI errors by throwing; this turns them into responses. */
    private static Route route(String method, String path, String operation, Handler handler) {
        return Route.of(method, path, operation, request -> {
            try {
                return handler.handle(request);
            } catch (VapiError.VapiFailure failure) {
                return VapiErrors.render(failure.error());
            }
        });
    }

    /**
     * {@code search} matches name or number, partial and case-insensitive, like VAPI's v2 list; the time filters
     * apply as on the v1 lists.
     */
    private SimResponse searchPhoneNumbers(SimRequest request) {
        String search = request.queryParam("search").orElse("").toLowerCase(Locale.ROOT);
        int limit = limit(request);
        int page = Math.max(1, (int) number(request, "page", 1));
        List<PhoneNumber> matching = state.phoneNumbers(ListFilter.of(request), Integer.MAX_VALUE).stream()
                .filter(p -> search.isEmpty() || contains(p.name(), search) || contains(p.visibleNumber(), search))
                .toList();
        List<Object> results = matching.stream().skip((long) (page - 1) * limit).limit(limit)
                .map((Function<PhoneNumber, Object>) VapiJson::phoneNumber).toList();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("itemsPerPage", limit);
        metadata.put("totalItems", matching.size());
        metadata.put("currentPage", page);
        metadata.put("totalPages", limit == 0 ? 0 : (matching.size() + limit - 1) / limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", results);
        body.put("metadata", metadata);
        return SimResponse.json(200, body);
    }

    private static boolean contains(String value, String search) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(search);
    }

    private static SimResponse ok(Object body) {
        return SimResponse.json(200, body);
    }

    /** A JSON object: the document requires one for every body and the server has checked it. */
    private static JsonNode body(SimRequest request) {
        return request.json().orElseThrow();
    }

    private static String id(SimRequest request) {
        return request.pathParam("id");
    }

    private static int limit(SimRequest request) {
        return (int) number(request, "limit", DEFAULT_LIMIT);
    }

    /** limit and page: numbers within the document's range, checked before the handler runs. */
    private static double number(SimRequest request, String name, double fallback) {
        return request.queryParam(name).map(Double::parseDouble).orElse(fallback);
    }

    private static VapiError.VapiFailure notFound() {
        return VapiError.notFound().asFailure();
    }
}
