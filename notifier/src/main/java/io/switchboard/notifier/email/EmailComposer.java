package io.switchboard.notifier.email;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.notifier.config.NotifierProperties;

import java.util.HashMap;
import java.util.Map;

/** Builds the subject and both bodies of each email from its command and the notifier's configuration. */
public final class EmailComposer {
    private final EmailTemplates templates;
    private final NotifierProperties properties;

    public EmailComposer(EmailTemplates templates, NotifierProperties properties) {
        this.templates = templates;
        this.properties = properties;
    }

    public RenderedEmail approval(SendApprovalEmail command) {
        Map<String, Object> model = common(command.orgName());
        model.put("phoneNumber", orEmpty(command.phoneNumber()));
        model.put("inboundAssistantName", orEmpty(command.inboundAssistantName()));
        model.put("outboundAssistantName", orEmpty(command.outboundAssistantName()));
        model.put("setupDate", SetupDates.humanize(command.setupDate(), properties.timeZone()));
        String subject = "Your " + properties.productName() + " phone line is ready: " + orEmpty(command.phoneNumber());
        return render(EmailKind.APPROVAL, "approval", subject, model);
    }

    public RenderedEmail failure(SendFailureEmail command) {
        Map<String, Object> model = common(command.orgName());
        model.put("failedStep", StepDescriptions.describe(command.failedStep()));
        model.put("reason", command.reason() == null || command.reason().isBlank()
                ? "no further detail was recorded" : command.reason());
        String subject = "We could not finish setting up " + properties.productName() + " for " + orEmpty(command.orgName());
        return render(EmailKind.FAILURE, "failure", subject, model);
    }

    private Map<String, Object> common(String orgName) {
        Map<String, Object> model = new HashMap<>();
        model.put("orgName", orEmpty(orgName));
        model.put("productName", properties.productName());
        model.put("supportEmail", properties.supportEmail());
        model.put("dashboardUrl", properties.dashboardUrl() == null ? "" : properties.dashboardUrl());
        return model;
    }

    private RenderedEmail render(EmailKind kind, String template, String subject, Map<String, Object> model) {
        return new RenderedEmail(kind, oneLine(subject),
                templates.render(template + ".txt", model), templates.render(template + ".html", model));
    }

    /** Org data ends up in the Subject header: a line break there would start a header of the sender's choosing. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]+", " ").trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
