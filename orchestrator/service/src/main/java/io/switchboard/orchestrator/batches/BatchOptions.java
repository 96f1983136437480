package io.switchboard.orchestrator.batches;

/**
 * What each item of a batch asks for beyond its kind.
 *
 * @param numberSource    {@code assign-numbers} and {@code inbound-ai-on}: where the number comes from
 *                        ({@code pool_first}, {@code force_twilio}, {@code own_number}); {@code null} = the line's
 *                        remembered choice, else the default
 * @param templateName    {@code update-assistants}: the assistant template to move the organizations to — each is
 *                        pinned to it when its item starts, so its later assistants get it too; {@code null} = each
 *                        organization's effective template (its pin, else the default)
 * @param templateVersion with {@code templateName}: pin and apply that version; {@code null}: follow the latest
 */
public record BatchOptions(String numberSource, String templateName, Integer templateVersion) {
    static final BatchOptions NONE = new BatchOptions(null, null, null);

    public BatchOptions(String numberSource) {
        this(numberSource, null, null);
    }
}
