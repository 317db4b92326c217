-- Proactive nudges (issue 16): while an incident a ticket names is open, each update the status page posts on it,
-- and its resolution, is written once into the thread of every open ticket that names it, by the desk itself
-- (author `system`, "Service status"): no first response, no change of status or assignee.

-- A message may now be the desk's own. SQLite cannot change a CHECK constraint in place, so the table is rebuilt
-- with its rows, ids, id sequence, columns (in their order) and index.
CREATE TABLE ticket_messages_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    author         TEXT    NOT NULL CHECK (author IN ('user', 'agent', 'system')),
    body           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    agent_id       INTEGER REFERENCES agents (id),
    internal       BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO ticket_messages_new (id, ticket_number, author, body, created_at, agent_id, internal)
    SELECT id, ticket_number, author, body, created_at, agent_id, internal FROM ticket_messages;
-- The ids go on from where they were, never reusing one.
DELETE FROM sqlite_sequence WHERE name = 'ticket_messages_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'ticket_messages_new', seq FROM sqlite_sequence WHERE name = 'ticket_messages';
DROP TABLE ticket_messages;
ALTER TABLE ticket_messages_new RENAME TO ticket_messages;
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_number, id);

-- The incidents each ticket's context names (`context.active_incidents[].id`), copied out of the JSON when the
-- ticket is filed so that an incident's tickets are found by index, not by reading every context.
CREATE TABLE ticket_incidents (
    incident_id    TEXT    NOT NULL,
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    PRIMARY KEY (incident_id, ticket_number)
);
INSERT OR IGNORE INTO ticket_incidents (incident_id, ticket_number)
    SELECT incident_id, number FROM (
        SELECT tickets.number AS number,
               CASE WHEN incident.type = 'object' THEN json_extract(incident.value, '$.id') END AS incident_id
        FROM tickets, json_each(tickets.context, '$.active_incidents') AS incident)
    WHERE typeof(incident_id) = 'text' AND incident_id <> '';

-- Incident updates to tell tickets about (a transactional outbox): the status page's own, written in the
-- transaction that posts the update, and a mirrored page's, written by whichever replica saw them first (the
-- unique key makes the others' writes no-ops). Any replica takes one under a lease and posts it to the tickets;
-- `done_at` once every ticket has it. `posted_at` is when the update was posted: tickets filed later saw it.
CREATE TABLE incident_news (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    -- `page` for the desk's own status page, else the mirrored upstream's (redacted) URL.
    source         TEXT    NOT NULL,
    incident_id    TEXT    NOT NULL,
    update_id      TEXT    NOT NULL,
    incident_name  TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    posted_at      TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    lease_until    TEXT,
    done_at        TEXT,
    UNIQUE (incident_id, update_id)
);
CREATE INDEX incident_news_due ON incident_news (id) WHERE done_at IS NULL;
CREATE INDEX incident_news_source ON incident_news (source, incident_id);

-- One row per ticket told of one incident update, written in the transaction of the message it names: a second
-- replica, or the same one again after a restart, finds the key taken and posts nothing.
CREATE TABLE incident_nudges (
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    incident_id    TEXT    NOT NULL,
    update_id      TEXT    NOT NULL,
    message_id     INTEGER NOT NULL REFERENCES ticket_messages (id),
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (ticket_number, incident_id, update_id)
);
