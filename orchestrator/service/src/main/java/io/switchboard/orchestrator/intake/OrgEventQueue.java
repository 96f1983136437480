package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.ActiveSagas;
import io.switchboard.saga.runtime.SagaEndListener;
import io.switchboard.saga.runtime.SagaStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The organizations' queue of events and ops requests ({@code org_event}): one saga per organization at a time, in
 * arrival order. Events that arrive while a saga runs wait here; when the saga ends the next one starts. Of several
 * waiting {@code InboundAiChanged} events only the last matters (the org must end in the state of the last event), so
 * the earlier ones are superseded rather than each building and tearing down a line.
 * All methods run inside the caller's transaction.
 */
public class OrgEventQueue implements SagaEndListener {
    private static final Logger log = LoggerFactory.getLogger(OrgEventQueue.class);

    private final JdbcTemplate jdbc;
    private final ActiveSagas activeSagas;
    private final SagaLauncher launcher;
    private final JsonCodec codec;
    private final IgnoredEvents ignored;
    private final Clock clock;

    public OrgEventQueue(JdbcTemplate jdbc, ActiveSagas activeSagas, SagaLauncher launcher, JsonCodec codec,
                         IgnoredEvents ignored, Clock clock) {
        this.jdbc = jdbc;
        this.activeSagas = activeSagas;
        this.launcher = launcher;
        this.codec = codec;
        this.ignored = ignored;
        this.clock = clock;
    }

    void enqueue(String source, String eventId, String type, String orgId, Object body, SagaStarter starter) {
        lockOrganization(orgId);
        jdbc.update("insert into org_event (event_source, event_id, org_id, event_type, payload, received_at, status) "
                        + "values (?, ?, ?, ?, ?::jsonb, ?, 'PENDING')",
                source, eventId, orgId, type, codec.encodeToString(body), Timestamp.from(clock.instant()));
        startNextIfIdle(orgId, starter);
    }

    /** Whether the organization has a request of this type waiting for its turn. */
    public boolean hasPending(String orgId, String type) {
        Boolean pending = jdbc.queryForObject("select exists (select 1 from org_event where org_id = ? "
                + "and event_type = ? and status = 'PENDING')", Boolean.class, orgId, type);
        return Boolean.TRUE.equals(pending);
    }

    @Override
    public void sagaEnded(SagaInstance saga, SagaStarter starter) {
        lockOrganization(saga.orgId());
        startNextIfIdle(saga.orgId(), starter);
    }

    /** Both reads under the organization's lock; the queue first, as a saga usually ends with nothing waiting. */
    private void startNextIfIdle(String orgId, SagaStarter starter) {
        List<PendingEvent> pending = pendingEvents(orgId);
        if (pending.isEmpty() || activeSagas.any(orgId)) {
            return;
        }
        for (int i = 0; i < pending.size(); i++) {
            PendingEvent next = pending.get(i);
            if (next.event() instanceof InboundAiChanged && laterToggleExists(pending, i)) {
                mark(next, "SUPERSEDED", null, "a later InboundAiChanged decides the final state");
                continue;
            }
            SagaLauncher.Decision decision = launcher.decide(next.event());
            if (decision instanceof SagaLauncher.Start start) {
                SagaInstance saga = starter.start(start.sagaType(), orgId, start.data());
                mark(next, "STARTED", saga.id(), null);
                return;
            }
            if (decision instanceof SagaLauncher.Before before) {
                // The event keeps its place: when this saga ends, it is decided again.
                SagaInstance saga = starter.start(before.sagaType(), orgId, before.data());
                log.info("Event {} for org {} waits for saga {} ({}): {}", next.eventId(), orgId, saga.id(),
                        before.sagaType(), before.reason());
                return;
            }
            String note = ((SagaLauncher.Ignore) decision).reason();
            log.info("Event {} for org {} starts no saga: {}", next.eventId(), orgId, note);
            mark(next, "IGNORED", null, note);
            ignored.publish(orgId, next.eventId(), note);
        }
    }

    private static boolean laterToggleExists(List<PendingEvent> pending, int index) {
        return pending.subList(index + 1, pending.size()).stream().anyMatch(p -> p.event() instanceof InboundAiChanged);
    }

    private List<PendingEvent> pendingEvents(String orgId) {
        return jdbc.query("select id, event_id, event_type, payload from org_event "
                        + "where org_id = ? and status = 'PENDING' order by id",
                (rs, i) -> new PendingEvent(rs.getLong(1), rs.getString(2), decode(rs.getString(3), rs.getString(4))),
                orgId);
    }

    private Object decode(String type, String payload) {
        Class<?> bodyClass = switch (type) {
            case OpsRequest.RetrySetup.TYPE -> OpsRequest.RetrySetup.class;
            case OpsRequest.Cleanup.TYPE -> OpsRequest.Cleanup.class;
            case OpsRequest.AwaitFreeNumber.TYPE -> OpsRequest.AwaitFreeNumber.class;
            case OpsRequest.LinkNumberAssistant.TYPE -> OpsRequest.LinkNumberAssistant.class;
            case OpsRequest.UpdateAssistants.TYPE -> OpsRequest.UpdateAssistants.class;
            case OpsRequest.AddNumber.TYPE -> OpsRequest.AddNumber.class;
            case OpsRequest.RemoveNumber.TYPE -> OpsRequest.RemoveNumber.class;
            default -> MessageTypes.classOf(type).orElseThrow(() -> new IllegalStateException("unknown queued " + type));
        };
        return codec.decodeLenient(payload, bodyClass);
    }

    private void mark(PendingEvent event, String status, UUID sagaId, String note) {
        jdbc.update("update org_event set status = ?, saga_id = ?, note = ? where id = ?", status, sagaId, note, event.id());
    }

    /** Serialises intake and saga hand-over for one organization across threads and orchestrator instances. */
    private void lockOrganization(String orgId) {
        // One statement: an upsert that conflicts takes the existing row's lock, just like SELECT … FOR UPDATE.
        jdbc.queryForObject("insert into org_lock (org_id) values (?) on conflict (org_id) do update "
                + "set org_id = excluded.org_id returning org_id", String.class, orgId);
    }

    private record PendingEvent(long id, String eventId, Object event) {
    }
}
