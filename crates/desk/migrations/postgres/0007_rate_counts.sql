-- Rate limits counted in the database, so every replica applies the same: one row per key (what is limited and
-- for whom, e.g. `tickets/address/192.0.2.1`) and fixed window (its start, in seconds since 1970). A request
-- adds one with an upsert in the transaction of what it writes, so concurrent requests each see a distinct
-- count and exactly as many as the limit allows get through, on either backend.
CREATE TABLE rate_counts (
    key          TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
-- Old windows are deleted by age.
CREATE INDEX rate_counts_window ON rate_counts (window_start);
