-- What upstream services said about each organization, as of its latest event: the status API's organization block,
-- and the name, owner and number options an InboundAiChanged(true) for an organization that never had a setup can
-- fall back on. Written when an event arrives (not when its saga runs): it is upstream's view, not the line's.
create table organization (
    org_id               text primary key,
    company_name         text,
    owner_email          text,
    status               text,
    inbound_ai           boolean,
    country              text,
    area_code            text,
    twilio_credential_id text,
    updated_at           timestamptz not null
);
