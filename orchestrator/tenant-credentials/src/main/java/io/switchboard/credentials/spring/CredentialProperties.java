package io.switchboard.credentials.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.credentials.*}.
 *
 * @param keyset          Tink JSON keyset (AES-256-GCM keys; the primary encrypts, all decrypt). Secret. Empty = no
 *                        tenant credentials: services run with the platform account only.
 * @param rotateOnStartup the schema owner (orchestrator) re-encrypts rows not under the primary key when it starts
 */
@ConfigurationProperties(prefix = "switchboard.credentials")
public record CredentialProperties(String keyset, @DefaultValue("true") boolean rotateOnStartup) {

    public boolean hasKeyset() {
        return keyset != null && !keyset.isBlank();
    }

    @Override
    public String toString() {
        // Records print every component; key material must never reach a log line.
        return "CredentialProperties[keyset=" + (hasKeyset() ? "***" : "") + ", rotateOnStartup=" + rotateOnStartup + "]";
    }
}
