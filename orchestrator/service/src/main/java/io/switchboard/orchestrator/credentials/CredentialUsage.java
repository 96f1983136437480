package io.switchboard.orchestrator.credentials;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a number still lives in the account a credential opens. Deleting such a credential would leave a paid
 * number nobody can release (the release command could no longer authenticate), so the API refuses it.
 */
final class CredentialUsage {
    private final JdbcTemplate jdbc;

    CredentialUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean holdsNumbers(String orgId, String credentialId) {
        Integer configured = jdbc.queryForObject("select count(*) from ai_config where org_id = ?"
                + " and twilio_credential_id = ? and number_sid is not null", Integer.class, orgId, credentialId);
        Integer pooled = jdbc.queryForObject("select count(*) from number_pool where twilio_credential_id = ?"
                + " and status <> 'RELEASED'", Integer.class, credentialId);
        return configured != null && configured > 0 || pooled != null && pooled > 0;
    }
}
