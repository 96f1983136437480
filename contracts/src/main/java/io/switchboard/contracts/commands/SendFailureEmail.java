package io.switchboard.contracts.commands;

/** Tell the owner the setup failed, which step failed and why. Sent at most once per {@code requestId}. */
public record SendFailureEmail(
        String orgId,
        String requestId,
        String orgName,
        String ownerEmail,
        String failedStep,
        String reason) implements Command {
    public static final String TYPE = "io.switchboard.command.notifier.SendFailureEmail.v1";
}
