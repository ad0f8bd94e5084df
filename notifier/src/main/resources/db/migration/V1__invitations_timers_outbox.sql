-- One row per funnel the notifier has heard of. A funnel first seen with a status other than
-- INVITED gets a row without contact data, so that a late INVITED record sends nothing.
CREATE TABLE invitation (
    funnel_id         TEXT PRIMARY KEY,
    invitation_id     TEXT UNIQUE,
    installation_id   TEXT NOT NULL,
    opportunity_id    TEXT NOT NULL,
    job_title         TEXT,
    candidate_name    TEXT,
    candidate_email   TEXT,
    unsubscribe_token TEXT UNIQUE,
    invited_at        TIMESTAMPTZ,
    opt_out_at        TIMESTAMPTZ,
    status_version    INT NOT NULL,
    funnel_status     TEXT NOT NULL,
    -- NULL while the schedule runs; otherwise the status or outcome that stopped it.
    stop_reason       TEXT,
    stopped_at        TIMESTAMPTZ,
    unsubscribed_at   TIMESTAMPTZ,
    erased_at         TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL
);

-- Durable timers: the invitation e-mail (sequence 0), each reminder (sequence 1..n) and the
-- opt-out deadline. due_at is the scheduled instant; fire_at moves later on retries.
CREATE TABLE timer (
    id              BIGSERIAL PRIMARY KEY,
    funnel_id       TEXT NOT NULL REFERENCES invitation (funnel_id),
    installation_id TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('INVITATION', 'REMINDER', 'OPT_OUT')),
    sequence        INT NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    fire_at         TIMESTAMPTZ NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('PENDING', 'CLAIMED', 'SENDING', 'DONE', 'SKIPPED',
                                                   'CANCELLED', 'BOUNCED', 'UNCERTAIN')),
    attempts        INT NOT NULL DEFAULT 0,
    owner           TEXT,
    -- Real (database) time until which the owner's claim is valid.
    lease_until     TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    detail          TEXT,
    UNIQUE (funnel_id, kind, sequence)
);

CREATE INDEX timer_ready ON timer (fire_at) WHERE state = 'PENDING';
CREATE INDEX timer_leased ON timer (lease_until) WHERE state IN ('CLAIMED', 'SENDING');

-- Sent mail log, keyed by the deterministic Message-ID. A row in SENDING or UNCERTAIN means the
-- SMTP transaction may have completed, so that mail is never sent again.
CREATE TABLE mail_log (
    message_id  TEXT PRIMARY KEY,
    timer_id    BIGINT NOT NULL UNIQUE REFERENCES timer (id),
    funnel_id   TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('SENDING', 'ACCEPTED', 'RETRYING', 'REJECTED', 'UNCERTAIN')),
    attempts    INT NOT NULL,
    smtp_reply  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ
);

CREATE INDEX mail_log_funnel ON mail_log (funnel_id);

-- Outcomes written in the transaction that decides them and published to Kafka afterwards.
CREATE TABLE outcome_outbox (
    event_id     TEXT PRIMARY KEY,
    record_key   TEXT NOT NULL,
    payload      BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);

CREATE INDEX outcome_outbox_unpublished ON outcome_outbox (created_at) WHERE published_at IS NULL;

-- Latest known status of each installation; reminders of installations not CONNECTED wait.
CREATE TABLE installation (
    installation_id TEXT PRIMARY KEY,
    status          TEXT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
