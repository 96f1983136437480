package io.switchboard.orchestrator.aiconfig;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An organization's voice-AI line: its number, its VAPI registration and its two assistants. */
@Entity
@Table(name = "ai_config")
public class AiConfig {
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    /** The line is being taken away; number and registration may be half gone, so it is no longer "active". */
    public static final String DEACTIVATING = "deactivating";

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

    protected AiConfig() {
    }

    public AiConfig(String orgId, String orgName, String ownerEmail, Instant now) {
        this.orgId = orgId;
        this.orgName = orgName;
        this.ownerEmail = ownerEmail;
        this.status = INACTIVE;
        this.updatedAt = now;
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
        this.updatedAt = now;
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
        this.updatedAt = now;
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
            changed = true;
        }
        if (inboundAssistantId != null && keptInboundAssistantId == null) {
            inboundAssistantId = null;
            changed = true;
        }
        if (outboundAssistantId != null && keptOutboundAssistantId == null) {
            outboundAssistantId = null;
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
