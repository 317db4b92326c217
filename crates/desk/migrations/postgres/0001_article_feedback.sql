-- "Was this helpful?" votes on help articles, one row per vote.
CREATE TABLE article_feedback (
    id          BIGSERIAL   PRIMARY KEY,
    article_id  TEXT        NOT NULL,
    helpful     BOOLEAN     NOT NULL,
    surface     TEXT        NOT NULL,
    session_id  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX article_feedback_article ON article_feedback (article_id);
