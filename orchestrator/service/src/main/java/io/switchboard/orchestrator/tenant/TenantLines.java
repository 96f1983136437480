package io.switchboard.orchestrator.tenant;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.api.problems.ApiProblemHandler;
import io.switchboard.orchestrator.lines.LineNumber;
import io.switchboard.orchestrator.lines.LineNumbers;
import io.switchboard.orchestrator.lines.NumberLinks;
import io.switchboard.orchestrator.organizations.Organizations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An organization's numbers and assistants, read from its line ({@code ai_config}) and the numbers it added
 * ({@code line_number}), for its own token. Whatever is
 * not the organization's is simply not there: lookups are by organization first, so another organization's number
 * or assistant id is as unknown here as one that never existed.
 */
public class TenantLines {
    private final AiConfigRepository configs;
    private final Organizations organizations;
    private final LineNumbers lineNumbers;

    public TenantLines(AiConfigRepository configs, Organizations organizations, LineNumbers lineNumbers) {
        this.configs = configs;
        this.organizations = organizations;
        this.lineNumbers = lineNumbers;
    }

    /**
     * The organization's line, empty when it has none yet.
     *
     * @throws io.switchboard.orchestrator.api.problems.ApiProblem {@code not-found}, the very answer the token filter
     *         gives for another organization's path, when Switchboard has never heard of the organization
     */
    public Optional<AiConfig> lineOf(String orgId) {
        Optional<AiConfig> line = configs.findById(orgId);
        if (line.isEmpty() && organizations.find(orgId).isEmpty()) {
            throw ApiProblemHandler.notFound();
        }
        return line;
    }

    /** The line's own number first, then the ones the organization added, oldest first. */
    public List<TenantNumber> numbers(String orgId) {
        List<TenantNumber> numbers = new ArrayList<>();
        lineOf(orgId).flatMap(TenantLines::number).ifPresent(numbers::add);
        lineNumbers.of(orgId).stream().map(TenantLines::number).forEach(numbers::add);
        return numbers;
    }

    /** One of the organization's additional numbers (never another organization's). */
    public Optional<LineNumber> additional(String orgId, String numberId) {
        return lineNumbers.find(orgId, numberId);
    }

    public List<TenantAssistant> assistants(String orgId) {
        Optional<AiConfig> line = lineOf(orgId);
        if (line.isEmpty()) {
            return List.of();
        }
        AiConfig config = line.get();
        List<TenantNumber> numbers = numbers(orgId);
        List<TenantAssistant> assistants = new ArrayList<>();
        for (AssistantRole role : AssistantRole.values()) {
            String id = role == AssistantRole.INBOUND ? config.inboundAssistantId() : config.outboundAssistantId();
            if (id != null) {
                List<String> bound = numbers.stream().filter(n -> id.equals(n.assistantId()))
                        .map(TenantNumber::numberId).toList();
                assistants.add(new TenantAssistant(id, role.name().toLowerCase(Locale.ROOT),
                        role.assistantName(config.orgName()), bound));
            }
        }
        return assistants;
    }

    /** The line's number, if it has one (a line turned off keeps only its assistants). */
    static Optional<TenantNumber> number(AiConfig config) {
        return NumberLinks.numberIdOf(config).map(id -> new TenantNumber(id, config.phoneNumber(),
                config.numberSource(), config.status(), config.numberAssistantId(), config.vapiPhoneNumberId()));
    }

    static TenantNumber number(LineNumber number) {
        return new TenantNumber(number.numberSid(), number.phoneNumber(), number.source(), number.status(),
                number.assistantId(), number.vapiPhoneNumberId());
    }

    /** Whether this is one of the line's assistants. */
    static boolean isAssistantOf(AiConfig config, String assistantId) {
        return assistantId != null
                && (assistantId.equals(config.inboundAssistantId()) || assistantId.equals(config.outboundAssistantId()));
    }
}
