package io.switchboard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath for service processes the harness starts. Under {@code mvn exec:java} the JVM's own
 * {@code java.class.path} is Maven's launcher, not the project, so the build writes the runtime classpath to
 * {@code target/classpath.txt} (maven-dependency-plugin) and children use that when it is there.
 */
public final class Classpath {
    private Classpath() {
    }

    public static String forChildren() {
        String explicit = System.getProperty("harness.classpath");
        if (explicit != null) {
            return explicit;
        }
        try {
            Path classes = Path.of(Classpath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path file = classes.getParent().resolve("classpath.txt");
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception ignored) {
            // not started from a Maven build tree: fall back to our own classpath
        }
        return System.getProperty("java.class.path");
    }
}
