package io.switchboard.orchestrator.templates;

import io.switchboard.orchestrator.api.problems.FieldErrors;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template must be before it is stored: every field within what VAPI's document accepts for the field it
 * becomes ({@link VapiProviderCatalog}), and our own sizes (settings) within those. All problems are reported at once
 * as an {@code invalid-request} problem naming the fields.
 */
public final class TemplateRules {
    /** Template names go into paths and VAPI metadata: lower-case letters, digits and dashes, 1 to 40. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    public static final int MAX_MODEL_LENGTH = 200;
    public static final int MAX_AUTHOR_LENGTH = 100;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("orgName", "role");

    private final VapiProviderCatalog catalog;
    private final TemplateProperties properties;

    public TemplateRules(VapiProviderCatalog catalog, TemplateProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    /** @throws io.switchboard.orchestrator.api.problems.ApiProblem {@code invalid-request} naming every bad field */
    public void check(TemplateStore.NewTemplate t) {
        FieldErrors errors = new FieldErrors();
        errors.require(t.name() != null && NAME.matcher(t.name()).matches(), "name",
                "must be 1 to 40 lower-case letters, digits or dashes, starting and ending with a letter or digit");
        text(errors, "systemPrompt", t.systemPrompt(), properties.maxSystemPromptLength(), true, true);
        text(errors, "firstMessage", t.firstMessage(), properties.maxFirstMessageLength(), true, false);
        text(errors, "outboundFirstMessage", t.outboundFirstMessage(), properties.maxFirstMessageLength(), false, false);
        model(errors, t.modelProvider(), t.model());
        voice(errors, t.voiceProvider(), t.voiceId());
        text(errors, "createdBy", t.createdBy(), MAX_AUTHOR_LENGTH, false, false);
        errors.throwIfAny();
    }

    private void model(FieldErrors errors, String provider, String model) {
        var known = catalog.modelProvider(provider);
        errors.require(known.isPresent(), "model.provider",
                "must be one of VAPI's model providers: " + String.join(", ", catalog.modelProviders()));
        if (!text(errors, "model.model", model, MAX_MODEL_LENGTH, true, false) || known.isEmpty()) {
            return;
        }
        Set<String> models = known.get().models();
        errors.require(models.isEmpty() || models.contains(model), "model.model",
                "is not one of the models VAPI's document lists for " + provider);
    }

    private void voice(FieldErrors errors, String provider, String voiceId) {
        var known = catalog.voiceProvider(provider);
        errors.require(known.isPresent(), "voice.provider",
                "must be one of VAPI's voice providers: " + String.join(", ", catalog.voiceProviders()));
        if (!text(errors, "voice.voiceId", voiceId, MAX_MODEL_LENGTH, true, false) || known.isEmpty()) {
            return;
        }
        known.get().refusal(voiceId).ifPresent(why -> errors.require(false, "voice.voiceId", why));
    }

    /** @return whether the text is present and valid (so checks on its content may follow) */
    private static boolean text(FieldErrors errors, String field, String value, int maxLength, boolean required,
                                boolean multiLine) {
        if (value == null) {
            errors.require(!required, field, "is required");
            return false;
        }
        boolean valid = check(errors, !value.isBlank(), field, "must not be blank");
        valid &= check(errors, value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
        valid &= check(errors, value.codePoints().noneMatch(c -> isControl(c, multiLine)), field, multiLine
                ? "must not contain control characters (line breaks and tabs are allowed)"
                : "must not contain control characters (it is one line)");
        Matcher placeholder = PLACEHOLDER.matcher(value);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                return check(errors, false, field, "has an unknown placeholder " + placeholder.group()
                        + " (known: {orgName}, {role})");
            }
        }
        return valid;
    }

    private static boolean check(FieldErrors errors, boolean valid, String field, String message) {
        errors.require(valid, field, message);
        return valid;
    }

    private static boolean isControl(int c, boolean multiLine) {
        if (multiLine && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029;
    }
}
