package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PoolStats;
import org.springframework.jdbc.core.JdbcTemplate;
import io.switchboard.orchestrator.pool.PoolMaintenance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Number pool statistics for ops. */
@RestController
@RequestMapping("/api/v1/number-pool")
public class PoolController {
    private static final int MAX_PROVISION = 100;

    private final NumberPool pool;
    private final PoolMaintenance maintenance;
    private final JdbcTemplate jdbc;

    public PoolController(NumberPool pool, PoolMaintenance maintenance, JdbcTemplate jdbc) {
        this.pool = pool;
        this.maintenance = maintenance;
        this.jdbc = jdbc;
    }

    public record ProvisionRequest(Integer count, String country, String areaCode) {
    }

    public record SagasStarted(List<String> sagaIds) {
    }

    /** Buys numbers ahead of demand; each purchase is a saga ({@code GET /api/v1/sagas/{id}}). */
    @PostMapping("/provision")
    public ResponseEntity<SagasStarted> provision(@RequestBody ProvisionRequest request) {
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_PROVISION) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be between 1 and " + MAX_PROVISION);
        }
        String country = request.country() == null ? "US" : request.country();
        if (!country.matches("^[A-Z]{2}$") || (request.areaCode() != null && !request.areaCode().matches("^[0-9]{3}$"))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "country must be like US, areaCode like 415");
        }
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
