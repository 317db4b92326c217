-- Guided flows in the insights (issues 15 and 16). Flow events name `flow@version/step` in `item`, so each
-- version of a flow is its own series: an edited flow never mixes its numbers with the old one's.

-- Per day, unit and step of a flow version: how often the step was shown (`reached`) and how often the flow
-- ended there resolved, handed off to a person or abandoned. `first_ms` is the unit's first flow event at the
-- step that day: the report lists steps in the order people reached them.
CREATE TABLE insight_flow_days (
    day        INTEGER NOT NULL,
    unit       TEXT    NOT NULL,
    item       TEXT    NOT NULL,
    reached    BIGINT  NOT NULL,
    resolved   BIGINT  NOT NULL,
    handed_off BIGINT  NOT NULL,
    abandoned  BIGINT  NOT NULL,
    first_ms   BIGINT  NOT NULL
);
CREATE INDEX insight_flow_days_day ON insight_flow_days (day, unit);

-- The funnel's resolutions in a guided flow, kept apart from helpful votes. Days already rolled up keep 0 here
-- and have no rows above: flow events arrived with guided flows, just before this migration.
ALTER TABLE insight_unit_days ADD COLUMN flow_resolutions BIGINT NOT NULL DEFAULT 0;
