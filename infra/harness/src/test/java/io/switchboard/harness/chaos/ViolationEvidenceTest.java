package io.switchboard.harness.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ViolationEvidenceTest {
    private static final String REGISTRATION = "eb70f648-1111-4222-8333-944455556666";
    private static final String SAGA = "0a0b0c0d-1111-4222-8333-944455556666";
    private static final String OTHER_SAGA = "ffffffff-1111-4222-8333-944455556666";

    @Test
    void theLinesNamingAViolationsIdsAndTheirSagasComeInTimeOrder(@TempDir Path logs) throws Exception {
        Files.write(logs.resolve("vapi_worker-1.log"), List.of(
                "2026-12-03T10:00:02.000Z  INFO [saga=" + SAGA + " org=t1 step=register-number] Registered +15105550100 at VAPI as " + REGISTRATION,
                "2026-12-03T10:00:03.000Z  INFO [saga=" + OTHER_SAGA + " org=t2 step=register-number] unrelated"));
        Files.write(logs.resolve("orchestrator-1.log"), List.of(
                "2026-12-03T10:00:01.000Z  INFO [saga=" + SAGA + " org=t1 step=] Saga started",
                "2026-12-03T10:00:04.000Z  INFO [saga=" + SAGA + " org=t1 step=] Saga compensated"));
        Files.writeString(logs.resolve("notes.txt"), REGISTRATION);

        List<String> lines = ViolationEvidence.of(logs,
                List.of("ORPHAN VAPI_PHONE_NUMBER " + REGISTRATION + " (+15105550100): nothing references it"), 10);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("Saga started").endsWith("[orchestrator-1.log]");
        assertThat(lines.get(1)).contains("Registered").endsWith("[vapi_worker-1.log]");
        assertThat(lines.get(2)).contains("Saga compensated");
    }

    @Test
    void manyLinesKeepTheEarliestAndTheLatest(@TempDir Path logs) throws Exception {
        Files.write(logs.resolve("a.log"), java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> "2026-12-03T10:00:%02d.%03dZ %s line %d".formatted(i / 10, i, REGISTRATION, i)).toList());

        List<String> lines = ViolationEvidence.lines(logs, Set.of(REGISTRATION), 10);

        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).contains("line 0 ");
        assertThat(lines.get(5)).isEqualTo("… 90 more lines …");
        assertThat(lines.get(10)).contains("line 99 ");
    }

    @Test
    void idsAreProviderUuidsAndTwilioSidsOnly() {
        assertThat(ViolationEvidence.idsIn(List.of("SHARED TWILIO_NUMBER PN0123456789abcdef0123456789abcdef held by "
                + "ai_config[acme] and saga " + SAGA + ", +15105550100, acme"))).containsExactly(
                "PN0123456789abcdef0123456789abcdef", SAGA);
    }
}
