package io.switchboard.orchestrator.credentials;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * What still lives in the account a credential opens. Deleting such a credential would leave a paid number nobody
 * can release (the release command could no longer authenticate), so the API refuses it while any of these holds:
 * the organization's line uses a number there (its own or one it added), the pool holds one there (given back under the POOL policy, until it
 * is released for idling), or an unfinished saga of the organization works with the credential (it may have bought
 * a number its line does not name yet, and its undo needs the credential).
 */
final class CredentialUsage {
    private final JdbcTemplate jdbc;

    CredentialUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param lineNumbers   phone numbers of the organization's line in that account
     * @param pooledNumbers phone numbers the pool holds in that account
     * @param sagaIds       unfinished (running, compensating, parked) sagas of the organization using it
     */
    record Usage(List<String> lineNumbers, List<String> pooledNumbers, List<String> sagaIds) {
        boolean inUse() {
            return !lineNumbers.isEmpty() || !pooledNumbers.isEmpty() || !sagaIds.isEmpty();
        }
    }

    Usage of(String orgId, String credentialId) {
        List<String> line = jdbc.queryForList("select coalesce(phone_number, number_sid) from ai_config"
                + " where org_id = ? and twilio_credential_id = ? and number_sid is not null", String.class,
                orgId, credentialId);
        line = new java.util.ArrayList<>(line);
        line.addAll(jdbc.queryForList("select phone_number from line_number where org_id = ? and twilio_credential_id = ?"
                + " order by created_at", String.class, orgId, credentialId));
        List<String> pooled = jdbc.queryForList("select phone_number from number_pool where twilio_credential_id = ?"
                + " order by phone_number", String.class, credentialId);
        List<String> sagas = jdbc.queryForList("select id::text from saga_instance where org_id = ?"
                + " and state in ('RUNNING', 'COMPENSATING', 'FAILED') and data ->> 'twilioCredentialId' = ?"
                + " order by created_at", String.class, orgId, credentialId);
        return new Usage(line, pooled, sagas);
    }
}
