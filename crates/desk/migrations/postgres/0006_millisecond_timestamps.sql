-- One timestamp format: RFC 3339 UTC with exactly three fractional digits (2026-03-06T17:30:05.000Z), so times
-- compare as text in the order they happened. Earlier desks wrote some times in whole seconds (…05Z), which
-- sorts after …05.123Z; this gives those rows the milliseconds they lacked.
UPDATE tickets SET first_response_due = substr(first_response_due, 1, 19) || '.000Z'
    WHERE length(first_response_due) = 20 AND substr(first_response_due, 20, 1) = 'Z';
UPDATE webhook_outbox SET next_attempt_at = substr(next_attempt_at, 1, 19) || '.000Z'
    WHERE length(next_attempt_at) = 20 AND substr(next_attempt_at, 20, 1) = 'Z';
UPDATE webhook_outbox SET lease_until = substr(lease_until, 1, 19) || '.000Z'
    WHERE length(lease_until) = 20 AND substr(lease_until, 20, 1) = 'Z';
UPDATE status_incidents SET scheduled_for = substr(scheduled_for, 1, 19) || '.000Z'
    WHERE length(scheduled_for) = 20 AND substr(scheduled_for, 20, 1) = 'Z';
UPDATE status_incidents SET scheduled_until = substr(scheduled_until, 1, 19) || '.000Z'
    WHERE length(scheduled_until) = 20 AND substr(scheduled_until, 20, 1) = 'Z';
