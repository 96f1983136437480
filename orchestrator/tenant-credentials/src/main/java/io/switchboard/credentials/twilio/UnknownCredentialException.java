package io.switchboard.credentials.twilio;

/** The command names a Twilio credential this worker cannot use; retrying the same command will not help. */
public class UnknownCredentialException extends RuntimeException {
    public UnknownCredentialException(String message) {
        super(message);
    }
}
