-- "Was this helpful?" votes on help articles, one row per vote.
CREATE TABLE article_feedback (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  TEXT    NOT NULL,
    helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    surface     TEXT    NOT NULL,
    session_id  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX article_feedback_article ON article_feedback (article_id);
