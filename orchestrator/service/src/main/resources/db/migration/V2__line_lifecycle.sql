-- Numbers the platform owns but no organization uses right now: taken before buying, given back instead of released.
create table number_pool (
    number_sid           text primary key,
    phone_number         text        not null,
    country              text        not null,
    area_code            text,
    provider             text        not null default 'twilio',
    twilio_credential_id text,
    status               text        not null,
    assigned_org_id      text,
    assigned_at          timestamptz,
    idle_since           timestamptz not null,
    created_at           timestamptz not null
);
create index number_pool_available_idx on number_pool (country, area_code, idle_since) where status = 'AVAILABLE';
