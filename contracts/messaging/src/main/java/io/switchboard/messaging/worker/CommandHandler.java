package io.switchboard.messaging.worker;

import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.replies.Reply;

import java.util.Optional;

/**
 * Executes one kind of command against the outside world and says how it went. Must be safe to call twice with
 * the same {@link Command#requestId()}: the second call finds what the first did instead of doing it again.
 * Expected failures are returned as {@link io.switchboard.contracts.replies.StepFailed}, not thrown.
 */
@FunctionalInterface
public interface CommandHandler<C extends Command> {
    Reply handle(C command, CommandContext context);

    /**
     * For a command that arrived too late to start (the saga gave up on this attempt, or ops cancelled it): what an
     * earlier delivery of the same request did, found without doing anything new — a purchase whose answer was lost
     * when its worker died, say. Reported as the attempt's reply, it is undone by the saga like any success that
     * arrives too late; nothing found (or a handler that creates nothing) is an empty answer.
     */
    default Optional<Reply> earlierEffect(C command, CommandContext context) {
        return Optional.empty();
    }
}
