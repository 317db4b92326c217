-- A snapshot of the rows a report's live part adds up (`insights::live_rows`): for the people with raw events
-- in the days not rolled up yet, those events added up as the rollup would (days after `rolled_to`), and their
-- rolled-up rows of the five weeks before. Any report over a period ending on one of those days and starting in
-- those five weeks then takes its live part from here instead of grouping the day's raw events, which at 10 M
-- events a month takes over a second. Each snapshot's rows carry the `taken_ms` of their row in
-- `insight_live_rows`; the one before stays until the next is taken, for the looks still reading it.
-- `day_events` counts the raw events of each day after `rolled_to` then (`[[day, events], …]`): while a
-- period's days still hold as many, what the snapshot says of them is exact. `claimed_ms` is when a replica
-- last took the next snapshot on, so that two do not take it at once.
CREATE TABLE insight_live_rows (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    from_day   BIGINT  NOT NULL,
    rolled_to  BIGINT  NOT NULL,
    to_day     BIGINT  NOT NULL,
    events     BIGINT  NOT NULL,
    day_events TEXT    NOT NULL,
    taken_ms   BIGINT  NOT NULL,
    claimed_ms BIGINT  NOT NULL
);

CREATE TABLE insight_unit_days_live (
    taken_ms             BIGINT  NOT NULL,
    day                  BIGINT  NOT NULL,
    unit                 TEXT    NOT NULL,
    audience             TEXT    NOT NULL,
    surface              TEXT    NOT NULL,
    language             TEXT    NOT NULL,
    identified           BOOLEAN NOT NULL,
    returning_user       BOOLEAN NOT NULL,
    dimensions           TEXT    NOT NULL,
    events               BIGINT  NOT NULL,
    opened               BIGINT  NOT NULL,
    engaged              BIGINT  NOT NULL,
    helpful_votes        BIGINT  NOT NULL,
    tickets              BIGINT  NOT NULL,
    searches             BIGINT  NOT NULL,
    zero_result_searches BIGINT  NOT NULL,
    last_engaged_ms      BIGINT,
    first_search_ms      BIGINT,
    last_ticket_ms       BIGINT,
    flow_resolutions     BIGINT  NOT NULL,
    unsatisfied          BIGINT  NOT NULL
);
CREATE INDEX insight_unit_days_live_taken ON insight_unit_days_live (taken_ms, day);

CREATE TABLE insight_article_days_live (
    taken_ms      BIGINT  NOT NULL,
    day           BIGINT  NOT NULL,
    unit          TEXT    NOT NULL,
    article       TEXT    NOT NULL,
    views         BIGINT  NOT NULL,
    helpful       BIGINT  NOT NULL,
    unhelpful     BIGINT  NOT NULL,
    first_read_ms BIGINT
);
CREATE INDEX insight_article_days_live_taken ON insight_article_days_live (taken_ms, day);

CREATE TABLE insight_query_days_live (
    taken_ms     BIGINT  NOT NULL,
    day          BIGINT  NOT NULL,
    unit         TEXT    NOT NULL,
    query        TEXT    NOT NULL,
    searches     BIGINT  NOT NULL,
    zero_results BIGINT  NOT NULL
);
CREATE INDEX insight_query_days_live_taken ON insight_query_days_live (taken_ms, day);

CREATE TABLE insight_flow_days_live (
    taken_ms   BIGINT  NOT NULL,
    day        BIGINT  NOT NULL,
    unit       TEXT    NOT NULL,
    item       TEXT    NOT NULL,
    reached    BIGINT  NOT NULL,
    resolved   BIGINT  NOT NULL,
    handed_off BIGINT  NOT NULL,
    abandoned  BIGINT  NOT NULL,
    first_ms   BIGINT  NOT NULL
);
CREATE INDEX insight_flow_days_live_taken ON insight_flow_days_live (taken_ms, day);
