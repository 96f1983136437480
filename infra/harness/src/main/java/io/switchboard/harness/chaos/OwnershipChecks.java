package io.switchboard.harness.chaos;

import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.phonenumbers.PhoneNumberName;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.harness.Database;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.sim.vapi.Assistant;
import io.switchboard.sim.vapi.PhoneNumber;
import io.switchboard.sim.vapi.VapiSimulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The invariants the ownership trials (issue 11) broke, checked against what the providers hold:
 * <ul>
 *   <li>{@code crossOrganization}: every resource a line references is its organization's — the Twilio number's
 *       owner tag, each assistant's {@code orgId} metadata, the VAPI registration's owner tag — and no VAPI number is
 *       bound to another organization's assistant;</li>
 *   <li>{@code twoLinesOnOneNumber}: no phone number (or number SID) in two lines, and no number registered twice
 *       at VAPI;</li>
 *   <li>{@code givenUpLeftEffect}: a step the engine gave up on (its last attempt timed out, or ops cancelled it) in a
 *       finished saga left nothing behind: no live resource carries that step's request id.</li>
 * </ul>
 */
final class OwnershipChecks {
    private static final String LEGACY_PREFIX = "sb:";

    private final Database db;
    private final TwilioSimulator twilio;
    private final VapiSimulator vapi;

    OwnershipChecks(Database db, TwilioSimulator twilio, VapiSimulator vapi) {
        this.db = db;
        this.twilio = twilio;
        this.vapi = vapi;
    }

