package io.switchboard.notifier.handlers;

import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.messaging.worker.CommandContext;
import io.switchboard.messaging.worker.CommandHandler;
import io.switchboard.notifier.email.EmailComposer;
import io.switchboard.notifier.email.EmailKind;

/** Tells the owner the setup failed, at which step, why, and whom to contact. */
public class SendFailureEmailHandler implements CommandHandler<SendFailureEmail> {
    private final EmailComposer composer;
    private final AtMostOnceEmailDelivery delivery;

    public SendFailureEmailHandler(EmailComposer composer, AtMostOnceEmailDelivery delivery) {
        this.composer = composer;
        this.delivery = delivery;
    }

    @Override
    public Reply handle(SendFailureEmail command, CommandContext context) {
        EmailRequest request = new EmailRequest(EmailKind.FAILURE, command.orgId(), command.requestId(),
                context.sagaId(), command.ownerEmail());
        return delivery.deliver(request, () -> composer.failure(command));
    }
}
