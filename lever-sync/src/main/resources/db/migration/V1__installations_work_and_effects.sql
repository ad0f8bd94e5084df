-- One connection of a career.place organisation to a Lever account. Secrets are sealed with
-- SecretBox (AES-256-GCM) before they reach this table.
create table installation (
    id                        text primary key,
    organization_id           text        not null,
    lever_account_id          text        not null,
    access_token_sealed       text        not null,
    refresh_token_sealed      text,
    access_token_expires_at   timestamptz,
    perform_as                text        not null,
    qualified_stage_id        text,
    signing_tokens_sealed     text[]      not null default '{}',
    status                    text        not null,
    last_webhook_at           timestamptz,
    last_verified_at          timestamptz,
    last_error                text,
    last_error_at             timestamptz,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    -- Outbox for lever.installations.v1: state_version grows with every change that the topic
    -- carries, published_version records the last one Kafka acknowledged.
    state_version             bigint      not null default 1,
    published_version         bigint      not null default 0,
    constraint installation_status_check check (status in ('CONNECTED', 'REVOKED', 'DISCONNECTED')),
    constraint installation_org_account_unique unique (organization_id, lever_account_id)
);

create index installation_unpublished_idx on installation (id) where published_version < state_version;

-- The replica that may call Lever for an installation. Only the holder of an unexpired lease
-- makes Lever calls for it, so the per-installation rate limit holds across replicas.
create table installation_lease (
    installation_id       text primary key references installation (id) on delete cascade,
    owner                 text        not null,
    expires_at            timestamptz not null,
    acquired_at           timestamptz not null,
    previous_expires_at   timestamptz
);

-- Durable queue of work that needs Lever (or must wait behind work that does). Items of one
-- stream run one at a time in (seq, id) order; streams are per funnel or per opportunity.
create table work_item (
    id                bigserial primary key,
    installation_id   text        not null,
    kind              text        not null,
    dedupe_key        text        not null unique,
    stream            text        not null,
    seq               bigint      not null,
    priority          int         not null default 5,
    opportunity_id    text        not null,
    funnel_id         text,
    version           int,
    origin_topic      text        not null,
    payload           jsonb       not null,
    state             text        not null default 'PENDING',
    attempts          int         not null default 0,
    not_before        timestamptz not null default now(),
    last_error        text,
    created_at        timestamptz not null default now(),
    finished_at       timestamptz,
    constraint work_item_state_check check (state in ('PENDING', 'DONE', 'SKIPPED', 'DEAD'))
);

create index work_item_pending_idx on work_item (installation_id, stream, seq, id)
    where state = 'PENDING';
create index work_item_opportunity_idx on work_item (installation_id, opportunity_id);

-- Per funnel: the highest transition whose effects are all in Lever. Versions at or below it
-- change nothing, so redeliveries and replays are absorbed.
create table funnel_sync (
    funnel_id          text primary key,
    installation_id    text        not null,
    opportunity_id     text        not null,
    applied_version    int         not null,
    applied_status     text        not null,
    applied_at         timestamptz not null,
    checked_at         timestamptz,
    drift              text
);

create index funnel_sync_installation_idx on funnel_sync (installation_id, checked_at);

-- Effect ledger: each Lever write of a transition. STARTED means the call may have reached
-- Lever, so its outcome must be checked in Lever before the call is repeated.
create table effect (
    funnel_id       text        not null,
    version         int         not null,
    kind            text        not null,
    state           text        not null,
    lever_note_id   text,
    updated_at      timestamptz not null default now(),
    primary key (funnel_id, version, kind),
    constraint effect_state_check check (state in ('STARTED', 'DONE', 'SKIPPED'))
);
