-- Tickets filed from the widget and their conversation. A ticket's id is `SP-<number>`; the access token lets
-- the person who filed it read and answer the thread. The idempotency key makes retries safe: the same key
-- with the same request body is the same ticket.
CREATE TABLE tickets (
    number              INTEGER PRIMARY KEY AUTOINCREMENT,
    access_token        TEXT    NOT NULL,
    idempotency_key     TEXT    NOT NULL UNIQUE,
    request_hash        TEXT    NOT NULL,
    topic               TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    email               TEXT,
    status              TEXT    NOT NULL DEFAULT 'open',
    queue               TEXT    NOT NULL,
    priority            TEXT    NOT NULL,
    first_response_due  TEXT    NOT NULL,
    triage_reasons      TEXT    NOT NULL,
    context             TEXT    NOT NULL,
    masked_card_numbers BOOLEAN NOT NULL,
    client_ip           TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX tickets_queue ON tickets (queue, status, priority);
CREATE INDEX tickets_client_ip ON tickets (client_ip, created_at);
-- Human-friendly numbers start at SP-1001.
INSERT INTO sqlite_sequence (name, seq) VALUES ('tickets', 1000);

CREATE TABLE ticket_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_number  INTEGER NOT NULL REFERENCES tickets (number),
    author         TEXT    NOT NULL CHECK (author IN ('user', 'agent')),
    body           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_number, id);
