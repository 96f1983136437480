package io.switchboard.harness.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' logs say about the resources and sagas a failed run's violations name: the run's work directory
 * (with its logs) may be gone by the time anyone reads the verdict — a JUnit temporary directory, a CI machine — so
 * the lines that mention them travel with the verdict. Ids are provider resource ids (UUIDs), Twilio SIDs and saga
 * ids, and then the sagas whose lines name those ({@code saga=…}, the services' correlation pattern); every log line
 * naming one, in time order, capped.
 */
final class ViolationEvidence {
    private static final Pattern ID = Pattern.compile(
            "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b|\\bPN[0-9a-f]{32}\\b");

    private static final Pattern SAGA = Pattern.compile("saga=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private ViolationEvidence() {
    }

    /** The log lines about what the violations name, and about the sagas those lines belong to. */
    static List<String> of(Path logDir, Collection<String> violations, int maxLines) {
        Set<String> ids = idsIn(violations);
        Set<String> withSagas = new LinkedHashSet<>(ids);
        for (String line : lines(logDir, ids, Integer.MAX_VALUE)) {
            Matcher m = SAGA.matcher(line);
            if (m.find()) {
                withSagas.add(m.group(1));
            }
        }
        return lines(logDir, withSagas, maxLines);
    }

    /** The ids the violation texts name, in order of first mention. */
    static Set<String> idsIn(Collection<String> violations) {
        Set<String> ids = new LinkedHashSet<>();
        for (String violation : violations) {
            Matcher m = ID.matcher(violation);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /**
     * Every line of the {@code *.log} files in {@code logDir} that names one of {@code ids}, prefixed by its file, in
     * time order (the lines start with an ISO timestamp), at most {@code maxLines} (the earliest and the latest half).
     */
    static List<String> lines(Path logDir, Set<String> ids, int maxLines) {
        if (ids.isEmpty() || !Files.isDirectory(logDir)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String name = file.getFileName().toString();
                try (Stream<String> lines = Files.lines(file)) {
                    lines.filter(line -> ids.stream().anyMatch(line::contains))
                            .forEach(line -> found.add(line + "   [" + name + "]"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            found.add("(a log could not be read: " + e.getMessage() + ")");
        }
        found.sort(null);
        if (found.size() <= maxLines) {
            return found;
        }
        List<String> capped = new ArrayList<>(found.subList(0, maxLines / 2));
        capped.add("… " + (found.size() - maxLines) + " more lines …");
        capped.addAll(found.subList(found.size() - maxLines / 2, found.size()));
        return capped;
    }
}
