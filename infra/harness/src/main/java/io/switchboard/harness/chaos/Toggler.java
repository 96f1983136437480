package io.switchboard.harness.chaos;

import io.switchboard.harness.Database;
import io.switchboard.harness.EventPublisher;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Drives the toggle sagas: once an organization's onboarding COMPLETED, publish InboundAiChanged(false); once that
 * event has been handled (its saga ended, or it was ignored), publish InboundAiChanged(true). Polls the database
 * the way an upstream service would watch the status API.
 */
final class Toggler {
    private enum Phase { WAIT_ONBOARDING, OFF_SENT, ON_SENT, DONE }

    private static final Set<String> ACTIVE = Set.of("RUNNING", "COMPENSATING");

    private final Database db;
    private final EventPublisher publisher;
    private final Consumer<EventPublisher.Sent> published;
    private final Map<String, Phase> phase = new LinkedHashMap<>();
    private final Map<String, String> lastEvent = new LinkedHashMap<>();

    Toggler(Database db, EventPublisher publisher, Collection<String> orgs, Consumer<EventPublisher.Sent> published) {
        this.db = db;
        this.publisher = publisher;
        this.published = published;
        orgs.forEach(o -> phase.put(o, Phase.WAIT_ONBOARDING));
    }

    /** One pass; returns true when every organization is done (false while the database does not answer). */
    boolean step() {
        try {
            return stepOnce();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private boolean stepOnce() {
        Map<String, String> onboarding = new LinkedHashMap<>();
        db.query("select org_id, state from saga_instance where saga_type = 'onboarding'")
                .forEach(r -> onboarding.put((String) r.get("org_id"), (String) r.get("state")));
        Map<String, Boolean> handled = new LinkedHashMap<>();
        db.query("""
                select e.event_id, e.status, s.state from org_event e left join saga_instance s on s.id = e.saga_id
                where e.event_type like '%InboundAiChanged%'""")
                .forEach(r -> handled.put((String) r.get("event_id"),
                        !"PENDING".equals(r.get("status")) && (r.get("state") == null || !ACTIVE.contains((String) r.get("state")))));
        for (var entry : phase.entrySet()) {
            String org = entry.getKey();
            switch (entry.getValue()) {
                case WAIT_ONBOARDING -> {
                    String state = onboarding.get(org);
                    if ("COMPLETED".equals(state)) {
                        send(org, false);
                        entry.setValue(Phase.OFF_SENT);
                    } else if (state != null && !ACTIVE.contains(state)) {
                        entry.setValue(Phase.DONE); // compensated or parked: nothing to toggle
                    }
                }
                case OFF_SENT -> {
                    if (handled.getOrDefault(lastEvent.get(org), false)) {
                        send(org, true);
                        entry.setValue(Phase.ON_SENT);
                    }
                }
                case ON_SENT -> {
                    if (handled.getOrDefault(lastEvent.get(org), false)) {
                        entry.setValue(Phase.DONE);
                    }
                }
                case DONE -> {
                }
            }
        }
        return phase.values().stream().allMatch(p -> p == Phase.DONE);
    }

    private void send(String org, boolean on) {
        EventPublisher.Sent sent = publisher.toggle(org, on);
        sent.await();
        lastEvent.put(org, sent.eventId());
        published.accept(sent);
    }

    List<String> pending() {
        return phase.entrySet().stream().filter(e -> e.getValue() != Phase.DONE).map(e -> e.getKey() + ":" + e.getValue()).toList();
    }
}
