package io.switchboard.orchestrator.aiconfig;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.time.Instant;

/** An organization's voice-AI line: its number, its VAPI registration and its two assistants. */
@Entity
@Table(name = "ai_config")
public class AiConfig implements Persistable<String> {
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    /** The line is being taken away; number and registration may be half gone, so it is no longer "active". */
    public static final String DEACTIVATING = "deactivating";
    /**
     * A free VAPI number bound to the inbound assistant that had not shown its digits when the onboarding stopped
     * waiting: set up, no number to show yet; a later poll ({@code free-number-activation}) makes it active.
     */
    public static final String ACTIVATION_PENDING = "activation_pending";

    @Id
    @Column(name = "org_id")
    private String orgId;
    @Column(name = "org_name", nullable = false)
    private String orgName;
    @Column(name = "owner_email", nullable = false)
    private String ownerEmail;
    @Column(nullable = false)
    private String status;
    @Column(name = "setup_completed", nullable = false)
    private boolean setupCompleted;
    @Column(name = "setup_date")
    private Instant setupDate;
    @Column(name = "phone_number")
    private String phoneNumber;
    @Column(name = "number_sid")
    private String numberSid;
    @Column(name = "number_source")
    private String numberSource;
    @Column(name = "vapi_phone_number_id")
    private String vapiPhoneNumberId;
    @Column(name = "inbound_assistant_id")
    private String inboundAssistantId;
    @Column(name = "outbound_assistant_id")
    private String outboundAssistantId;
    private String country;
    @Column(name = "area_code")
    private String areaCode;
    @Column(name = "twilio_credential_id")
    private String twilioCredentialId;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    /** The line's number source ({@code numberSource} of its approval or latest request), {@code null} = default. */
    @Column(name = "number_choice")
    private String numberChoice;
    /** With {@code own_number}: which of the organization's numbers (SID, E.164 or {@code any}). */
    @Column(name = "own_number")
    private String ownNumber;
    /**
     * The assistant the organization linked the number to ({@code number-assistant-link}); {@code null}: the inbound
     * one, where every line saga registers it. A number registered again (activate) is bound to the inbound one.
     */
    @Column(name = "number_assistant_id")
    private String numberAssistantId;
    /** The assistant template each assistant runs (V13); {@code null}: created before templates, or from defaults. */
    @Column(name = "inbound_template_name")
    private String inboundTemplateName;
    @Column(name = "inbound_template_version")
    private Integer inboundTemplateVersion;
    @Column(name = "outbound_template_name")
    private String outboundTemplateName;
    @Column(name = "outbound_template_version")
    private Integer outboundTemplateVersion;

    /**
     * A line built here is inserted ({@code persist}), not merged: with an assigned id and no version column, Spring
     * Data cannot tell a new line from a stored one, and a merge selects the row first (one statement per onboarding).
     */
    @Transient
    private boolean fresh;

    protected AiConfig() {
    }

    public AiConfig(String orgId, String orgName, String ownerEmail, Instant now) {
        this.orgId = orgId;
        this.orgName = orgName;
        this.ownerEmail = ownerEmail;
        this.status = INACTIVE;
        this.updatedAt = now;
        this.fresh = true;
    }

