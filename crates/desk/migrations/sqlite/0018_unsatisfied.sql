-- Satisfaction as an experiment's guardrail (issue 15): per day and unit, the satisfaction answers that rated
-- the help 1 to 3 of 5 (a `survey_answered` event names its ticket; the rating is the ticket's answer when the
-- day is rolled up). Days rolled up before keep 0.
ALTER TABLE insight_unit_days ADD COLUMN unsatisfied BIGINT NOT NULL DEFAULT 0;
