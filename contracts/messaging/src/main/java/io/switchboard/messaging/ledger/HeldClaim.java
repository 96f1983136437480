package io.switchboard.messaging.ledger;

import java.time.Clock;
import java.util.Optional;

/**
 * A claim while one attempt holds it: no other attempt of the same request (in this process or another) runs until
 * this one ends. Its reads and writes use the connection that holds the claim, each statement committed at once, so
 * a recorded creation survives whatever happens next.
 */
public final class HeldClaim {
    private final CreationLedger.Statements statements;
    private final Clock clock;
    private final boolean firstAttempt;
    private Creation creation;

    HeldClaim(CreationLedger.Statements statements, Clock clock, Creation creation, boolean firstAttempt) {
        this.statements = statements;
        this.clock = clock;
        this.creation = creation;
        this.firstAttempt = firstAttempt;
    }

    /** The row as this attempt found it (or as it last recorded it). */
    public Creation creation() {
        return creation;
    }

    /**
     * Whether this attempt made the claim. Only then is it certain that nothing was created for the request yet,
     * so the provider need not be searched before creating.
     */
    public boolean firstAttempt() {
        return firstAttempt;
    }

    /** Records what the provider created (or what an in-doubt earlier attempt was found to have created). */
    public Creation recordCreated(String resourceId) {
        creation = statements.markCreated(creation, resourceId, clock.instant());
        return creation;
    }

    /** The creation that produced a resource, of any kind and any organization (ownership checks). */
    public Optional<Creation> findByResource(String resourceId) {
        return statements.findByResource(resourceId);
    }
}
