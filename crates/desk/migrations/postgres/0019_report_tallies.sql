-- Reports over rolled-up days, added up once (issue 15: every report in 300 ms at 10 M events). A report is a
-- sum over people, so the part of a period that is rolled up never changes: its sums are kept here, keyed by
-- report (with its cut) and days, and every replica reads them. `cutoff_ms` is the funnel's "assumed resolved"
-- line when the sums were taken (people engaged after it are kept by minute until their window passes).
CREATE TABLE insight_tallies (
    report      TEXT   NOT NULL,
    from_day    BIGINT NOT NULL,
    to_day      BIGINT NOT NULL,
    cutoff_ms   BIGINT NOT NULL,
    tally       TEXT   NOT NULL,
    computed_ms BIGINT NOT NULL,
    PRIMARY KEY (report, from_day, to_day)
);

-- The people of today and yesterday are looked up by unit in every rollup table.
CREATE INDEX insight_article_days_unit ON insight_article_days (unit, day);
CREATE INDEX insight_query_days_unit ON insight_query_days (unit, day);
CREATE INDEX insight_flow_days_unit ON insight_flow_days (unit, day);
