package io.switchboard.orchestrator.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the database says the platform should own: each organization's ai_config (number SID, VAPI registration,
 * both assistants), the numbers organizations added to their lines (line_number: number SID, VAPI registration) and
 * the number pool (the numbers it holds: available, or being released; a number a line uses is
 * the line's, in ai_config, and not also the pool's). Resources a saga is still working with (or parked with,
 * FAILED) are only in that saga's data; they are collected separately so they show up as "held by saga", not as
 * orphans.
 */
public record DbReferences(Map<String, List<String>> owners, List<SagaData> unfinishedSagas,
                           List<Reference> references, Map<String, String> sagaStates) {

    /** A saga still running, compensating or parked, with its data as JSON text. */
    public record SagaData(String id, String orgId, String state, String data) {
    }

    /**
     * One id an ai_config or number_pool row points at, to find references to resources the provider no longer has.
     *
     * @param holder the row and column, as the report prints it ({@code ai_config[acme].number_sid (status active)})
     */
    public record Reference(String holder, Resource.Kind kind, String id) {
    }

    /** @param query runs a SQL query and answers its rows as column-label maps (JdbcTemplate::queryForList, …) */
    public static DbReferences load(Function<String, List<Map<String, Object>>> query) {
        Map<String, List<String>> owners = new HashMap<>();
        List<Reference> refs = new ArrayList<>();
        for (Map<String, Object> row : query.apply("""
                select org_id, status, number_sid, vapi_phone_number_id, inbound_assistant_id, outbound_assistant_id
                from ai_config""")) {
            for (String column : List.of("number_sid", "vapi_phone_number_id", "inbound_assistant_id", "outbound_assistant_id")) {
                Object id = row.get(column);
                if (id != null) {
                    owners.computeIfAbsent(id.toString(), k -> new ArrayList<>()).add("ai_config[" + row.get("org_id") + "]." + column);
                    refs.add(new Reference("ai_config[" + row.get("org_id") + "]." + column + " (status "
                            + row.get("status") + ")", kindOf(column), id.toString()));
                }
            }
        }
        for (Map<String, Object> row : query.apply(
                "select org_id, status, number_sid, vapi_phone_number_id from line_number")) {
            for (String column : List.of("number_sid", "vapi_phone_number_id")) {
                String holder = "line_number[" + row.get("org_id") + "]." + column;
                String id = row.get(column).toString();
                owners.computeIfAbsent(id, k -> new ArrayList<>()).add(holder);
                refs.add(new Reference(holder + " (status " + row.get("status") + ")", kindOf(column), id));
            }
        }
        for (Map<String, Object> row : query.apply("select number_sid, status from number_pool")) {
            String holder = "number_pool[" + row.get("status") + "]";
            owners.computeIfAbsent(row.get("number_sid").toString(), k -> new ArrayList<>()).add(holder);
            refs.add(new Reference(holder, Resource.Kind.TWILIO_NUMBER, row.get("number_sid").toString()));
        }
        List<SagaData> unfinished = query.apply("""
                select id::text as id, org_id, state, data::text as data from saga_instance
                where state in ('RUNNING', 'COMPENSATING', 'FAILED')""").stream()
                .map(r -> new SagaData((String) r.get("id"), (String) r.get("org_id"), (String) r.get("state"), (String) r.get("data")))
                .toList();
        Map<String, String> states = new HashMap<>();
        query.apply("select id::text as id, state from saga_instance")
                .forEach(r -> states.put((String) r.get("id"), (String) r.get("state")));
        return new DbReferences(owners, unfinished, refs, states);
    }

    /**
     * The saga that created a resource, from its tag, whose request id is {@code <sagaId>:<step>}: Twilio owner tags
     * {@code sb/<owner>/…/<requestId>} (a hashed {@code #…} request names no saga), the older {@code sb:<requestId>},
     * VAPI metadata {@code <requestId>}. Empty when there is no tag.
     */
    public static java.util.Optional<String> creatingSaga(String tag) {
        if (tag == null || tag.isEmpty()) {
            return java.util.Optional.empty();
        }
        String requestId = tag.startsWith("sb/") ? tag.substring(tag.lastIndexOf('/') + 1)
                : tag.startsWith("sb:") ? tag.substring(3) : tag;
        int colon = requestId.indexOf(':');
        return java.util.Optional.of(colon < 0 ? requestId : requestId.substring(0, colon));
    }

    private static Resource.Kind kindOf(String column) {
        return switch (column) {
            case "number_sid" -> Resource.Kind.TWILIO_NUMBER;
            case "vapi_phone_number_id" -> Resource.Kind.VAPI_PHONE_NUMBER;
            default -> Resource.Kind.VAPI_ASSISTANT;
        };
    }

    public String stateOf(String sagaId) {
        return sagaStates.get(sagaId);
    }

    public List<String> ownersOf(String id) {
        return owners.getOrDefault(id, List.of());
    }

    /** Unfinished sagas whose data mentions the id (a number bought, an assistant created, not yet in a config). */
    public List<SagaData> sagasHolding(String id) {
        return unfinishedSagas.stream().filter(s -> s.data() != null && s.data().contains(id)).toList();
    }
}
