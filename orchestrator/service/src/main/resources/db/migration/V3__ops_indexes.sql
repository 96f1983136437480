-- Ops toolbox: indexes behind GET /api/v1/sagas filters, and the ledger of redriven dead letters.

-- "Every FAILED saga of type X at step Y", the query ops run most; parked sagas are few, so a partial index is small.
create index saga_instance_failed_idx on saga_instance (failed_step, saga_type, created_at) where state = 'FAILED';
-- Listing by type (and age) without a state filter.
create index saga_instance_type_created_idx on saga_instance (saga_type, created_at);
-- Listing newest first / older than an age without other filters.
create index saga_instance_created_idx on saga_instance (created_at);

-- One row per dead letter republished to its original topic, so the same DLQ record is never redriven twice
-- (a second "redrive all" skips what the first one sent).
create table dead_letter_redrive (
    dlq_topic      text        not null,
    dlq_partition  int         not null,
    dlq_offset     bigint      not null,
    original_topic text        not null,
    message_key    text,
    message_id     text,
    redriven_at    timestamptz not null,
    primary key (dlq_topic, dlq_partition, dlq_offset)
);
