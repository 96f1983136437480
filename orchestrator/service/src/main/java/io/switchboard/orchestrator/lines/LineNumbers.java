package io.switchboard.orchestrator.lines;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organizations' additional numbers ({@code line_number}). Every method runs in the caller's transaction. */
public class LineNumbers {
    private static final String COLUMNS = "number_sid, org_id, phone_number, source, twilio_credential_id, country, "
            + "vapi_phone_number_id, assistant_id, status, created_by_saga, created_at";
    private static final RowMapper<LineNumber> ROW = (rs, i) -> new LineNumber(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getObject(10, UUID.class), rs.getTimestamp(11).toInstant());

    private final JdbcTemplate jdbc;
    private final int maxPerOrganization;

    /** @param maxPerOrganization {@code switchboard.numbers.max-per-organization} */
    public LineNumbers(JdbcTemplate jdbc, int maxPerOrganization) {
        this.jdbc = jdbc;
        this.maxPerOrganization = maxPerOrganization;
    }

    /**
     * Why the line cannot take one more number, or empty: its own number and the added ones count against
     * {@code switchboard.numbers.max-per-organization}.
     */
    public Optional<String> whyNoMoreNumbers(AiConfig line) {
        int held = countOf(line.orgId()) + (NumberLinks.numberIdOf(line).isPresent() ? 1 : 0);
        if (held >= maxPerOrganization) {
            return Optional.of("the organization holds " + held + " numbers, the most one organization may hold "
                    + "(switchboard.numbers.max-per-organization = " + maxPerOrganization + ")");
        }
        return Optional.empty();
    }

    /** The organization's additional numbers, oldest first. */
    public List<LineNumber> of(String orgId) {
        return jdbc.query("select " + COLUMNS + " from line_number where org_id = ? order by created_at, number_sid",
                ROW, orgId);
    }

    /** The organization's number with this Twilio SID; another organization's is as absent as none. */
    public Optional<LineNumber> find(String orgId, String numberSid) {
        return jdbc.query("select " + COLUMNS + " from line_number where org_id = ? and number_sid = ?", ROW, orgId,
                numberSid).stream().findFirst();
    }

    /** Whether a line of any organization uses the number: its line's own (ai_config) or an additional one. */
    public boolean anyLineUses(String numberSid) {
        Boolean used = jdbc.queryForObject("select exists (select 1 from ai_config where number_sid = ?) "
                + "or exists (select 1 from line_number where number_sid = ?)", Boolean.class, numberSid, numberSid);
        return Boolean.TRUE.equals(used);
    }

    public int countOf(String orgId) {
        Integer count = jdbc.queryForObject("select count(*) from line_number where org_id = ?", Integer.class, orgId);
        return count == null ? 0 : count;
    }

    void insert(LineNumber number) {
        jdbc.update("insert into line_number (" + COLUMNS + ", updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                number.numberSid(), number.orgId(), number.phoneNumber(), number.source(), number.twilioCredentialId(),
                number.country(), number.vapiPhoneNumberId(), number.assistantId(), number.status(),
                number.createdBySaga(), Timestamp.from(number.createdAt()), Timestamp.from(number.createdAt()));
    }

    void markRemoving(String orgId, String numberSid, Instant at) {
        jdbc.update("update line_number set status = ?, updated_at = ? where org_id = ? and number_sid = ?",
                LineNumber.REMOVING, Timestamp.from(at), orgId, numberSid);
    }

    boolean linkTo(String orgId, String numberSid, String assistantId, Instant at) {
        return jdbc.update("update line_number set assistant_id = ?, updated_at = ? where org_id = ? and number_sid = ?",
                assistantId, Timestamp.from(at), orgId, numberSid) == 1;
    }

    void delete(String orgId, String numberSid) {
        jdbc.update("delete from line_number where org_id = ? and number_sid = ?", orgId, numberSid);
    }
}
