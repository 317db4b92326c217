-- Verified identity (docs/identity.md): the user the marketplace vouched for when the ticket was filed, so they
-- can list their tickets on any device. NULL on tickets filed anonymously. An identified ticket's `email` is the
-- identity's email.
ALTER TABLE tickets ADD COLUMN user_id TEXT;
ALTER TABLE tickets ADD COLUMN user_name TEXT;
ALTER TABLE tickets ADD COLUMN user_role TEXT CHECK (user_role IN ('buyer', 'seller'));
-- `GET /v1/me/tickets`: one user's tickets, newest first.
CREATE INDEX tickets_user ON tickets (user_id, number);
