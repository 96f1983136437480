package io.switchboard.launcher;

import io.switchboard.credentials.CredentialKeyset;
import io.switchboard.infra.stack.LocalStack;
import io.switchboard.messaging.authentication.MessageKeyset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The keysets of a local system — tenant-credential encryption and message authentication — each from its environment
 * variable when set, otherwise generated on first start and kept in the stack's state directory, so credentials
 * registered locally stay readable and messages in flight stay verifiable across restarts of the same state, and no
 * key material sits in the source tree.
 */
final class LocalKeysets {
    static final String CREDENTIALS_FILE = "credentials-keyset.json";
    static final String MESSAGES_FILE = "messages-keyset.json";

    private LocalKeysets() {
    }

    static String credentials(LocalStack stack) {
        return of(stack, "SWITCHBOARD_CREDENTIALS_KEYSET", CREDENTIALS_FILE, () -> CredentialKeyset.generate().toJson());
    }

    static String messages(LocalStack stack) {
        return of(stack, "SWITCHBOARD_MESSAGES_KEYSET", MESSAGES_FILE, () -> MessageKeyset.generate().toJson());
    }

    private static synchronized String of(LocalStack stack, String variable, String fileName, Supplier<String> generate) {
        String fromEnvironment = System.getenv(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = stack.config().stateDir().resolve(fileName);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generate.get(), StandardCharsets.UTF_8);
                restrictToOwner(file);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local keyset " + file, e);
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
