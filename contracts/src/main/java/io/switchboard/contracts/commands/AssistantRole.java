package io.switchboard.contracts.commands;

/** Each organization has one assistant per role, named "{orgName} inbound" and "{orgName} outbound". */
public enum AssistantRole {
    INBOUND, OUTBOUND;

    public String assistantName(String orgName) {
        return orgName + " " + name().toLowerCase(java.util.Locale.ROOT);
    }
}
