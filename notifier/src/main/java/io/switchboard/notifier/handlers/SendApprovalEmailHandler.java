package io.switchboard.notifier.handlers;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import io.switchboard.notifier.email.EmailComposer;
import io.switchboard.notifier.email.EmailKind;

/** Tells the owner their phone line is ready. */
public class SendApprovalEmailHandler implements CommandHandler<SendApprovalEmail> {
    private final EmailComposer composer;
    private final AtMostOnceEmailDelivery delivery;

    public SendApprovalEmailHandler(EmailComposer composer, AtMostOnceEmailDelivery delivery) {
        this.composer = composer;
        this.delivery = delivery;
    }

    @Override
    public Reply handle(SendApprovalEmail command, CommandContext context) {
        EmailRequest request = new EmailRequest(EmailKind.APPROVAL, command.orgId(), command.requestId(),
                context.sagaId(), command.ownerEmail());
        return delivery.deliver(request, () -> composer.approval(command));
    }
}
