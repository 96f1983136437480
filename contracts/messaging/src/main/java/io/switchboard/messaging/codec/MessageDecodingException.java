package io.switchboard.messaging.codec;

/** The message cannot be understood; it belongs on the dead-letter topic with this reason. */
public class MessageDecodingException extends RuntimeException {
    public MessageDecodingException(String reason) {
        super(reason);
    }
}
