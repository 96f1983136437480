-- The at-most-once ledger of the notifier. One row per (saga step request, email kind): inserting it is the claim
-- that makes this process the only one allowed to send that email. Lives in schema "notifier" (with its own Flyway
-- history table) so the notifier can share a database with the orchestrator without touching its tables.
CREATE TABLE notifier.email_delivery (
    request_id  VARCHAR(200) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    org_id      VARCHAR(100) NOT NULL,
    saga_id     VARCHAR(100),
    recipient   VARCHAR(320) NOT NULL,
    -- PENDING: claimed, the SMTP exchange has not been confirmed; SENT: the server accepted the email.
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT')),
    claimed_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ,
    message_id  VARCHAR(998),
    CONSTRAINT email_delivery_pk PRIMARY KEY (request_id, kind)
);

-- Ops look for claims left PENDING by a crash mid-send: those emails may or may not have gone out.
CREATE INDEX email_delivery_pending_idx ON notifier.email_delivery (claimed_at) WHERE status = 'PENDING';
