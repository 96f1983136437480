package io.switchboard.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Produces the value of {@code switchboard.credentials.keyset} without installing Tink's own CLI. Reads a keyset
 * from stdin where one is needed and writes the new keyset to stdout (the key ids go to stderr):
 * <pre>
 *   generate              a new keyset with one AES-256-GCM key
 *   add                   stdin + a new key that decrypts only          (rotation step 1: deploy everywhere)
 *   promote KEY_ID        stdin with KEY_ID as the primary               (rotation step 2: deploy; rows re-encrypt)
 *   remove KEY_ID         stdin without KEY_ID                          (rotation step 3, after re-encryption)
 *   show                  the key ids of stdin and which one is primary (no key material)
 * </pre>
 */
public final class KeysetTool {
    private KeysetTool() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "";
        CredentialKeyset result = switch (command) {
            case "generate" -> CredentialKeyset.generate();
            case "add" -> stdin().withNewKey();
            case "promote" -> stdin().withPrimary(keyId(args));
            case "remove" -> stdin().without(keyId(args));
            case "show" -> {
                System.out.println(stdin());
                yield null;
            }
            default -> {
                System.err.println("usage: KeysetTool generate | add | promote KEY_ID | remove KEY_ID | show");
                System.exit(2);
                yield null;
            }
        };
        if (result != null) {
            System.err.println(result);
            System.out.println(result.toJson());
        }
    }

    private static CredentialKeyset stdin() throws IOException {
        return CredentialKeyset.fromJson(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static long keyId(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("a key id is needed (see 'show')");
        }
        return Long.parseLong(args[1]);
    }
}
