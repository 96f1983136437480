package io.switchboard.contracts.wire;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.ClaimOwnNumber;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.sagaevents.SagaEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ce_type} of every message and the Java record it decodes to. The type string is the contract: it
 * names the message and its version, so a consumer can reject what it does not understand.
 */
public final class MessageTypes {
    private static final Map<String, Class<? extends Record>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register(OrganizationApproved.TYPE, OrganizationApproved.class);
        register(InboundAiChanged.TYPE, InboundAiChanged.class);

        register(AcquireNumber.TYPE, AcquireNumber.class);
        register(ReleaseNumber.TYPE, ReleaseNumber.class);
        register(AssignNumber.TYPE, AssignNumber.class);
        register(ClaimOwnNumber.TYPE, ClaimOwnNumber.class);
        register(CreateAssistant.TYPE, CreateAssistant.class);
        register(DeleteAssistant.TYPE, DeleteAssistant.class);
        register(UpdateAssistant.TYPE, UpdateAssistant.class);
        register(RegisterPhoneNumber.TYPE, RegisterPhoneNumber.class);
        register(DeletePhoneNumberRegistration.TYPE, DeletePhoneNumberRegistration.class);
        register(CreateFreePhoneNumber.TYPE, CreateFreePhoneNumber.class);
        register(CheckPhoneNumber.TYPE, CheckPhoneNumber.class);
        register(BindPhoneNumber.TYPE, BindPhoneNumber.class);
        register(SendApprovalEmail.TYPE, SendApprovalEmail.class);
        register(SendFailureEmail.TYPE, SendFailureEmail.class);

        register(NumberAcquired.TYPE, NumberAcquired.class);
        register(NumberReleased.TYPE, NumberReleased.class);
        register(NumberAssigned.TYPE, NumberAssigned.class);
        register(AssistantCreated.TYPE, AssistantCreated.class);
        register(AssistantDeleted.TYPE, AssistantDeleted.class);
        register(AssistantUpdated.TYPE, AssistantUpdated.class);
        register(PhoneNumberRegistered.TYPE, PhoneNumberRegistered.class);
        register(PhoneNumberRegistrationDeleted.TYPE, PhoneNumberRegistrationDeleted.class);
        register(FreePhoneNumberCreated.TYPE, FreePhoneNumberCreated.class);
        register(PhoneNumberActive.TYPE, PhoneNumberActive.class);
        register(EmailSent.TYPE, EmailSent.class);
        register(StepFailed.TYPE, StepFailed.class);

        for (SagaEvent.Kind kind : SagaEvent.Kind.values()) {
            BY_TYPE.put(kind.ceType(), SagaEvent.class);
        }
    }

    private MessageTypes() {
    }

    private static void register(String type, Class<? extends Record> messageClass) {
        BY_TYPE.put(type, messageClass);
        BY_CLASS.put(messageClass, type);
    }

    public static Optional<Class<? extends Record>> classOf(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }

    /** The type of a class that has exactly one; saga events have one per kind, see {@link SagaEvent.Kind#ceType()}. */
    public static String typeOf(Class<?> messageClass) {
        String type = BY_CLASS.get(messageClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a Switchboard message: " + messageClass.getName());
        }
        return type;
    }

    public static Map<String, Class<? extends Record>> all() {
        return Map.copyOf(BY_TYPE);
    }
}
