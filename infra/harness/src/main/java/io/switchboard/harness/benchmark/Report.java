package io.switchboard.harness.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints result lines and appends them to a report file, so a long run leaves its figures behind even if cut short. */
public record Report(Path file) {

    public void line(String format, Object... args) {
        String text = String.format(java.util.Locale.ROOT, format, args);
        System.out.println(text);
        System.out.flush();
        try {
            Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
