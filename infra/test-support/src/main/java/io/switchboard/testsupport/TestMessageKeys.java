package io.switchboard.testsupport;

import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.authentication.MessageKeyset;

/**
 * The message keyset of a test JVM: generated once, handed to every service a test starts (through
 * {@link SwitchboardTestProperties}) and used by the test clients that play the orchestrator or a worker on the wire.
 * Nothing is committed: a fresh key per run.
 */
public final class TestMessageKeys {
    private static final MessageKeyset KEYSET = MessageKeyset.generate();
    private static final String JSON = KEYSET.toJson();
    private static final MessageAuthenticator AUTHENTICATOR = new MessageAuthenticator(KEYSET);

    private TestMessageKeys() {
    }

    /** The value of {@code switchboard.messaging.authentication.keyset} for services under test. */
    public static String json() {
        return JSON;
    }

    public static MessageAuthenticator authenticator() {
        return AUTHENTICATOR;
    }
}
