package io.switchboard.contracts.replies;

import io.switchboard.contracts.commands.NumberOwner;

/**
 * The number's owner tag now names {@code owner}; {@code alreadyAssigned} when it did before the command (a
 * repeated command, or nothing to move).
 */
public record NumberAssigned(String numberSid, String phoneNumber, NumberOwner owner, boolean alreadyAssigned)
        implements Reply {
    public static final String TYPE = "io.switchboard.reply.NumberAssigned.v1";
}