    @Override
    public String getId() {
        return orgId;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    /** The line works: number registered with VAPI and bound to the inbound assistant. */
    public void activate(ActiveLine line, Instant now) {
        this.status = ACTIVE;
        this.setupCompleted = true;
        this.setupDate = now;
        this.phoneNumber = line.phoneNumber();
        this.numberSid = line.numberSid();
        this.numberSource = line.numberSource();
        this.vapiPhoneNumberId = line.vapiPhoneNumberId();
        this.inboundAssistantId = line.inboundAssistantId();
        this.outboundAssistantId = line.outboundAssistantId();
        this.country = line.country();
        this.areaCode = line.areaCode();
        this.twilioCredentialId = line.twilioCredentialId();
        this.numberAssistantId = null;
        this.updatedAt = now;
    }

    /** Like {@link #activate}, for a free VAPI number still activating: its digits come later. */
    public void activatePending(ActiveLine line, Instant now) {
        activate(line, now);
        this.status = ACTIVATION_PENDING;
    }

    /** The free number of an activation-pending line showed its digits: the line is active. */
    public void numberActivated(String phoneNumber, Instant now) {
        this.phoneNumber = phoneNumber;
        this.status = ACTIVE;
        this.updatedAt = now;
    }

    /**
     * Assistants only ({@code numberSource: none}): the assistants exist, there is no number yet. The same state as a
     * line turned off, so the next {@code InboundAiChanged(true)} gives it a number.
     */
    public void prepareWithoutNumber(String inboundAssistantId, String outboundAssistantId, String country,
                                     String areaCode, String twilioCredentialId, Instant now) {
        this.status = INACTIVE;
        this.setupCompleted = false;
        this.setupDate = now;
        this.inboundAssistantId = inboundAssistantId;
        this.outboundAssistantId = outboundAssistantId;
        this.country = country;
        this.areaCode = areaCode;
        this.twilioCredentialId = twilioCredentialId;
        this.updatedAt = now;
    }

    /** The template the inbound assistant runs, from the reply that created (or adopted) it. */
    public void recordInboundTemplate(AssistantTemplateRef template) {
        this.inboundTemplateName = template == null ? null : template.name();
        this.inboundTemplateVersion = template == null ? null : template.version();
    }

    public void recordOutboundTemplate(AssistantTemplateRef template) {
        this.outboundTemplateName = template == null ? null : template.name();
        this.outboundTemplateVersion = template == null ? null : template.version();
    }

    public AssistantTemplateRef inboundTemplate() {
        return inboundTemplateName == null || inboundTemplateVersion == null
                ? null : new AssistantTemplateRef(inboundTemplateName, inboundTemplateVersion);
    }

    public AssistantTemplateRef outboundTemplate() {
        return outboundTemplateName == null || outboundTemplateVersion == null
                ? null : new AssistantTemplateRef(outboundTemplateName, outboundTemplateVersion);
    }

    /** Remembers where the line's number comes from; {@code null}s keep what was remembered. */
    public void rememberNumberChoice(String numberChoice, String ownNumber) {
        if (numberChoice != null) {
            this.numberChoice = numberChoice;
            this.ownNumber = ownNumber;
        }
    }

    public String numberChoice() {
        return numberChoice;
    }

    public String ownNumber() {
        return ownNumber;
    }

    public void markDeactivating(Instant now) {
        this.status = DEACTIVATING;
        this.updatedAt = now;
    }

    /** The line is taken away: number, its VAPI registration and the setup flag go; the assistants stay. */
    public void deactivate(Instant now) {
        this.status = INACTIVE;
        this.setupCompleted = false;
        this.phoneNumber = null;
        this.numberSid = null;
        this.numberSource = null;
        this.vapiPhoneNumberId = null;
        this.numberAssistantId = null;
        this.updatedAt = now;
    }

    /**
     * The line's number is now bound to this one of its assistants at VAPI (under this registration, which a re-bind
     * may have had to make again).
     */
    public void numberLinkedTo(String assistantId, String vapiPhoneNumberId, Instant now) {
        this.numberAssistantId = assistantId == null || assistantId.equals(inboundAssistantId) ? null : assistantId;
        this.vapiPhoneNumberId = vapiPhoneNumberId;
        this.updatedAt = now;
    }

    /** The assistant the number is bound to at VAPI: the linked one, else the inbound one; none without a registration. */
    public String numberAssistantId() {
        if (vapiPhoneNumberId == null) {
            return null;
        }
        return numberAssistantId != null ? numberAssistantId : inboundAssistantId;
    }

    /**
     * A line taken down part of the way (its teardown stopped early): the config keeps naming only what still exists,
     * so nothing it names was released, deleted or handed to the pool. Each reference the teardown let go of
     * ({@code null} here) is cleared; references are never added. Returns whether anything changed.
     */
    public boolean forgetWhatIsGone(String keptNumberSid, String keptVapiPhoneNumberId, String keptInboundAssistantId,
                                    String keptOutboundAssistantId, Instant now) {
        boolean changed = false;
        if (numberSid != null && keptNumberSid == null) {
            phoneNumber = null;
            numberSid = null;
            numberSource = null;
            changed = true;
        }
        if (vapiPhoneNumberId != null && keptVapiPhoneNumberId == null) {
            vapiPhoneNumberId = null;
            numberAssistantId = null;
            changed = true;
        }
        if (inboundAssistantId != null && keptInboundAssistantId == null) {
            inboundAssistantId = null;
            recordInboundTemplate(null);
            changed = true;
        }
        if (outboundAssistantId != null && keptOutboundAssistantId == null) {
            if (outboundAssistantId.equals(numberAssistantId)) {
                numberAssistantId = null;
            }
            outboundAssistantId = null;
            recordOutboundTemplate(null);
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /** Active means a number registered with VAPI and bound to the inbound assistant. */
    public boolean active() {
        return ACTIVE.equals(status) && numberSid != null && vapiPhoneNumberId != null;
    }

    public String orgId() {
        return orgId;
    }

    public String orgName() {
        return orgName;
    }

    public String ownerEmail() {
        return ownerEmail;
    }

    public String status() {
        return status;
    }

    public boolean setupCompleted() {
        return setupCompleted;
    }

    public Instant setupDate() {
        return setupDate;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String numberSid() {
        return numberSid;
    }

    public String numberSource() {
        return numberSource;
    }

    public String vapiPhoneNumberId() {
        return vapiPhoneNumberId;
    }

    public String inboundAssistantId() {
        return inboundAssistantId;
    }

    public String outboundAssistantId() {
        return outboundAssistantId;
    }

    public String country() {
        return country;
    }

    public String areaCode() {
        return areaCode;
    }

    public String twilioCredentialId() {
        return twilioCredentialId;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
