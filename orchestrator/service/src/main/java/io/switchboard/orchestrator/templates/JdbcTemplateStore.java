package io.switchboard.orchestrator.templates;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Templates in {@code assistant_template} (versions are never updated: a trigger refuses it) and pins. */
public class JdbcTemplateStore implements TemplateStore {
    private static final String COLUMNS = "name, version, system_prompt, first_message, outbound_first_message, "
            + "model_provider, model, voice_provider, voice_id, created_at, created_by";
    private static final int TEMPLATE_COLUMNS = 11;
    private static final RowMapper<AssistantTemplate> TEMPLATE = (rs, i) -> templateAt(rs, 1).orElseThrow();
    private static final RowMapper<TemplatePin> PIN = (rs, i) -> new TemplatePin(rs.getString(1), rs.getString(2),
            (Integer) rs.getObject(3), rs.getTimestamp(4).toInstant(), rs.getString(5));
    /**
     * The organization's pin (columns 1–5), the template version it names or that template's latest (6–16), and the
     * default's latest (17–27); a join that finds nothing leaves its columns null.
     */
    private static final String CANDIDATES = """
            select p.org_id, p.template_name, p.template_version, p.pinned_at, p.pinned_by, pt.*, dt.*
            from (select 1) one
            left join organization_assistant_template p on p.org_id = ?
            left join lateral (select %1$s from assistant_template t where t.name = p.template_name
                               and (p.template_version is null or t.version = p.template_version)
                               order by t.version desc limit 1) pt on true
            left join lateral (select %1$s from assistant_template t where t.name = ?
                               order by t.version desc limit 1) dt on true
            """.formatted(COLUMNS.replaceAll("(\\w+)", "t.$1"));
    /** Two editors adding a version of one template at once: the loser takes the next number. */
    private static final int VERSION_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcTemplateStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public AssistantTemplate addVersion(NewTemplate t) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.queryForObject("insert into assistant_template (" + COLUMNS + ") "
                                + "select ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                                + "from assistant_template where name = ? returning " + COLUMNS, TEMPLATE,
                        t.name(), t.systemPrompt(), t.firstMessage(), t.outboundFirstMessage(), t.modelProvider(),
                        t.model(), t.voiceProvider(), t.voiceId(), Timestamp.from(clock.instant()), t.createdBy(),
                        t.name());
            } catch (DuplicateKeyException e) {
                if (attempt == VERSION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<AssistantTemplate> latest(String name) {
        return jdbc.query("select " + COLUMNS + " from assistant_template where name = ? order by version desc limit 1",
                TEMPLATE, name).stream().findFirst();
    }

    @Override
    public Optional<AssistantTemplate> version(String name, int version) {
        return jdbc.query("select " + COLUMNS + " from assistant_template where name = ? and version = ?",
                TEMPLATE, name, version).stream().findFirst();
    }

    @Override
    public List<AssistantTemplate> versions(String name) {
        return jdbc.query("select " + COLUMNS + " from assistant_template where name = ? order by version", TEMPLATE,
                name);
    }

    @Override
    public List<AssistantTemplate> latestOfEach() {
        return jdbc.query("select distinct on (name) " + COLUMNS + " from assistant_template "
                + "order by name, version desc", TEMPLATE);
    }

    @Override
    public Optional<TemplatePin> pin(String orgId) {
        return jdbc.query("select org_id, template_name, template_version, pinned_at, pinned_by "
                        + "from organization_assistant_template where org_id = ?", PIN, orgId).stream().findFirst();
    }

    /** In one statement: each create-assistant command resolves its template, two per onboarding. */
    @Override
    public Candidates candidates(String orgId, String defaultName) {
        return jdbc.queryForObject(CANDIDATES, (rs, i) -> new Candidates(
                rs.getString(1) == null ? Optional.empty() : Optional.of(PIN.mapRow(rs, i)),
                templateAt(rs, 6), templateAt(rs, 6 + TEMPLATE_COLUMNS)), orgId, defaultName);
    }

    /** The template whose {@link #COLUMNS} start at {@code first}; empty where the join found none. */
    private static Optional<AssistantTemplate> templateAt(ResultSet rs, int first) throws SQLException {
        if (rs.getString(first) == null) {
            return Optional.empty();
        }
        return Optional.of(new AssistantTemplate(rs.getString(first), rs.getInt(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                rs.getString(first + 7), rs.getString(first + 8), rs.getTimestamp(first + 9).toInstant(),
                rs.getString(first + 10)));
    }

    @Override
    public void savePin(TemplatePin pin) {
        jdbc.update("insert into organization_assistant_template (org_id, template_name, template_version, pinned_at, "
                        + "pinned_by) values (?, ?, ?, ?, ?) on conflict (org_id) do update set "
                        + "template_name = excluded.template_name, template_version = excluded.template_version, "
                        + "pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by",
                pin.orgId(), pin.templateName(), pin.templateVersion(), Timestamp.from(pin.pinnedAt()), pin.pinnedBy());
    }

    @Override
    public boolean removePin(String orgId) {
        return jdbc.update("delete from organization_assistant_template where org_id = ?", orgId) > 0;
    }
}
