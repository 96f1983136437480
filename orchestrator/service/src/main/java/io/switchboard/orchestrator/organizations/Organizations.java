package io.switchboard.orchestrator.organizations;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.events.OrganizationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Records what each upstream event says about its organization, in the caller's transaction (the intake's), so the
 * status API and later decisions see upstream's latest word. A field an event leaves out keeps its earlier value.
 */
public class Organizations {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Organizations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(OrganizationEvent event) {
        Timestamp now = Timestamp.from(clock.instant());
        if (event instanceof OrganizationApproved approved) {
            jdbc.update("insert into organization (org_id, company_name, owner_email, status, country, area_code, "
                            + "twilio_credential_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (org_id) do update set company_name = excluded.company_name, "
                            + "owner_email = excluded.owner_email, status = excluded.status, country = excluded.country, "
                            + "area_code = excluded.area_code, twilio_credential_id = excluded.twilio_credential_id, "
                            + "updated_at = excluded.updated_at",
                    approved.orgId(), approved.orgName(), approved.ownerEmail(), approved.status(), approved.country(),
                    approved.areaCode(), approved.twilioCredentialId(), now);
        } else if (event instanceof InboundAiChanged toggle) {
            jdbc.update("insert into organization (org_id, company_name, owner_email, inbound_ai, country, area_code, "
                            + "twilio_credential_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (org_id) do update set inbound_ai = excluded.inbound_ai, "
                            + "company_name = coalesce(excluded.company_name, organization.company_name), "
                            + "owner_email = coalesce(excluded.owner_email, organization.owner_email), "
                            + "country = coalesce(excluded.country, organization.country), "
                            + "area_code = coalesce(excluded.area_code, organization.area_code), "
                            + "twilio_credential_id = coalesce(excluded.twilio_credential_id, organization.twilio_credential_id), "
                            + "updated_at = excluded.updated_at",
                    toggle.orgId(), toggle.orgName(), toggle.ownerEmail(), toggle.inboundAi(), toggle.country(),
                    toggle.areaCode(), toggle.twilioCredentialId(), now);
        }
    }

    public Optional<OrganizationRecord> find(String orgId) {
        return jdbc.query("select org_id, company_name, owner_email, status, inbound_ai, country, area_code, "
                        + "twilio_credential_id, updated_at from organization where org_id = ?",
                (rs, i) -> new OrganizationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Boolean) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()), orgId).stream().findFirst();
    }
}
