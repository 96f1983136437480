package io.switchboard.adapters.vapi.lookup;

/**
 * Looking up an in-doubt create would take more queries than allowed. Retrying cannot help (the window only
 * grows); ops must decide from the VAPI account whether the request's resource exists.
 */
public class LookupTooLargeException extends RuntimeException {
    public LookupTooLargeException(String message) {
        super(message);
    }
}
