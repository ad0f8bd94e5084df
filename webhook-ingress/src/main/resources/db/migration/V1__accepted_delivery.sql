-- Keys of webhook deliveries already published, so that Lever's retries and reruns, and copies
-- arriving at another replica, are acknowledged without being published again.
CREATE TABLE accepted_delivery (
    -- Lever's event id, or 'token:' followed by Lever's per-delivery token when the id is absent.
    delivery_key    text        PRIMARY KEY,
    installation_id text        NOT NULL,
    event           text        NOT NULL,
    -- When Lever fired the event. Keys are purged by this column once a copy of the delivery
    -- would be refused as stale anyway.
    triggered_at    timestamptz NOT NULL,
    accepted_at     timestamptz NOT NULL
);

CREATE INDEX accepted_delivery_triggered_at_idx ON accepted_delivery (triggered_at);
