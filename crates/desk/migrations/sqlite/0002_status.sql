-- The status page: components, incidents and maintenance with their updates, and a revision counter that
-- every change bumps so other desk processes notice it. Component statuses are not stored: they follow from
-- the unresolved incidents and maintenance that name the component.
CREATE TABLE status_components (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    position    INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE status_incidents (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('incident', 'maintenance')),
    name             TEXT NOT NULL,
    status           TEXT NOT NULL,
    impact           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    resolved_at      TEXT,
    scheduled_for    TEXT,
    scheduled_until  TEXT
);

CREATE TABLE status_incident_components (
    incident_id   TEXT NOT NULL REFERENCES status_incidents (id),
    component_id  TEXT NOT NULL REFERENCES status_components (id),
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE status_updates (
    id           TEXT PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES status_incidents (id),
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX status_updates_incident ON status_updates (incident_id, created_at);

CREATE TABLE status_revision (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  INTEGER NOT NULL
);
INSERT INTO status_revision (id, revision) VALUES (1, 0);
