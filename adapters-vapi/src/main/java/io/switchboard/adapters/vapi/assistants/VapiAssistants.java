package io.switchboard.adapters.vapi.assistants;

import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.CreateAssistant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Assistants at VAPI, created at most once per requestId (looked up by metadata before creating). */
public class VapiAssistants {
    private static final Logger log = LoggerFactory.getLogger(VapiAssistants.class);

    private final VapiApi api;
    private final ProviderGuard guard;
    private final AssistantSpec spec;
    private final int listLimit;

    public VapiAssistants(VapiApi api, ProviderGuard guard, AssistantSpec spec, int listLimit) {
        this.api = api;
        this.guard = guard;
        this.spec = spec;
        this.listLimit = listLimit;
    }

    /** Look, then create; retried as a whole, so a create that timed out after succeeding is adopted. */
    public VapiDtos.Assistant findOrCreate(CreateAssistant command) {
        return guard.retrying(() -> {
            Optional<VapiDtos.Assistant> existing = findByRequestId(command.requestId());
            if (existing.isPresent()) {
                log.info("Adopting assistant {} already created for request {}", existing.get().id(), command.requestId());
                return existing.get();
            }
            VapiDtos.Assistant created = guard.once(() -> api.createAssistant(spec.build(command)));
            log.info("Created VAPI assistant {} '{}'", created.id(), created.name());
            return created;
        });
    }

    public Optional<VapiDtos.Assistant> findByRequestId(String requestId) {
        return guard.once(() -> api.listAssistants(listLimit)).stream()
                .filter(a -> a.metadata() != null && requestId.equals(String.valueOf(a.metadata().get(AssistantSpec.REQUEST_ID_KEY))))
                .findFirst();
    }

    /** @return {@code false} when VAPI no longer knew the assistant */
    public boolean delete(String assistantId) {
        return guard.retrying(() -> {
            try {
                guard.run(() -> api.deleteAssistant(assistantId));
                return true;
            } catch (VapiFailure e) {
                if (e.kind() == VapiFailure.Kind.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        });
    }
}
