-- Organizations' own provider credentials. The secret (e.g. a Twilio auth token) exists here only as AEAD
-- ciphertext; associated data binds it to org_id, id, provider and account_sid, so a ciphertext copied to
-- another row (another organization) does not decrypt.
create table tenant_credential (
    id          text primary key,
    org_id      text        not null,
    provider    text        not null,
    account_sid text        not null,
    ciphertext  bytea       not null,
    key_id      bigint      not null,   -- Tink key id (uint32) that encrypted the row: rotation finds stale rows by it
    created_at  timestamptz not null,
    rotated_at  timestamptz,            -- last re-encryption or secret replacement
    constraint tenant_credential_account_uq unique (org_id, provider, account_sid)
);
create index tenant_credential_key_idx on tenant_credential (key_id);
