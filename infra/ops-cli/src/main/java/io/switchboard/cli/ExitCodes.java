package io.switchboard.cli;

/**
 * What {@code switchboard}'s exit code means, so scripts can branch on it (README "Operate it" lists them).
 * Anything the orchestrator refused or could not answer is 1; picocli itself answers bad usage with 2.
 */
final class ExitCodes {
    /** Done; for {@code sagas watch} and {@code --wait}: the saga COMPLETED. */
    static final int OK = 0;
    /** The orchestrator refused the request (its problem's title and detail are on stderr) or could not be reached. */
    static final int API_ERROR = 1;
    /** Bad usage: an unknown option, a missing argument, a secret that could not be read. */
    static final int USAGE = 2;
    /** The saga watched was undone: it ended COMPENSATED. */
    static final int COMPENSATED = 3;
    /** The saga watched is parked FAILED: ops must replay or compensate it. */
    static final int FAILED = 4;
    /** {@code --timeout} passed before the saga ended (it goes on running). */
    static final int TIMED_OUT = 5;
    /** The request was taken but started no saga (e.g. the orchestrator found nothing to do and ignored it). */
    static final int NO_SAGA = 6;
    /** {@code reconcile} found something to act on: an orphan, a shared or a dangling resource. */
    static final int PROBLEMS_FOUND = 7;

    private ExitCodes() {
    }

    /** The exit code for a saga that ended in {@code state}. */
    static int ofFinalState(String state) {
        return switch (state == null ? "" : state) {
            case "COMPLETED" -> OK;
            case "COMPENSATED" -> COMPENSATED;
            default -> FAILED;
        };
    }
}
