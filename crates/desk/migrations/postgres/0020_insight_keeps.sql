-- Which replica takes the day's usual report sums (`insights::daily`): the first to claim the day does the
-- work, the others skip it. A claim left unfinished past an hour (its process stopped) may be taken over.
CREATE TABLE insight_keeps (
    day        BIGINT NOT NULL PRIMARY KEY,
    claimed_ms BIGINT NOT NULL,
    done_ms    BIGINT
);
