-- Organization tokens issued at run time (api/security/OrganizationTokens), beside the ones in the configuration.
-- Only the SHA-256 digest of a token is kept (the secret is shown once, when it is created); the prefix is its first
-- characters, enough for a person to tell tokens apart and too few to use. A revoked token keeps its row (who had it,
-- when it was revoked) and is refused from the next request on, by every orchestrator: each request looks it up here.
create table api_token (
    id           uuid        primary key,
    org_id       text        not null,
    label        text        not null,
    digest       bytea       not null unique,
    prefix       text        not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,            -- updated at most once a minute per token
    revoked_at   timestamptz
);
create index api_token_org on api_token (org_id, created_at);

-- The assistant an organization linked its line's number to (PUT …/numbers/{id}/assistant, the
-- number-assistant-link saga); null: the inbound assistant, where every line saga registers the number.
alter table ai_config add column number_assistant_id text;
