package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PoolMaintenance;
import io.switchboard.orchestrator.pool.PoolProperties;
import io.switchboard.orchestrator.pool.PoolStats;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The number pool for ops: what it holds, buying ahead of demand, releasing idle numbers now. */
@RestController
@RequestMapping("/api/v1/number-pool")
public class PoolController {
    private final NumberPool pool;
    private final PoolMaintenance maintenance;
    private final PoolProperties properties;
    private final JdbcTemplate jdbc;

    public PoolController(NumberPool pool, PoolMaintenance maintenance, PoolProperties properties, JdbcTemplate jdbc) {
        this.pool = pool;
        this.maintenance = maintenance;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /**
     * Body of {@code POST /api/v1/number-pool/provision}.
     *
     * @param count    numbers to buy, 1 to {@code switchboard.pool.max-provision-per-request} (default 1)
     * @param country  ISO 3166-1 alpha-2, in capitals (default US)
     * @param areaCode three digits, or none for any
     */
    public record ProvisionRequest(Integer count, String country, String areaCode) {
    }

    public record SagasStarted(List<String> sagaIds) {
    }

    /** Buys numbers ahead of demand; each purchase is a saga ({@code GET /api/v1/sagas/{id}}). */
    @PostMapping("/provision")
    public ResponseEntity<SagasStarted> provision(@RequestBody ProvisionRequest request) {
        int count = request.count() == null ? 1 : request.count();
        int max = properties.maxProvisionPerRequest();
        String country = request.country() == null ? "US" : request.country();
        new FieldErrors()
                .require(count >= 1 && count <= max, "count", "must be between 1 and " + max)
                .country("country", country)
                .areaCode("areaCode", request.areaCode())
                .throwIfAny();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new SagasStarted(maintenance.provision(count, country, request.areaCode())));
    }

    /** Releases pooled numbers idle for too long now, instead of at the next scheduled check. */
    @PostMapping("/release-idle")
    public ResponseEntity<SagasStarted> releaseIdle() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SagasStarted(maintenance.releaseIdleNow()));
    }

    @GetMapping("/stats")
    public PoolStats stats() {
        // Free VAPI numbers count against VAPI's per-account limit; lines record them with source VAPI_FREE.
        Long vapiFree = jdbc.queryForObject("select count(*) from ai_config where number_source = 'VAPI_FREE'", Long.class);
        return pool.stats(vapiFree == null ? 0 : vapiFree);
    }
}
