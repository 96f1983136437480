package io.switchboard.harness.chaos;

import io.switchboard.harness.Database;
import io.switchboard.orchestrator.reconcile.DbReferences;
import io.switchboard.orchestrator.reconcile.Inventory;
import io.switchboard.orchestrator.reconcile.Reconciler;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.vapi.VapiSimulator;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the DESIGN.md invariants after a chaos run, against the database, the simulators' inventories and the SMTP
 * capture. Every violation is listed with what it concerns (saga id, resource id), so it can be reported as found.
 */
final class InvariantChecker {
    /** The header the notifier writes (SmtpMailer.REQUEST_ID_HEADER). */
    static final String REQUEST_ID_HEADER = "X-Switchboard-Request-Id";
    private final Database db;
    private final TwilioSimulator twilio;
    private final VapiSimulator vapi;
    private final Inventory inventory;

    InvariantChecker(Database db, TwilioSimulator twilio, VapiSimulator vapi, Inventory inventory) {
        this.db = db;
        this.twilio = twilio;
        this.vapi = vapi;
        this.inventory = inventory;
    }

    /**
     * @param publishedEvents identities ({@code ce_source ce_id}) of the events the broker acknowledged
     * @param forgeries       unauthenticated commands and replies the attacker injected
     * @param deadLettered    ce_ids found on the dead-letter topics
     */
    ChaosVerdict check(Collection<String> publishedEvents, List<MimeMessage> emails, List<Operator.Forgery> forgeries,
                       java.util.Set<String> deadLettered) throws Exception {
        Map<String, List<String>> v = new LinkedHashMap<>();
        Map<String, Long> states = new LinkedHashMap<>();
        db.query("select state, count(*) as n from saga_instance group by state order by state")
                .forEach(r -> states.put((String) r.get("state"), ((Number) r.get("n")).longValue()));

        // Every saga terminal, or parked visibly (FAILED with the step that failed).
        v.put("stuck", db.query("""
                select id, saga_type, org_id, state, failed_step from saga_instance
                where state in ('RUNNING', 'COMPENSATING') or (state = 'FAILED' and failed_step is null)""")
                .stream().map(Object::toString).toList());
        v.put("pendingEvents", db.strings("select event_id || ' ' || org_id || ' ' || event_type from org_event where status = 'PENDING'"));

        // No message lost: every event the broker acknowledged has its org_event row, under its identity (ce_source,
        // ce_id) — two upstream sources may use the same id — and a redelivery has none of its own.
        var received = new java.util.HashSet<>(db.strings("select coalesce(event_source, '') || ' ' || event_id from org_event"));
        v.put("lostEvents", publishedEvents.stream().distinct().filter(id -> !received.contains(id)).toList());
        v.put("duplicateEvents", db.strings("""
                select coalesce(event_source, '') || ' ' || event_id || ' recorded ' || count(*) || '×' from org_event
                group by event_source, event_id having count(*) > 1"""));

        // Nothing forged was believed: every unauthenticated command and reply is on its dead-letter topic.
        v.put("forgeriesNotDeadLettered", forgeries.stream().filter(f -> !deadLettered.contains(f.eventId()))
                .map(f -> f.topic() + " " + f.eventId() + ": " + f.what()).toList());

        // No leaks: reconcile provider inventory with the database.
        List<Reconciler.Finding> findings = Reconciler.reconcile(inventory.list().resources(), DbReferences.load(db::query));
        v.put("leaked", findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.ORPHAN).map(Object::toString).toList());
        v.put("shared", findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.SHARED).map(Object::toString).toList());
        v.put("dangling", findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.DANGLING).map(Object::toString).toList());
        List<String> held = findings.stream().filter(f -> f.verdict() == Reconciler.Verdict.HELD).map(Object::toString).toList();

        // No duplicate purchase: at most one number ever bought per purchase tag (owned and released alike).
        Map<String, Long> byTag = Stream.concat(twilio.ownedNumbers().stream().map(n -> n.friendlyName()),
                        twilio.releasedNumbers().stream().map(n -> n.friendlyName()))
                // Owner tags (sb/…) and the tags written before them (sb:<requestId>); each names one request.
                .filter(Objects::nonNull).filter(t -> t.startsWith("sb:") || t.startsWith("sb/"))
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        v.put("duplicatePurchases", byTag.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " bought " + e.getValue() + "×").toList());
        long bought = twilio.ownedNumbers().size() + twilio.releasedNumbers().size();
        if (bought != twilio.purchaseCount()) {
            v.put("purchaseAccounting", List.of("purchaseCount " + twilio.purchaseCount() + " != owned + released " + bought));
        }

        // No duplicate assistant alive: at most one live assistant per creating request.
        Map<String, Long> assistantsByRequest = vapi.assistants().stream()
                .map(a -> a.metadata() == null ? null : a.metadata().path("switchboardRequestId").asString(null))
                .filter(Objects::nonNull).collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        v.put("duplicateAssistants", assistantsByRequest.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> "request " + e.getKey() + " has " + e.getValue() + " assistants").toList());

        // At most one email per saga and kind: the notifier stamps X-Switchboard-Request-Id (= sagaId:step) on each
        // email; an organization onboarded twice (a second approval after a failed first) rightly gets two.
        Map<String, Integer> perRequest = new HashMap<>();
        for (MimeMessage m : emails) {
            String[] requestId = m.getHeader(REQUEST_ID_HEADER);
            String key = (requestId == null || requestId.length == 0 ? "no-request-id " + m.getMessageID() : requestId[0])
                    + " | " + m.getSubject() + " | " + java.util.Arrays.toString(m.getAllRecipients());
            perRequest.merge(key, 1, Integer::sum);
        }
        v.put("duplicateEmails", perRequest.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " ×" + e.getValue()).toList());
        List<String> uncertainEmails = db.tableExists("notifier.email_delivery")
                ? db.strings("select request_id || ' ' || kind || ' ' || org_id from notifier.email_delivery where status = 'PENDING'")
                : List.of();

        v.putAll(new OwnershipChecks(db, twilio, vapi).check());

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("sagas", states);
        counts.put("eventsPublished", publishedEvents.size());
        counts.put("numbersBought", twilio.purchaseCount());
        counts.put("numbersOwned", twilio.ownedNumbers().size());
        counts.put("assistantsCreated", vapi.assistantCreateCount());
        counts.put("assistantsAlive", vapi.assistants().size());
        counts.put("vapiNumbers", vapi.phoneNumbers().size());
        counts.put("emails", emails.size());
        counts.put("faultsInjected", "twilio " + twilio.faults().injectedCount() + ", vapi " + vapi.faults().injectedCount());
        counts.put("providerCalls", "twilio " + twilio.stats().total() + ", vapi " + vapi.stats().total());
        return new ChaosVerdict(counts, v, held, uncertainEmails);
    }
}