    Map<String, List<String>> check() {
        Map<String, IncomingNumber> numbers = twilio.ownedNumbers().stream()
                .collect(Collectors.toMap(IncomingNumber::sid, Function.identity(), (a, b) -> a));
        Map<String, Assistant> assistants = vapi.assistants().stream()
                .collect(Collectors.toMap(Assistant::id, Function.identity(), (a, b) -> a));
        Map<String, PhoneNumber> registrations = vapi.phoneNumbers().stream()
                .collect(Collectors.toMap(PhoneNumber::id, Function.identity(), (a, b) -> a));

        List<String> cross = new ArrayList<>();
        // A line's own number (ai_config) and the numbers its organization added (line_number, the assistant it rings
        // in the inbound column) are checked alike.
        for (Map<String, Object> line : db.query("""
                select 'ai_config' as source, org_id, status, number_sid, vapi_phone_number_id, inbound_assistant_id,
                       outbound_assistant_id
                from ai_config
                union all
                select 'line_number', org_id, status, number_sid, vapi_phone_number_id, assistant_id, null
                from line_number""")) {
            String org = (String) line.get("org_id");
            String where = line.get("source") + "[" + org + "] (status " + line.get("status") + ")";
            IncomingNumber number = numbers.get((String) line.get("number_sid"));
            if (number != null) {
                OwnerTag tag = OwnerTag.parse(number.friendlyName(), LEGACY_PREFIX);
                if (tag.kind() != OwnerTag.Kind.LEGACY && !tag.names(NumberOwner.organization(org))) {
                    cross.add(where + " uses Twilio number " + number.sid() + " tagged for " + tag.describe());
                }
            }
            for (String column : List.of("inbound_assistant_id", "outbound_assistant_id")) {
                Assistant assistant = assistants.get((String) line.get(column));
                String owner = assistant == null ? null : assistantOrg(assistant);
                if (assistant != null && !org.equals(owner)) {
                    cross.add(where + "." + column + " is assistant " + assistant.id() + " of organization " + owner);
                }
            }
            PhoneNumber registration = registrations.get((String) line.get("vapi_phone_number_id"));
            if (registration != null && PhoneNumberName.hasOwnerTag(registration.name())
                    && !PhoneNumberName.taggedFor(registration.name(), org)) {
                cross.add(where + " uses VAPI number " + registration.id() + " tagged for another organization ('"
                        + registration.name() + "')");
            }
        }
        for (PhoneNumber registration : registrations.values()) {
            Assistant bound = registration.assistantId() == null ? null : assistants.get(registration.assistantId());
            String boundOrg = bound == null ? null : assistantOrg(bound);
            if (boundOrg != null && PhoneNumberName.hasOwnerTag(registration.name())
                    && !PhoneNumberName.taggedFor(registration.name(), boundOrg)) {
                cross.add("VAPI number " + registration.id() + " ('" + registration.name() + "', " + registration.number()
                        + ") is bound to assistant " + bound.id() + " of organization " + boundOrg);
            }
        }

        String allLines = "with lines as (select org_id, phone_number, number_sid from ai_config union all "
                + "select org_id, phone_number, number_sid from line_number) ";
        List<String> twoLines = new ArrayList<>(db.strings(allLines + """
                select 'phone number ' || phone_number || ' in lines ' || string_agg(org_id, ', ') from lines
                where phone_number is not null group by phone_number having count(*) > 1"""));
        twoLines.addAll(db.strings(allLines + """
                select 'number SID ' || number_sid || ' in lines ' || string_agg(org_id, ', ') from lines
                where number_sid is not null group by number_sid having count(*) > 1"""));
        registrations.values().stream().filter(r -> r.number() != null)
                .collect(Collectors.groupingBy(PhoneNumber::number, Collectors.counting()))
                .forEach((n, count) -> {
                    if (count > 1) {
                        twoLines.add("number " + n + " registered " + count + "× at VAPI");
                    }
                });

        List<String> givenUp = new ArrayList<>();
        for (Map<String, Object> step : db.query("""
                select s.saga_id::text as saga_id, s.step_name, s.error_code, i.org_id, i.state from saga_step s
                join saga_instance i on i.id = s.saga_id
                where s.direction = 'ACTION' and s.status = 'FAILED' and s.error_code in ('TIMEOUT', 'CANCELLED')
                and i.state in ('COMPLETED', 'COMPENSATED')""")) {
            String org = (String) step.get("org_id");
            String requestId = step.get("saga_id") + ":" + step.get("step_name");
            String what = "saga " + step.get("saga_id") + " (" + step.get("state") + ", org " + org + ") gave up on "
                    + step.get("step_name") + " (" + step.get("error_code") + ") but ";
            String requestRef = requestRef(requestId);
            for (IncomingNumber n : numbers.values()) {
                OwnerTag tag = OwnerTag.parse(n.friendlyName(), LEGACY_PREFIX);
                if (requestRef.equals(tag.requestRef()) || Objects.equals(n.friendlyName(), LEGACY_PREFIX + requestId)) {
                    givenUp.add(what + "Twilio number " + n.sid() + " it bought is still there (" + n.friendlyName() + ")");
                }
            }
            for (Assistant a : assistants.values()) {
                if (requestId.equals(a.metadata() == null ? null : a.metadata().path(AssistantSpec.REQUEST_ID_KEY).asString(null))) {
                    givenUp.add(what + "assistant " + a.id() + " ('" + a.name() + "') it created is still there");
                }
            }
            for (PhoneNumber r : registrations.values()) {
                if (PhoneNumberName.carries(r.name(), org, requestId)) {
                    givenUp.add(what + "VAPI number " + r.id() + " ('" + r.name() + "') it registered is still there");
                }
            }
        }

        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("crossOrganization", cross);
        v.put("twoLinesOnOneNumber", twoLines);
        v.put("givenUpLeftEffect", givenUp);
        return v;
    }

    private static String assistantOrg(Assistant assistant) {
        return assistant.metadata() == null ? null : assistant.metadata().path(AssistantSpec.ORG_ID_KEY).asString(null);
    }

    /** How an owner tag writes a request id (OwnerTag: raw when short, else '#' and 16 hex digits of its SHA-256). */
    static String requestRef(String requestId) {
        if (requestId.length() <= 24 && requestId.matches("[A-Za-z0-9._:@+-]+")) {
            return requestId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
