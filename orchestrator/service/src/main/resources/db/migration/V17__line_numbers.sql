-- An organization's numbers beyond its line's own (ai_config keeps the line's number): added and removed by the
-- organization (POST / DELETE …/numbers, the add-number and remove-number sagas), each registered at VAPI and bound to
-- one of the organization's assistants. A row exists only while the number is the organization's: the remove-number
-- saga deletes it in the transaction that hands the number to the pool, or once Twilio released it.
create table line_number (
    number_sid           text        primary key,
    org_id               text        not null,
    phone_number         text        not null unique,
    source               text        not null,  -- PURCHASED, POOLED, ORGANIZATION_OWNED (as ai_config.number_source)
    twilio_credential_id text,                  -- the organization's own Twilio account; null: the platform's
    country              text        not null,
    vapi_phone_number_id text        not null unique,
    assistant_id         text        not null,  -- the assistant VAPI routes its calls to
    status               text        not null,  -- active, removing
    created_by_saga      uuid        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create index line_number_org on line_number (org_id, created_at);
