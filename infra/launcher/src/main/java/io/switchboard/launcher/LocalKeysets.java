package io.switchboard.launcher;

import io.switchboard.credentials.CredentialKeyset;
import io.switchboard.infra.stack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The tenant-credential keyset of a local system: {@code SWITCHBOARD_CREDENTIALS_KEYSET} when set, otherwise one
 * generated on first start and kept in the stack's state directory, so credentials registered locally stay readable
 * across restarts of the same state and no key material sits in the source tree.
 */
final class LocalCredentialKeyset {
    static final String FILE_NAME = "credentials-keyset.json";

    private LocalCredentialKeyset() {
    }

    static synchronized String of(LocalStack stack) {
        String fromEnvironment = System.getenv("SWITCHBOARD_CREDENTIALS_KEYSET");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = stack.config().stateDir().resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, CredentialKeyset.generate().toJson(), StandardCharsets.UTF_8);
                restrictToOwner(file);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local credential keyset " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the state directory's own permissions apply.
        }
    }
}
