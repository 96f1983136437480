package io.switchboard.messaging.worker;

import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.replies.Reply;

/**
 * Executes one kind of command against the outside world and says how it went. Must be safe to call twice with
 * the same {@link Command#requestId()}: the second call finds what the first did instead of doing it again.
 * Expected failures are returned as {@link io.switchboard.contracts.replies.StepFailed}, not thrown.
 */
@FunctionalInterface
public interface CommandHandler<C extends Command> {
    Reply handle(C command, CommandContext context);
}
