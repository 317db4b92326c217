-- The part of a report that the days not rolled up yet add (today's and yesterday's people), when it is large
-- (`insights::tally::LARGE_LIVE_EVENTS`): kept so that looks read it instead of adding up those days again,
-- and added up again every `--live-report-seconds` by one replica while someone looks (`asked_ms`). `events`
-- is how many raw events those days had then: while it is unchanged the kept part is exact. `claimed_ms` is
-- when a replica last took the adding up on, so that two do not do it at once.
CREATE TABLE insight_live (
    report     TEXT   NOT NULL,
    from_day   BIGINT NOT NULL,
    to_day     BIGINT NOT NULL,
    rolled_to  BIGINT NOT NULL,
    cutoff_ms  BIGINT NOT NULL,
    events     BIGINT NOT NULL,
    tally      TEXT   NOT NULL,
    taken_ms   BIGINT NOT NULL,
    claimed_ms BIGINT NOT NULL,
    asked_ms   BIGINT NOT NULL,
    PRIMARY KEY (report, from_day, to_day)
);
