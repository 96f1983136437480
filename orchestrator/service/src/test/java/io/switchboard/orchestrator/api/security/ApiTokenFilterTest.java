package io.switchboard.orchestrator.api.security;

import io.switchboard.orchestrator.api.problems.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenFilterTest {
    /** The token store as it is while the database is down. */
    private static final JdbcTemplate UNREACHABLE = new JdbcTemplate() {
        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            throw new DataAccessResourceFailureException("connection refused");
        }
    };

    private final ApiTokenFilter filter = new ApiTokenFilter(
            new TokenRegistry(new ApiProperties(List.of("ops-1"), Map.of()),
                    new OrganizationTokens(UNREACHABLE, Clock.systemUTC())),
            new AccessPolicy(), new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void anIssuedTokenThatCannotBeCheckedIsTryAgainNotUnauthorizedAndHealthStaysOpen() throws Exception {
        MockHttpServletResponse response = send("/api/v1/organizations/acme/ai-status", "sb_org_whatever");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("/problems/service-unavailable")
                .doesNotContain("sb_org_whatever");

        assertThat(send("/actuator/health", "sb_org_whatever").getStatus()).isEqualTo(200);
        // Configured tokens are checked in memory: they keep working.
        assertThat(send("/api/v1/sagas", "ops-1").getStatus()).isEqualTo(200);
        // A token without the issued tokens' prefix is not looked up: plainly invalid.
        assertThat(send("/api/v1/sagas", "guess").getStatus()).isEqualTo(401);
    }

    private MockHttpServletResponse send(String path, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
