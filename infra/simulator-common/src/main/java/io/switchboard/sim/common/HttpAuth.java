package io.switchboard.sim.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/** Parsing of the two auth schemes the providers use, and a timing-safe secret comparison. */
public final class HttpAuth {

    private HttpAuth() {
    }

    /** Username and password of an HTTP Basic header; the password is never printed. */
    public record BasicCredentials(String username, String password) {
        @Override
        public String toString() {
            return "BasicCredentials[" + username + ", ****]";
        }
    }

    public static Optional<BasicCredentials> basic(SimRequest request) {
        return request.header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .flatMap(value -> decodeBasic(value.substring(6).trim()));
    }

    public static Optional<String> bearer(SimRequest request) {
        return request.header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(token -> !token.isEmpty());
    }

    /** Constant-time so that the simulators do not teach clients a habit real providers would punish. */
    public static boolean secretsEqual(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<BasicCredentials> decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
