package io.switchboard.harness.chaos;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a chaos run: counts, and per invariant the violations found (empty = held).
 *
 * @param held           resources no config references but an unfinished saga (parked FAILED) does: visible to ops, not a leak
 * @param uncertainEmails notifier claims left PENDING by a crash mid-send (the email may or may not have gone out)
 */
public record ChaosVerdict(Map<String, Object> counts, Map<String, List<String>> violations, List<String> held,
                           List<String> uncertainEmails) {

    public boolean passed() {
        return violations.values().stream().allMatch(List::isEmpty);
    }

    public long violationCount() {
        return violations.values().stream().mapToLong(List::size).sum();
    }

    /** The one-line verdict. */
    public String line(Map<String, Integer> kills) {
        String perInvariant = violations.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size())
                .collect(Collectors.joining(" "));
        return (passed() ? "CHAOS PASS" : "CHAOS FAIL") + " violations=" + violationCount() + " [" + perInvariant + "] "
                + counts + " kills=" + kills + " heldByParkedSagas=" + held.size() + " uncertainEmails=" + uncertainEmails.size();
    }

    /** Everything, for the log and docs/reliability.md. */
    public String details() {
        StringBuilder b = new StringBuilder();
        violations.forEach((name, list) -> list.stream().limit(50).forEach(x -> b.append("  VIOLATION ").append(name).append(": ").append(x).append('\n')));
        held.stream().limit(50).forEach(h -> b.append("  held: ").append(h).append('\n'));
        uncertainEmails.stream().limit(50).forEach(u -> b.append("  uncertain email: ").append(u).append('\n'));
        return b.toString();
    }
}
