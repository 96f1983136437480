package io.switchboard.notifier.delivery;

/** The answer to "may I send this email?": yes (the claim is ours), or no, someone already claimed it. */
public sealed interface ClaimOutcome {

    record Claimed(Delivery delivery) implements ClaimOutcome {
    }

    record AlreadyClaimed(Delivery existing) implements ClaimOutcome {
    }
}
