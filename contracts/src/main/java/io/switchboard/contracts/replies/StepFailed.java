package io.switchboard.contracts.replies;

/**
 * The command could not be carried out.
 *
 * @param errorCode    Switchboard's category, e.g. {@code PROVIDER_UNAVAILABLE}, {@code NO_NUMBERS_AVAILABLE}
 * @param message      human-readable reason, safe to show ops (never contains credentials)
 * @param retryable    whether repeating the same command may succeed (rate limit, 5xx, timeout)
 * @param provider     {@code twilio}, {@code vapi}, {@code smtp} or {@code switchboard}
 * @param providerCode the provider's own error code (e.g. Twilio 21404), or {@code null}
 */
public record StepFailed(
        String errorCode,
        String message,
        boolean retryable,
        String provider,
        String providerCode) implements Reply {
    public static final String TYPE = "io.switchboard.reply.StepFailed.v1";

    /** Error codes shared by workers and sagas. */
    public static final String TRIAL_NUMBER_LIMIT = "TRIAL_NUMBER_LIMIT";
    public static final String NO_NUMBERS_AVAILABLE = "NO_NUMBERS_AVAILABLE";
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String TIMEOUT = "TIMEOUT";
    /**
     * Recorded by the orchestrator (never sent by a worker) when ops stop a saga while the step's command is out; a
     * success that still arrives for it is undone like one that arrives after a timeout.
     */
    public static final String CANCELLED = "CANCELLED";
    /**
     * The command reached the worker too close to its {@code sb_deadline} (or a provider call would have started
     * after it), so nothing more was done; the saga retries it as a new attempt.
     */
    public static final String COMMAND_EXPIRED = "COMMAND_EXPIRED";
    /**
     * The command reached the worker after its latest start, so the worker made no provider call at all (typically a
     * backlog after a restart). Retryable, and the saga does not count such an attempt against the step's attempts.
     */
    public static final String COMMAND_NOT_STARTED = "COMMAND_NOT_STARTED";
    /** The resource exists but is not usable yet (a free VAPI number still activating); ask again later. */
    public static final String NOT_READY = "NOT_READY";
    /** VAPI's cap on free numbers per account is reached; only deleting one (or importing a number) helps. */
    public static final String FREE_NUMBER_LIMIT = "FREE_NUMBER_LIMIT";
    /** VAPI blocked the number; waiting longer will not make it active. */
    public static final String NUMBER_BLOCKED = "NUMBER_BLOCKED";
    /**
     * The provider resource the command would adopt, re-bind, release or delete (a Twilio number by its owner tag, a
     * VAPI assistant or phone-number registration) belongs to another organization (or the pool), or carries no sign
     * of having been created by Switchboard for the command's organization. Nothing was changed; not retryable: the
     * message names what was found (ids only) so ops can decide whose it is.
     */
    public static final String OWNED_BY_ANOTHER_ORGANIZATION = "OWNED_BY_ANOTHER_ORGANIZATION";
    /** A trial account's only number already serves another organization's line; it is not taken from it. */
    public static final String TRIAL_NUMBER_IN_USE = "TRIAL_NUMBER_IN_USE";
    /** The number an organization said it owns is not in its Twilio account (or the account has no free one). */
    public static final String NUMBER_NOT_IN_ACCOUNT = "NUMBER_NOT_IN_ACCOUNT";
    /** The number an organization said it owns already serves another line (its owner tag names someone else). */
    public static final String NUMBER_IN_USE = "NUMBER_IN_USE";
    /**
     * What this request created earlier (the worker's ledger names it) was deleted since, by a compensation, a later
     * saga or ops. A request creates at most once, so nothing was created again; not retryable.
     */
    public static final String CREATED_RESOURCE_GONE = "CREATED_RESOURCE_GONE";
}
