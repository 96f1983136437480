-- The VAPI worker's creation ledger (io.switchboard.messaging.ledger.CreationLedger): one row per (saga step
-- request, kind of resource). PENDING is claimed before the create is sent; CREATED records VAPI's id once VAPI
-- answered. A retried or redelivered command finds its assistant, registration or free number here instead of
-- listing the VAPI account. Schema "vapi_worker" with its own Flyway history table, so the worker can share a
-- database with the orchestrator and the notifier without touching their tables.
CREATE TABLE vapi_worker.creation_ledger (
    request_id  VARCHAR(200) NOT NULL,
    -- vapi-assistant, vapi-registration, vapi-free-number
    kind        VARCHAR(40)  NOT NULL,
    -- the owner: the organization the resource was created for
    org_id      VARCHAR(100) NOT NULL,
    saga_id     VARCHAR(100),
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'CREATED')),
    claimed_at  TIMESTAMPTZ  NOT NULL,
    created_at  TIMESTAMPTZ,
    resource_id VARCHAR(200),
    CONSTRAINT creation_ledger_pk PRIMARY KEY (request_id, kind)
);

-- Ownership checks before an adopt, re-bind or delete: which organization's request created this VAPI id?
CREATE INDEX creation_ledger_resource_idx ON vapi_worker.creation_ledger (resource_id) WHERE resource_id IS NOT NULL;

-- Ops look for claims left PENDING: an attempt whose outcome at VAPI was never recorded.
CREATE INDEX creation_ledger_pending_idx ON vapi_worker.creation_ledger (claimed_at) WHERE status = 'PENDING';
