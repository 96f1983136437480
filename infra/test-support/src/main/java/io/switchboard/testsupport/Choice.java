package io.switchboard.testsupport;

/** A decision plus the reason we log next to it, so a surprising choice is explained in the test output. */
record Choice(InfrastructureSource source, String reason) {
}
