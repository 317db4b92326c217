-- Proactive nudges (issue 16): while an incident a ticket names is open, each update the status page posts on it,
-- and its resolution, is written once into the thread of every open ticket that names it, by the desk itself
-- (author `system`, "Service status"): no first response, no change of status or assignee.

-- A message may now be the desk's own.
ALTER TABLE ticket_messages DROP CONSTRAINT ticket_messages_author_check;
ALTER TABLE ticket_messages ADD CONSTRAINT ticket_messages_author_check
    CHECK (author IN ('user', 'agent', 'system'));

-- The incidents each ticket's context names (`context.active_incidents[].id`), copied out of the JSON when the
-- ticket is filed so that an incident's tickets are found by index, not by reading every context.
CREATE TABLE ticket_incidents (
    incident_id    TEXT   NOT NULL,
    ticket_number  BIGINT NOT NULL REFERENCES tickets (number),
    PRIMARY KEY (incident_id, ticket_number)
);
INSERT INTO ticket_incidents (incident_id, ticket_number)
    SELECT DISTINCT incident ->> 'id', tickets.number
    FROM tickets
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(tickets.context::jsonb -> 'active_incidents') = 'array'
             THEN tickets.context::jsonb -> 'active_incidents' ELSE '[]'::jsonb END) AS incident
    WHERE jsonb_typeof(incident -> 'id') = 'string' AND incident ->> 'id' <> ''
    ON CONFLICT DO NOTHING;

-- Incident updates to tell tickets about (a transactional outbox): the status page's own, written in the
-- transaction that posts the update, and a mirrored page's, written by whichever replica saw them first (the
-- unique key makes the others' writes no-ops). Any replica takes one under a lease and posts it to the tickets;
-- `done_at` once every ticket has it. `posted_at` is when the update was posted: tickets filed later saw it.
CREATE TABLE incident_news (
    id             BIGSERIAL PRIMARY KEY,
    -- `page` for the desk's own status page, else the mirrored upstream's (redacted) URL.
    source         TEXT NOT NULL,
    incident_id    TEXT NOT NULL,
    update_id      TEXT NOT NULL,
    incident_name  TEXT NOT NULL,
    status         TEXT NOT NULL,
    body           TEXT NOT NULL,
    posted_at      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    lease_until    TEXT,
    done_at        TEXT,
    UNIQUE (incident_id, update_id)
);
CREATE INDEX incident_news_due ON incident_news (id) WHERE done_at IS NULL;
CREATE INDEX incident_news_source ON incident_news (source, incident_id);

-- One row per ticket told of one incident update, written in the transaction of the message it names: a second
-- replica, or the same one again after a restart, finds the key taken and posts nothing.
CREATE TABLE incident_nudges (
    ticket_number  BIGINT NOT NULL REFERENCES tickets (number),
    incident_id    TEXT   NOT NULL,
    update_id      TEXT   NOT NULL,
    message_id     BIGINT NOT NULL REFERENCES ticket_messages (id),
    created_at     TEXT   NOT NULL,
    PRIMARY KEY (ticket_number, incident_id, update_id)
);
