-- The console's inbox (issue 14): who a ticket is assigned to, when it was first answered, the facts the inbox
-- filters on (copied out of the context JSON so that they can be indexed), internal notes, and which agents have
-- a ticket open right now.
ALTER TABLE tickets ADD COLUMN assignee_id INTEGER REFERENCES agents (id);
ALTER TABLE tickets ADD COLUMN first_response_at TEXT;
ALTER TABLE tickets ADD COLUMN surface TEXT;
-- buyer or seller: the verified role, else the one the page declared.
ALTER TABLE tickets ADD COLUMN audience TEXT;
-- The primary language subtag of the user's locale, lower-cased (`pt` for pt-BR).
ALTER TABLE tickets ADD COLUMN language TEXT;

UPDATE tickets SET
    surface = json_extract(context, '$.surface'),
    audience = COALESCE(user_role, json_extract(context, '$.role')),
    language = lower(CASE WHEN instr(json_extract(context, '$.locale'), '-') > 0
                     THEN substr(json_extract(context, '$.locale'), 1, instr(json_extract(context, '$.locale'), '-') - 1)
                     ELSE json_extract(context, '$.locale') END),
    first_response_at = (SELECT MIN(m.created_at) FROM ticket_messages m
                         WHERE m.ticket_number = tickets.number AND m.author = 'agent');

CREATE INDEX tickets_due ON tickets (status, first_response_due, number);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
-- The consoles' live inbox asks for what changed lately (tickets::live).
CREATE INDEX tickets_updated ON tickets (updated_at);

-- An internal note is an agent's message to other agents: never shown to the user, never sent to the site.
ALTER TABLE ticket_messages ADD COLUMN internal BOOLEAN NOT NULL DEFAULT FALSE;

-- The reason an agent picked from the console's short list when re-routing (none from the API's free text).
ALTER TABLE triage_corrections ADD COLUMN reason_code TEXT;

-- Agents who have a ticket open in a console, and whether they are typing a reply. Kept here, not in a replica's
-- memory, so every replica sees every viewer; a row counts while `seen_at` (seconds since 1970) is recent.
CREATE TABLE ticket_viewers (
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    agent_id       INTEGER NOT NULL REFERENCES agents (id),
    typing         BOOLEAN NOT NULL,
    seen_at        BIGINT  NOT NULL,
    PRIMARY KEY (ticket_number, agent_id)
);
CREATE INDEX ticket_viewers_seen ON ticket_viewers (seen_at);
