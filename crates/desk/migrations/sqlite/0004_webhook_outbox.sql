-- Events for the site's webhook, written in the same transaction as the change they report (a transactional
-- outbox), then delivered by any desk process: a lease keeps two processes from sending the same row at once.
CREATE TABLE webhook_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event            TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    lease_until      TEXT,
    last_error       TEXT,
    delivered_at     TEXT,
    dead             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TEXT    NOT NULL
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, dead, next_attempt_at);
