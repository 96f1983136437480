-- Ops batches (POST /api/v1/batches): one action over many organizations, with a dry run, a rate limit, live
-- progress and per-organization results. The item list is materialised when the batch is created, so a batch resumed
-- after a crash, a pause or a dry run works on exactly the organizations it listed, never on the filter again.
create table ops_batch (
    id              uuid primary key,
    kind            text        not null,
    selector        jsonb       not null,
    options         jsonb       not null,
    status          text        not null,
    rate_per_minute integer     not null check (rate_per_minute > 0),
    dry_run         boolean     not null,
    created_by      text        not null,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz not null
);
create index ops_batch_created_idx on ops_batch (created_at desc);
-- The runner's work: batches that start items, and stopped ones whose started items it still follows.
create index ops_batch_active_idx on ops_batch (status) where status in ('RUNNING', 'PAUSED', 'CANCELLED');

create table ops_batch_item (
    batch_id    uuid        not null references ops_batch (id),
    position    integer     not null,
    org_id      text        not null,
    status      text        not null,
    action      text,
    reason      text,
    request_id  text,
    saga_id     uuid,
    started_at  timestamptz,
    finished_at timestamptz,
    updated_at  timestamptz not null,
    primary key (batch_id, org_id)
);
create unique index ops_batch_item_position_idx on ops_batch_item (batch_id, position);
create index ops_batch_item_status_idx on ops_batch_item (batch_id, status, position);

-- An item is queued as an organization event whose identity is (batch source, '<batch id>:<org id>'): at most one
-- queued request per batch and organization, whatever crash or second orchestrator came between.
create unique index org_event_batch_item_once on org_event (event_source, event_id)
    where event_source = '/switchboard/ops-batches';
