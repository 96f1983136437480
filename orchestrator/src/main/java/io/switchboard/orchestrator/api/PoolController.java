package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PoolStats;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Number pool statistics for ops. */
@RestController
@RequestMapping("/api/v1/number-pool")
public class PoolController {
    private final NumberPool pool;
    private final JdbcTemplate jdbc;

    public PoolController(NumberPool pool, JdbcTemplate jdbc) {
        this.pool = pool;
        this.jdbc = jdbc;
    }

    @GetMapping("/stats")
    public PoolStats stats() {
        // Free VAPI numbers count against VAPI's per-account limit; lines record them with source VAPI_FREE.
        Long vapiFree = jdbc.queryForObject("select count(*) from ai_config where number_source = 'VAPI_FREE'", Long.class);
        return pool.stats(vapiFree == null ? 0 : vapiFree);
    }
}
