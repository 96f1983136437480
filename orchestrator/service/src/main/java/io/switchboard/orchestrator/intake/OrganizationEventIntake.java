package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.OrganizationEvent;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.saga.runtime.SagaStarter;

import java.util.UUID;

/**
 * Where organization events and ops requests enter: each is queued behind whatever saga its organization runs
 * ({@link OrgEventQueue}) and started when its turn comes. All methods run inside the caller's transaction.
 */
public class OrganizationEventIntake {
    private final OrgEventQueue queue;
    private final SagaStarter starter;
    private final Organizations organizations;

    public OrganizationEventIntake(OrgEventQueue queue, SagaStarter starter, Organizations organizations) {
        this.queue = queue;
        this.starter = starter;
        this.organizations = organizations;
    }

    /**
     * Records what the event says about its organization (upstream's latest word, whatever saga it starts), then
     * queues it.
     *
     * @param source the event's {@code ce_source}: with {@code eventId} it identifies the event
     */
    public void accept(String source, String eventId, OrganizationEvent event) {
        organizations.record(event);
        queue.enqueue(source, eventId, MessageTypes.typeOf(event.getClass()), event.orgId(), event, starter);
    }

    /**
     * Queues an event the orchestrator itself asks for (an ops batch's item) under an identity of its choosing, so
     * the caller can find it again after a crash. Unlike upstream's events it does not change what is recorded as
     * upstream's word about the organization.
     */
    public void acceptInternal(String source, String eventId, Object event) {
        if (event instanceof OpsRequest request) {
            queue.enqueue(source, eventId, OpsRequest.typeOf(request), request.orgId(), request, starter);
        } else {
            OrganizationEvent upstreamKind = (OrganizationEvent) event;
            queue.enqueue(source, eventId, MessageTypes.typeOf(upstreamKind.getClass()), upstreamKind.orgId(),
                    upstreamKind, starter);
        }
    }

    /** @return the id under which the request is queued ({@code GET …/requests/{id}} reports on it) */
    public String accept(OpsRequest request) {
        String requestId = UUID.randomUUID().toString();
        queue.enqueue(null, requestId, OpsRequest.typeOf(request), request.orgId(), request, starter);
        return requestId;
    }
}
