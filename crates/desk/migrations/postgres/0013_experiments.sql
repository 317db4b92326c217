-- Experiments (issue 15): who saw which variant, whether each experiment still runs, and what happened to it.

-- A person's first exposure to an experiment, kept as long as the experiment's report is wanted (raw events
-- expire; this does not). `unit` is the events' unit (see insight_events).
CREATE TABLE experiment_exposures (
    experiment TEXT    NOT NULL,
    unit       TEXT    NOT NULL,
    variant    BIGINT  NOT NULL,
    first_day  BIGINT  NOT NULL,
    first_ms   BIGINT  NOT NULL,
    PRIMARY KEY (experiment, unit)
);

-- Each experiment the content folder has defined: the digest of its definition, and whether it still runs
-- (a guardrail breach stops it for every replica at once).
CREATE TABLE experiment_states (
    experiment TEXT PRIMARY KEY,
    config     TEXT    NOT NULL,
    running    BOOLEAN NOT NULL,
    changed_at TEXT    NOT NULL
);

-- What happened to each experiment, oldest first.
CREATE TABLE experiment_audit (
    id         BIGSERIAL PRIMARY KEY,
    at         TEXT NOT NULL,
    experiment TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL
);
CREATE INDEX experiment_audit_experiment ON experiment_audit (experiment, id);

-- An experiment's report reads its exposed people's rolled-up days.
CREATE INDEX insight_unit_days_unit ON insight_unit_days (unit, day);
