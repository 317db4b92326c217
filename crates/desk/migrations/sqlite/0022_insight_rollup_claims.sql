-- Which replica is writing a day's rollup (`insights::rollup`): its rows go in short transactions, so that
-- SQLite's one writer is never held for long, and the day counts as rolled up only once its last rows are in
-- (`insight_rollups`). A claim not renewed for ten minutes (its process stopped) may be taken over; the taker
-- first deletes what was written of the day.
CREATE TABLE insight_rollup_claims (
    day        BIGINT NOT NULL PRIMARY KEY,
    owner      TEXT   NOT NULL,
    claimed_ms BIGINT NOT NULL
);
