package io.switchboard.credentials;

import io.switchboard.messaging.authentication.MessageKeyset;
import io.switchboard.messaging.keys.TinkKeyset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Produces the values of {@code switchboard.credentials.keyset} (tenant secrets, AES-256-GCM) and
 * {@code switchboard.messaging.authentication.keyset} (message tags, HMAC-SHA256) without installing Tink's own CLI.
 * Reads a keyset from stdin where one is needed and writes the new keyset to stdout (the key ids go to stderr):
 * <pre>
 *   [--messages] generate          a new keyset with one key
 *   [--messages] add               stdin + a new key that only decrypts/verifies  (rotation step 1: deploy everywhere)
 *   [--messages] promote KEY_ID    stdin with KEY_ID as the primary               (rotation step 2: deploy)
 *   [--messages] remove KEY_ID     stdin without KEY_ID                          (rotation step 3)
 *   [--messages] show              the key ids of stdin and which one is primary (no key material)
 * </pre>
 * Without {@code --messages} the keyset is the tenant-credential keyset.
 */
public final class KeysetTool {
    private KeysetTool() {
    }

    public static void main(String[] args) throws IOException {
        boolean messages = args.length > 0 && args[0].equals("--messages");
        String[] rest = messages ? Arrays.copyOfRange(args, 1, args.length) : args;
        String command = rest.length > 0 ? rest[0] : "";
        TinkKeyset result = switch (command) {
            case "generate" -> messages ? MessageKeyset.generate().keys() : CredentialKeyset.generate().keyset();
            case "add" -> stdin(messages).withNewKey();
            case "promote" -> stdin(messages).withPrimary(keyId(rest));
            case "remove" -> stdin(messages).without(keyId(rest));
            case "show" -> {
                System.out.println(stdin(messages));
                yield null;
            }
            default -> {
                System.err.println("usage: KeysetTool [--messages] generate | add | promote KEY_ID | remove KEY_ID | show");
                System.exit(2);
                yield null;
            }
        };
        if (result != null) {
            System.err.println(result);
            System.out.println(result.toJson());
        }
    }

    private static TinkKeyset stdin(boolean messages) throws IOException {
        String json = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        return messages ? MessageKeyset.fromJson(json).keys() : CredentialKeyset.fromJson(json).keyset();
    }

    private static long keyId(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("a key id is needed (see 'show')");
        }
        return Long.parseLong(args[1]);
    }
}
