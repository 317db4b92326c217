-- Triage that learns from agents (issue 12).
--
-- Every trained intent model, by version: each replica triages with the highest, so all of them decide a message
-- the same way. `accuracy` is on the held-back tenth of the examples it was trained from.
CREATE TABLE triage_models (
    version      BIGINT  PRIMARY KEY,
    model        BYTEA   NOT NULL,
    examples     BIGINT  NOT NULL,
    corrections  BIGINT  NOT NULL,
    held_back    BIGINT  NOT NULL,
    accuracy     DOUBLE PRECISION NOT NULL,
    trained_at   TEXT    NOT NULL
);

-- An agent's re-route: what triage decided and why, what the agent chose and why. The next training reads the
-- ticket with the agent's queue.
CREATE TABLE triage_corrections (
    id              BIGSERIAL PRIMARY KEY,
    ticket_number   BIGINT  NOT NULL REFERENCES tickets (number),
    from_queue      TEXT    NOT NULL,
    from_priority   TEXT    NOT NULL,
    to_queue        TEXT    NOT NULL,
    to_priority     TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    triage_reasons  TEXT    NOT NULL,
    model_version   BIGINT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX triage_corrections_ticket ON triage_corrections (ticket_number);

-- The model version that triaged a ticket (none for tickets from before, or triaged without a model), and whether
-- triage was unsure of its queue.
ALTER TABLE tickets ADD COLUMN triage_model BIGINT;
ALTER TABLE tickets ADD COLUMN needs_look BOOLEAN NOT NULL DEFAULT FALSE;
