-- Satisfaction (CSAT): how the user rated the help once their ticket was solved. One answer per ticket; a new
-- answer replaces the old.
CREATE TABLE ticket_satisfaction (
    ticket_number BIGINT  PRIMARY KEY REFERENCES tickets (number),
    rating        BIGINT  NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       TEXT,
    answered_at   TEXT    NOT NULL
);
