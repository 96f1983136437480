package io.switchboard.contracts.commands;

/** Tell the owner their line is ready. Sent at most once per {@code requestId}. */
public record SendApprovalEmail(
        String orgId,
        String requestId,
        String orgName,
        String ownerEmail,
        String phoneNumber,
        String inboundAssistantName,
        String outboundAssistantName,
        String setupDate) implements Command {
    public static final String TYPE = "io.switchboard.command.notifier.SendApprovalEmail.v1";
}
