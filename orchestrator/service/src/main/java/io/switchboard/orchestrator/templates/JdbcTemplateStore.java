package io.switchboard.orchestrator.templates;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Templates in {@code assistant_template} (versions are never updated: a trigger refuses it) and pins. */
public class JdbcTemplateStore implements TemplateStore {
    private static final String COLUMNS = "name, version, system_prompt, first_message, outbound_first_message, "
            + "model_provider, model, voice_provider, voice_id, created_at, created_by";
    private static final RowMapper<AssistantTemplate> TEMPLATE = (rs, i) -> new AssistantTemplate(rs.getString(1),
            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11));
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
                        + "from organization_assistant_template where org_id = ?",
                (rs, i) -> new TemplatePin(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)), orgId).stream().findFirst();
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
