-- Insights (issue 15): what the widget reports of its use. Raw events are kept for the retention period
-- (`--event-retention-days`), then only their daily rollups, which are kept for good. A day is rolled up once it
-- can no longer receive events (a batch may carry events up to a day old), by whichever replica gets there first.

-- One row per event. `unit` links a person's events: `i:` an install id, `p:` a page view's id, `u:` a keyed
-- hash of a verified user's id; NULL when the browser asked not to be tracked (counted, never linked).
CREATE TABLE insight_events (
    day        BIGINT  NOT NULL,  -- days since 1970 (UTC)
    at_ms      BIGINT  NOT NULL,  -- milliseconds since 1970
    kind       TEXT    NOT NULL,
    unit       TEXT,
    audience   TEXT    NOT NULL,  -- buyer, seller, or '' when the page did not say
    surface    TEXT    NOT NULL,
    language   TEXT    NOT NULL,
    identified BOOLEAN NOT NULL,
    returning_user  BOOLEAN NOT NULL,
    dimensions TEXT    NOT NULL,  -- the site's dimensions, as a JSON object with sorted keys
    item       TEXT,
    query      TEXT,              -- cleaned of addresses and numbers
    results    INTEGER,
    helpful    BOOLEAN
);
CREATE INDEX insight_events_day ON insight_events (day);

-- The days rolled up.
CREATE TABLE insight_rollups (
    day       BIGINT  PRIMARY KEY,
    rolled_at TEXT    NOT NULL
);

-- Per day, unit and cohort: what the unit did. Unlinked events are one row per cohort, with unit ''.
CREATE TABLE insight_unit_days (
    day                  BIGINT  NOT NULL,
    unit                 TEXT    NOT NULL,
    audience             TEXT    NOT NULL,
    surface              TEXT    NOT NULL,
    language             TEXT    NOT NULL,
    identified           BOOLEAN NOT NULL,
    returning_user            BOOLEAN NOT NULL,
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
    last_ticket_ms       BIGINT
);
CREATE INDEX insight_unit_days_day ON insight_unit_days (day, unit);

-- Per day, unit and article: reads and votes.
CREATE TABLE insight_article_days (
    day           BIGINT  NOT NULL,
    unit          TEXT    NOT NULL,
    article       TEXT    NOT NULL,
    views         BIGINT  NOT NULL,
    helpful       BIGINT  NOT NULL,
    unhelpful     BIGINT  NOT NULL,
    first_read_ms BIGINT
);
CREATE INDEX insight_article_days_day ON insight_article_days (day, unit);

-- Per day, unit and query: searches and those without results.
CREATE TABLE insight_query_days (
    day          BIGINT  NOT NULL,
    unit         TEXT    NOT NULL,
    query        TEXT    NOT NULL,
    searches     BIGINT  NOT NULL,
    zero_results BIGINT  NOT NULL
);
CREATE INDEX insight_query_days_day ON insight_query_days (day);
