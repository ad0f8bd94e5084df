-- Installations as last seen on lever.installations.v1: which organisation owns each one and
-- whether it is still connected. lever-sync owns the installation itself.
CREATE TABLE installations (
    installation_id text PRIMARY KEY,
    organization_id text,
    status          text        NOT NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL
);

-- A career.place job linked to a Lever posting. A posting feeds at most one job per installation.
CREATE TABLE job_links (
    organization_id text        NOT NULL,
    job_id          text        NOT NULL,
    installation_id text        NOT NULL,
    posting_id      text        NOT NULL,
    job_title       text        NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    PRIMARY KEY (organization_id, job_id),
    CONSTRAINT job_links_one_job_per_posting UNIQUE (installation_id, posting_id)
);

-- Who changed which job link, and when. Rows are only ever inserted.
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    organization_id text        NOT NULL,
    actor           text        NOT NULL,
    action          text        NOT NULL,
    job_id          text        NOT NULL,
    before_value    jsonb,
    after_value     jsonb,
    request_id      text,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX audit_log_by_organization ON audit_log (organization_id, id);

-- One funnel per candidate application. The candidate's name and e-mail are stored here and
-- nowhere else in this schema, so erasing them is a single-row update.
CREATE TABLE funnels (
    funnel_id          uuid PRIMARY KEY,
    installation_id    text        NOT NULL,
    opportunity_id     text        NOT NULL,
    application_id     text,
    posting_id         text        NOT NULL,
    organization_id    text        NOT NULL,
    job_id             text        NOT NULL,
    job_title          text        NOT NULL,
    invitation_id      text        NOT NULL UNIQUE,
    status             text        NOT NULL,
    version            integer     NOT NULL,
    candidate_name     text,
    candidate_email    text,
    applicant_card_url text,
    erased_at          timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT funnels_one_per_opportunity UNIQUE (installation_id, opportunity_id)
);
CREATE INDEX funnels_open_by_installation ON funnels (installation_id)
    WHERE status IN ('INVITED', 'IN_PROGRESS');

-- Everything that happened to a funnel, in arrival order. TRANSITION rows double as the outbox of
-- funnel.status.v1: payload is the record to publish without the candidate's name and e-mail,
-- which the relay adds from funnels at send time; published_at is set once Kafka acknowledged it.
CREATE TABLE funnel_history (
    id                 bigserial PRIMARY KEY,
    funnel_id          uuid        NOT NULL REFERENCES funnels (funnel_id),
    kind               text        NOT NULL CHECK (kind IN ('TRANSITION', 'NOTED', 'IGNORED')),
    source_topic       text        NOT NULL,
    source_event_id    text        NOT NULL,
    source_type        text        NOT NULL,
    source_occurred_at timestamptz,
    recorded_at        timestamptz NOT NULL,
    from_status        text,
    to_status          text,
    version            integer,
    status_event_id    uuid UNIQUE,
    reason             text,
    detail             text,
    payload            jsonb,
    published_at       timestamptz,
    CONSTRAINT funnel_history_transition_complete CHECK (
        kind <> 'TRANSITION'
        OR (to_status IS NOT NULL AND version IS NOT NULL AND status_event_id IS NOT NULL
            AND payload IS NOT NULL)),
    CONSTRAINT funnel_history_one_row_per_version UNIQUE (funnel_id, version)
);
CREATE INDEX funnel_history_by_funnel ON funnel_history (funnel_id, id);
CREATE INDEX funnel_history_unpublished ON funnel_history (id)
    WHERE kind = 'TRANSITION' AND published_at IS NULL;

-- Applications that started no funnel (posting not linked, no e-mail address, installation
-- disconnected), so a developer can see why. No personal data.
CREATE TABLE skipped_applications (
    id                 bigserial PRIMARY KEY,
    installation_id    text        NOT NULL,
    opportunity_id     text        NOT NULL,
    posting_id         text,
    source_event_id    text        NOT NULL,
    detail             text        NOT NULL,
    source_occurred_at timestamptz,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX skipped_applications_by_opportunity
    ON skipped_applications (installation_id, opportunity_id);

-- Ids of consumed records, so a redelivered or replayed record has no second effect.
CREATE TABLE processed_events (
    source_topic text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (source_topic, event_id)
);
