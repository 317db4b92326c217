-- Nothing in the database opens a ticket's thread any more (issue 11).
--
-- Access tokens are derived from the ticket id with the desk's --token-key (HMAC-SHA256), never stored. The
-- random tokens handed out before this migration stop working: their threads open again through
-- `/v1/me/tickets` for identified users, and to agents as always.
ALTER TABLE tickets DROP COLUMN access_token;

-- Idempotency keys are stored as their SHA-256 from now on: a key and its request would get the access token back
-- from the replay. Keys stored in clear cannot be hashed here (SQLite has no SHA-256), so they are retired on both
-- backends alike: a retry of a request sent before the upgrade files a new ticket.
UPDATE tickets SET idempotency_key = 'retired-' || number;

-- One-time tickets that open a thread's event stream (`EventSource` cannot send the access token in a header), by
-- their SHA-256; each is deleted as it is spent, and with the expired ones whenever another is given out.
CREATE TABLE stream_tickets (
    digest         TEXT    PRIMARY KEY,
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    expires_at     TEXT    NOT NULL
);
CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);
