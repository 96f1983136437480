-- Saga engine: instances, step history, transactional outbox, inbox (dedup), durable timers.

create table saga_instance (
    id                 uuid primary key,
    saga_type          text        not null,
    definition_version int         not null,
    org_id             text        not null,
    state              text        not null,
    data               jsonb       not null,
    failed_step        text,
    failure_reason     text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    finished_at        timestamptz,
    version            bigint      not null default 0
);
create index saga_instance_org_idx on saga_instance (org_id, created_at);
create index saga_instance_state_idx on saga_instance (state, updated_at);
-- At most one running saga per organization, whatever the number of orchestrator instances.
create unique index saga_instance_one_active_per_org on saga_instance (org_id) where state in ('RUNNING', 'COMPENSATING');

create table saga_step (
    id                 bigserial primary key,
    saga_id            uuid        not null references saga_instance (id) on delete cascade,
    step_name          text        not null,
    direction          text        not null,
    status             text        not null,
    attempt            int         not null,
    command_type       text,
    input              jsonb,
    reply_type         text,
    output             jsonb,
    error_code         text,
    error_message      text,
    started_at         timestamptz not null,
    attempt_started_at timestamptz not null,
    finished_at        timestamptz,
    unique (saga_id, step_name, direction)
);

-- Commands and saga events written in the same transaction as the state change that caused them.
create table outbox_message (
    id           bigserial primary key,
    message_id   uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    headers      jsonb       not null,
    payload      bytea       not null,
    created_at   timestamptz not null,
    published_at timestamptz,
    attempts     int         not null default 0,
    last_error   text
);
create index outbox_message_unpublished_idx on outbox_message (id) where published_at is null;

-- Ids of messages already applied, per consumer: redeliveries are absorbed here.
create table inbox_message (
    consumer    text        not null,
    message_id  text        not null,
    received_at timestamptz not null,
    primary key (consumer, message_id)
);
create index inbox_message_received_idx on inbox_message (received_at);

-- Durable timers: step timeouts and retry backoffs survive restarts and hold no thread while waiting.
create table saga_timer (
    id         bigserial primary key,
    saga_id    uuid        not null references saga_instance (id) on delete cascade,
    kind       text        not null,
    step_name  text        not null,
    direction  text        not null,
    attempt    int         not null,
    fire_at    timestamptz not null
);
create index saga_timer_due_idx on saga_timer (fire_at);
create index saga_timer_step_idx on saga_timer (saga_id, step_name, direction);

-- Organization events in arrival order; one saga per organization runs at a time, the rest wait here.
create table org_event (
    id          bigserial primary key,
    event_id    text        not null,
    org_id      text        not null,
    event_type  text        not null,
    payload     jsonb       not null,
    received_at timestamptz not null,
    status      text        not null,
    saga_id     uuid,
    note        text
);
create index org_event_pending_idx on org_event (org_id, id) where status = 'PENDING';

-- A row per organization to serialise event intake and saga hand-over across orchestrator instances.
create table org_lock (
    org_id text primary key
);

-- The organization's voice-AI line as the product sees it.
create table ai_config (
    org_id                text primary key,
    org_name              text        not null,
    owner_email           text        not null,
    status                text        not null,
    setup_completed       boolean     not null,
    setup_date            timestamptz,
    phone_number          text,
    number_sid            text,
    number_source         text,
    vapi_phone_number_id  text,
    inbound_assistant_id  text,
    outbound_assistant_id text,
    country               text,
    area_code             text,
    twilio_credential_id  text,
    updated_at            timestamptz not null
);
