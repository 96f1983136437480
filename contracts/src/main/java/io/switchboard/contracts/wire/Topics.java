package io.switchboard.contracts.wire;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.ClaimOwnNumber;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;

/**
 * Every Kafka topic Switchboard reads or writes. Names say what flows on them and carry the contract version;
 * the record key is always the organization id so that one organization's messages keep their order.
 */
public final class Topics {
    /** Upstream organization events: {@code OrganizationApproved}, {@code InboundAiChanged}. */
    public static final String ORG_EVENTS = "switchboard.org-events.v1";
    /** Commands for the Twilio worker. */
    public static final String TWILIO_COMMANDS = "switchboard.twilio-commands.v1";
    /** Commands for the VAPI worker. */
    public static final String VAPI_COMMANDS = "switchboard.vapi-commands.v1";
    /** Commands for the email notifier. */
    public static final String NOTIFIER_COMMANDS = "switchboard.notifier-commands.v1";
    /** Replies of every worker back to the orchestrator. */
    public static final String SAGA_REPLIES = "switchboard.saga-replies.v1";
    /** Saga lifecycle events for observers (started, step completed/failed, completed, compensated, failed). */
    public static final String SAGA_EVENTS = "switchboard.saga-events.v1";

    /** Suffix of the dead-letter topic that belongs to each consumed topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * The topic a command must go to: the one its worker consumes. The participant proxies address commands with it,
     * and the saga test kit checks every command a saga sends against it.
     */
    public static String commandTopicOf(Class<? extends Command> type) {
        if (type == AcquireNumber.class || type == ReleaseNumber.class || type == AssignNumber.class
                || type == ClaimOwnNumber.class) {
            return TWILIO_COMMANDS;
        }
        if (type == CreateAssistant.class || type == DeleteAssistant.class || type == UpdateAssistant.class
                || type == RegisterPhoneNumber.class
                || type == DeletePhoneNumberRegistration.class || type == CreateFreePhoneNumber.class
                || type == CheckPhoneNumber.class || type == BindPhoneNumber.class) {
            return VAPI_COMMANDS;
        }
        if (type == SendApprovalEmail.class || type == SendFailureEmail.class) {
            return NOTIFIER_COMMANDS;
        }
        throw new IllegalArgumentException("no worker consumes " + type.getName());
    }

    /** Topics a consumer reads, each of which has a dead-letter twin. */
    public static java.util.List<String> consumed() {
        return java.util.List.of(ORG_EVENTS, TWILIO_COMMANDS, VAPI_COMMANDS, NOTIFIER_COMMANDS, SAGA_REPLIES);
    }

    /** Every topic, dead-letter topics included, so a local stack can create them up front. */
    public static java.util.List<String> all() {
        var all = new java.util.ArrayList<>(consumed());
        all.add(SAGA_EVENTS);
        consumed().forEach(t -> all.add(deadLetterOf(t)));
        return java.util.List.copyOf(all);
    }
}
