package io.switchboard.orchestrator.pool;

import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.saga.definition.StepContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers the platform pays for and no organization uses: {@code AVAILABLE} (in stock) or {@code RELEASING} (an
 * idle-release saga is giving it back to Twilio). Nothing else is in the table. A number an organization takes
 * leaves it, in the saga's transaction: from then on the saga's data, and once the line is saved its
 * {@code ai_config}, say whose it is, and nothing here does. One record per number on purpose — a second one
 * ("assigned", kept beside the config) went stale whenever the line's number was released at Twilio (issue 11).
 * <p>
 * Taking locks the row with {@code SKIP LOCKED}, so two sagas never get the same number; a crash either keeps both
 * the take and the saga step or neither. A number comes back ({@link #giveBack}) when its organization gives it up
 * under the POOL policy or the saga that took it is undone. At Twilio a pooled number's owner tag says "pool"; the
 * sagas re-tag it when an organization takes it ({@link #ASSIGN_STEP}) and before it comes back.
 */
public class NumberPool {
    /** The saga step that re-tags a taken number at Twilio for the organization that took it. */
    public static final String ASSIGN_STEP = "assign-pooled-number";
    /** In stock: the next organization that asks may take it. */
    static final String AVAILABLE = "AVAILABLE";
    /** Idle too long: a pool-release-idle saga is giving it back to Twilio. */
    static final String RELEASING = "RELEASING";
    private static final Logger log = LoggerFactory.getLogger(NumberPool.class);

    private final JdbcTemplate jdbc;
    private final PoolProperties properties;
    private final Clock clock;

    public NumberPool(JdbcTemplate jdbc, PoolProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Takes the longest-idle available number for the country (and area code, when one is asked for) out of the
     * pool: it is the organization's from now on, so its row goes.
     */
    public Optional<PooledNumber> take(String orgId, String country, String areaCode, String twilioCredentialId) {
        Optional<PooledNumber> taken = jdbc.query("""
                delete from number_pool
                where number_sid = (
                    select number_sid from number_pool
                    where status = 'AVAILABLE' and country = ? and (? is null or area_code = ?)
                      and coalesce(twilio_credential_id, '') = coalesce(?, '')
                    order by idle_since limit 1 for update skip locked)
                returning number_sid, phone_number, country, area_code, twilio_credential_id""",
                (rs, i) -> new PooledNumber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                country, areaCode, areaCode, twilioCredentialId).stream().findFirst();
        taken.ifPresent(n -> log.info("Organization {} takes pooled number {} ({})", orgId, n.phoneNumber(), n.numberSid()));
        return taken;
    }

    /**
     * Puts a number (taken from the pool, or bought and now given up) in stock. Only a number no organization uses
     * comes here, so it has no row; should one exist (the number is already in stock or being released), it is
     * left as it is: never a second row, never a release in flight turned back into stock.
     */
    public void giveBack(String numberSid, String phoneNumber, String country, String twilioCredentialId) {
        Timestamp now = Timestamp.from(clock.instant());
        int added = jdbc.update("""
                insert into number_pool (number_sid, phone_number, country, area_code, twilio_credential_id, status,
                                         idle_since, created_at)
                values (?, ?, ?, ?, ?, 'AVAILABLE', ?, ?)
                on conflict (number_sid) do nothing""",
                numberSid, phoneNumber, country == null ? "US" : country, areaCodeOf(phoneNumber), twilioCredentialId,
                now, now);
        if (added == 0) {
            log.warn("Number {} ({}) is in the pool already; left as it is", phoneNumber, numberSid);
        }
    }

    /**
     * Undoes a take. The number goes back to stock, unless the saga is being undone because Twilio refused to move
     * it to the organization ({@link #ASSIGN_STEP} failed for good: its owner tag names someone else, or Twilio no
     * longer has it). Then it is not the pool's to hand out, and it stays out of the pool (the take removed its
     * row) instead of failing the next organization that takes it.
     *
     * @param undoing the compensation's context, which names the step whose failure is being undone
     */
    public void undoTake(String numberSid, String phoneNumber, String country, String twilioCredentialId,
                         StepContext undoing) {
        if (ASSIGN_STEP.equals(undoing.failedStep()) && undoing.failureReason() != null
                && (undoing.failureReason().startsWith(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION)
                || undoing.failureReason().startsWith(StepFailed.INVALID_REQUEST))) {
            log.warn("Pooled number {} ({}) is not the pool's at Twilio ({}); it does not go back to the pool",
                    phoneNumber, numberSid, undoing.failureReason());
            return;
        }
        giveBack(numberSid, phoneNumber, country, twilioCredentialId);
    }

    /** Takes an available number out of stock for release; false when a saga took it in the meantime. */
    public boolean markReleasing(String numberSid) {
        return jdbc.update("update number_pool set status = 'RELEASING' where number_sid = ? and status = 'AVAILABLE'",
                numberSid) == 1;
    }

    /**
     * Numbers taken out of stock for release whose release saga ended without releasing them (ops stopped it, or
     * its attempts ran out) and that no release saga is working on now: they are still at Twilio, tagged for the
     * pool, and nobody may take them (a late, in-doubt release could still land), so they are released again —
     * a second release of a number already gone is answered as released. Locked with {@code SKIP LOCKED}: two
     * orchestrators checking at once start one saga per number.
     */
    public List<PooledNumber> unfinishedReleases(int limit) {
        return jdbc.query("""
                select p.number_sid, p.phone_number, p.country, p.area_code, p.twilio_credential_id from number_pool p
                where p.status = 'RELEASING' and coalesce(p.twilio_credential_id, '') = ''
                and not exists (select 1 from saga_instance s where s.saga_type = ? and s.state in ('RUNNING', 'COMPENSATING')
                                and s.data ->> 'numberSid' = p.number_sid)
                order by p.idle_since limit ? for update of p skip locked""",
                (rs, i) -> new PooledNumber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                PoolSagas.RELEASE_IDLE, limit);
    }

    public void remove(String numberSid) {
        jdbc.update("delete from number_pool where number_sid = ?", numberSid);
    }

    /**
     * Available numbers idle for longer than the configured age, oldest first. Only numbers in the platform's own
     * account: the release runs as the pool, which holds no organization's credential. (The line sagas no longer
     * pool a number in an organization's own account; one pooled before stays until that organization takes it.)
     */
    public List<PooledNumber> idleTooLong(int limit) {
        Instant threshold = clock.instant().minus(properties.idleReleaseAfter());
        return jdbc.query("""
                select number_sid, phone_number, country, area_code, twilio_credential_id from number_pool
                where status = 'AVAILABLE' and idle_since < ? and coalesce(twilio_credential_id, '') = ''
                order by idle_since limit ?""",
                (rs, i) -> new PooledNumber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)),
                Timestamp.from(threshold), limit);
    }

    /** VAPI's free numbers per account ({@code switchboard.pool.vapi-free-number-limit}). */
    public int vapiFreeNumberLimit() {
        return properties.vapiFreeNumberLimit();
    }

    /** What the pool holds now, by status and provider. */
    public PoolStats stats(long vapiFreeNumbersInUse) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Map<String, Long> byProvider = new LinkedHashMap<>();
        jdbc.query("select status, provider, count(*) from number_pool group by status, provider", rs -> {
            byStatus.merge(rs.getString(1), rs.getLong(3), Long::sum);
            byProvider.merge(rs.getString(2), rs.getLong(3), Long::sum);
        });
        long available = byStatus.getOrDefault(AVAILABLE, 0L);
        long releasing = byStatus.getOrDefault(RELEASING, 0L);
        double usedPercent = properties.vapiFreeNumberLimit() == 0 ? 0
                : 100.0 * vapiFreeNumbersInUse / properties.vapiFreeNumberLimit();
        return new PoolStats(available + releasing, available, releasing, byProvider, usedPercent,
                usedPercent >= properties.warnAtPercent());
    }

    /** North-American numbers carry their area code in digits 2–4 of the E.164 form (+1 NPA …). */
    static String areaCodeOf(String phoneNumber) {
        return phoneNumber != null && phoneNumber.startsWith("+1") && phoneNumber.length() >= 5
                ? phoneNumber.substring(2, 5) : null;
    }
}
