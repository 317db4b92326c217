-- Named agents (issue 14): accounts with roles, sign-in sessions, API tokens, and who did what.
--
-- Every secret (password, session, API token, set-password link) is stored only as a hash: a copy of the
-- database signs nobody in. Times that expire are seconds since 1970, so they compare as numbers.
CREATE TABLE agents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL,
    -- Lower-cased, so one address is one account however it is typed.
    email          TEXT    NOT NULL UNIQUE,
    role           TEXT    NOT NULL CHECK (role IN ('agent', 'admin')),
    -- Argon2id in PHC form; none until the agent follows the set-password link.
    password_hash  TEXT,
    disabled_at    TEXT,
    created_at     TEXT    NOT NULL
);

-- One-time links that set an agent's password (`agents add`, `agents reset-password`).
CREATE TABLE agent_password_links (
    digest      TEXT    PRIMARY KEY,
    agent_id    INTEGER NOT NULL REFERENCES agents (id),
    expires_at  BIGINT  NOT NULL
);

-- Console sign-ins, kept here so that any replica serves any request. A session ends when idle too long, when
-- signed out, or when its agent is disabled.
CREATE TABLE agent_sessions (
    digest        TEXT    PRIMARY KEY,
    agent_id      INTEGER NOT NULL REFERENCES agents (id),
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL
);
CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);

-- Per-agent bearer tokens for the CLI and automations.
CREATE TABLE agent_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id      INTEGER NOT NULL REFERENCES agents (id),
    label         TEXT    NOT NULL,
    digest        TEXT    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);

-- What every agent did: who (none for the service token), what, to what (a ticket id, an incident id, an
-- agent's email) and the details as JSON.
CREATE TABLE agent_actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id    INTEGER REFERENCES agents (id),
    action      TEXT    NOT NULL,
    subject     TEXT,
    detail      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX agent_actions_subject ON agent_actions (subject, id);

-- The agent who wrote an agent's reply (none for the service token and for replies from before).
ALTER TABLE ticket_messages ADD COLUMN agent_id INTEGER REFERENCES agents (id);
