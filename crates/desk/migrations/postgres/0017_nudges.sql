-- Proactive nudges (issue 16), the parts a verified user's caps and the marketplace's pushed messages need.

-- Messages the marketplace's backend pushed for a user (`POST /v1/agent/nudges`), shown once, on that user's next
-- page view before `expires_at`. `user_key` is the keyed hash of the user's id, never the id. `message` is a JSON
-- object of language → text; `rule` a proactive rule whose message is shown instead.
CREATE TABLE pushed_nudges (
    id          BIGSERIAL PRIMARY KEY,
    user_key    TEXT    NOT NULL,
    rule        TEXT,
    message     TEXT,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    shown_at    TEXT,
    CHECK ((rule IS NULL) <> (message IS NULL))
);
CREATE INDEX pushed_nudges_waiting ON pushed_nudges (user_key, id) WHERE shown_at IS NULL;

-- How many nudges each verified user was shown per day (days since 1970-01-01, UTC): the per-day cap, the same
-- on every replica.
CREATE TABLE nudge_days (
    user_key  TEXT    NOT NULL,
    day       BIGINT  NOT NULL,
    shown     BIGINT  NOT NULL,
    PRIMARY KEY (user_key, day)
);
