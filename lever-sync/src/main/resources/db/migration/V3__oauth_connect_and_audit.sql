-- A disconnected installation keeps its row, settings and history but no tokens, so the token
-- columns may be empty.
alter table installation alter column access_token_sealed drop not null;

alter table installation add column connected_at timestamptz;
alter table installation add column connected_by text;
alter table installation add column disconnected_at timestamptz;
alter table installation add column granted_scopes text;

update installation set connected_at = created_at where connected_at is null;

-- One row per started OAuth connect. Only the SHA-256 hash of the state value is stored, so a
-- database reader cannot complete another admin's connect. used_at makes each state single-use.
create table oauth_state (
    state_hash        text primary key,
    organization_id   text        not null,
    user_id           text        not null,
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    used_at           timestamptz
);

create index oauth_state_expires_idx on oauth_state (expires_at);

-- Every change to an organisation's Lever connection: who (a career.place user id, or
-- 'lever-sync' for automatic changes), what, when. Details never contain secrets.
create table audit_log (
    id                bigserial primary key,
    organization_id   text        not null,
    installation_id   text,
    actor             text        not null,
    action            text        not null,
    detail            text,
    occurred_at       timestamptz not null
);

create index audit_log_organization_idx on audit_log (organization_id, occurred_at desc, id desc);
