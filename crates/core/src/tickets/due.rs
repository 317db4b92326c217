//! When a ticket's first reply is due: a target per priority, optionally different per queue, counted on the
//! business-hours clock when the site has one.

use super::{Priority, Queue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const SECONDS_PER_DAY: i64 = 86_400;
const DAYS_PER_WEEK: i64 = 7;
/// Targets are capped at ten years, and instants at ±10^15 seconds (some 30 million years), so that the
/// business-hours arithmetic can never overflow.
const MAX_TARGET_SECONDS: i64 = 10 * 366 * SECONDS_PER_DAY;
const MAX_INSTANT: i64 = 1_000_000_000_000_000;

/// How long the first reply may take, per priority, with optional overrides per queue (site configuration).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseTargets {
    /// Minutes for [`Priority::Urgent`].
    pub urgent_minutes: i64,
    /// Minutes for [`Priority::High`].
    pub high_minutes: i64,
    /// Minutes for [`Priority::Normal`].
    pub normal_minutes: i64,
    /// Minutes for [`Priority::Low`].
    pub low_minutes: i64,
    /// A queue's own targets; the priorities it leaves out keep the targets above.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub queues: BTreeMap<Queue, QueueTargets>,
    /// When set, the minutes only count while support is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<BusinessHours>,
}

/// One queue's targets, in minutes; `None` falls back to the site-wide target for that priority.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueTargets {
    /// Minutes for [`Priority::Urgent`] in this queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgent_minutes: Option<i64>,
    /// Minutes for [`Priority::High`] in this queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high_minutes: Option<i64>,
    /// Minutes for [`Priority::Normal`] in this queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal_minutes: Option<i64>,
    /// Minutes for [`Priority::Low`] in this queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low_minutes: Option<i64>,
}

impl Default for ResponseTargets {
    /// One hour, four hours, one day, two days, in every queue; around the clock.
    fn default() -> ResponseTargets {
        ResponseTargets {
            urgent_minutes: 60,
            high_minutes: 240,
            normal_minutes: 1440,
            low_minutes: 2880,
            queues: BTreeMap::new(),
            business_hours: None,
        }
    }
}

impl ResponseTargets {
    /// The target for a ticket of `priority` in `queue`, in minutes.
    pub fn minutes(&self, queue: Queue, priority: Priority) -> i64 {
        let own = self.queues.get(&queue).and_then(|q| match priority {
            Priority::Urgent => q.urgent_minutes,
            Priority::High => q.high_minutes,
            Priority::Normal => q.normal_minutes,
            Priority::Low => q.low_minutes,
        });
        own.unwrap_or(match priority {
            Priority::Urgent => self.urgent_minutes,
            Priority::High => self.high_minutes,
            Priority::Normal => self.normal_minutes,
            Priority::Low => self.low_minutes,
        })
    }
}

/// When support is open: from `start_hour` to `end_hour` local time (`9` and `18`: 09:00 to 18:00), every day
/// or Monday to Friday. Hours that do not make a window (`start_hour >= end_hour`, or `end_hour > 24`) are
/// ignored, as if support were open around the clock; overnight shifts are not supported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessHours {
    /// The support team's offset from UTC, e.g. `60` for CET, `-300` for EST. Fixed: no daylight saving.
    pub utc_offset_minutes: i32,
    /// Opening hour, 0–23.
    pub start_hour: u32,
    /// Closing hour, 1–24.
    pub end_hour: u32,
    /// Closed on Saturdays and Sundays.
    pub weekdays_only: bool,
}

impl BusinessHours {
    fn is_window(&self) -> bool {
        self.start_hour < self.end_hour && self.end_hour <= 24
    }

    /// Whether support works on `day` (days since 1970-01-01, a Thursday).
    fn is_open_day(&self, day: i64) -> bool {
        let monday_based = (day + 3).rem_euclid(DAYS_PER_WEEK);
        !self.weekdays_only || monday_based < 5
    }

    /// The instant `seconds` of open time after `now` (both Unix seconds). A zero target outside the hours
    /// is due at the next opening: nobody can answer before then.
    fn add_open_time(&self, now: i64, seconds: i64) -> i64 {
        let offset = i64::from(self.utc_offset_minutes) * 60;
        let opens = i64::from(self.start_hour) * 3600;
        let closes = i64::from(self.end_hour) * 3600;
        let open_days = if self.weekdays_only { 5 } else { DAYS_PER_WEEK };
        let per_week = (closes - opens) * open_days;
        // Work in local time, where the hours are whole.
        let mut local = now.clamp(-MAX_INSTANT, MAX_INSTANT) + offset;
        let mut left = seconds.min(MAX_TARGET_SECONDS);
        loop {
            let day = local.div_euclid(SECONDS_PER_DAY);
            let midnight = day * SECONDS_PER_DAY;
            if self.is_open_day(day) {
                let from = local.max(midnight + opens);
                let until = midnight + closes;
                if from < until {
                    if left <= until - from {
                        return from + left - offset;
                    }
                    left -= until - from;
                }
            }
            local = midnight + SECONDS_PER_DAY;
            // Skip whole weeks at once so that long targets cost no more than short ones: any seven days from
            // a midnight hold exactly one week of open time.
            if left > per_week {
                let weeks = (left - 1) / per_week;
                local += weeks * DAYS_PER_WEEK * SECONDS_PER_DAY;
                left -= weeks * per_week;
            }
        }
    }
}

/// When the first reply to a ticket of `priority` in `queue` filed at `now_unix` is due, in Unix seconds.
///
/// Without business hours, the target's minutes are simply added. With them, the clock only runs while
/// support is open: a ticket filed on Friday 17:30 with hours 9–18 on weekdays and a 60-minute target is due
/// on Monday 09:30 local time. Negative targets count as zero; with business hours, targets over ten years
/// count as ten years.
pub fn first_response_due(
    targets: &ResponseTargets,
    queue: Queue,
    priority: Priority,
    now_unix: i64,
) -> i64 {
    let seconds = targets.minutes(queue, priority).max(0).saturating_mul(60);
    match targets.business_hours.filter(BusinessHours::is_window) {
        Some(hours) => hours.add_open_time(now_unix, seconds),
        None => now_unix.saturating_add(seconds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Timestamp;

    fn at(text: &str) -> i64 {
        Timestamp::parse(text).unix_seconds().unwrap()
    }

    fn text(unix: i64) -> String {
        Timestamp::from_unix(unix).as_str().to_owned()
    }

    /// Weekdays 9–18 at `offset` minutes from UTC, with every target `minutes` long.
    fn office(offset: i32, minutes: i64) -> ResponseTargets {
        ResponseTargets {
            urgent_minutes: minutes,
            high_minutes: minutes,
            normal_minutes: minutes,
            low_minutes: minutes,
            queues: BTreeMap::new(),
            business_hours: Some(BusinessHours {
                utc_offset_minutes: offset,
                start_hour: 9,
                end_hour: 18,
                weekdays_only: true,
            }),
        }
    }

    fn due(targets: &ResponseTargets, now: &str) -> String {
        text(first_response_due(
            targets,
            Queue::General,
            Priority::Normal,
            at(now),
        ))
    }

    #[test]
    fn without_hours_the_minutes_are_added() {
        let targets = ResponseTargets::default();
        let now = at("2026-03-06T17:30:00Z");
        for (priority, expected) in [
            (Priority::Urgent, "2026-03-06T18:30:00Z"),
            (Priority::High, "2026-03-06T21:30:00Z"),
            (Priority::Normal, "2026-03-07T17:30:00Z"),
            (Priority::Low, "2026-03-08T17:30:00Z"),
        ] {
            assert_eq!(
                text(first_response_due(&targets, Queue::General, priority, now)),
                expected
            );
        }
    }

    #[test]
    fn a_queue_overrides_only_the_priorities_it_names() {
        let targets: ResponseTargets = serde_json::from_value(serde_json::json!({
            "normal_minutes": 600,
            "queues": { "payments": { "urgent_minutes": 15, "normal_minutes": 120 } }
        }))
        .unwrap();
        assert_eq!(targets.minutes(Queue::Payments, Priority::Urgent), 15);
        assert_eq!(targets.minutes(Queue::Payments, Priority::Normal), 120);
        assert_eq!(
            targets.minutes(Queue::Payments, Priority::High),
            240,
            "the site-wide default"
        );
        assert_eq!(targets.minutes(Queue::Orders, Priority::Normal), 600);
        let now = at("2026-03-06T10:00:00Z");
        assert_eq!(
            text(first_response_due(
                &targets,
                Queue::Payments,
                Priority::Urgent,
                now
            )),
            "2026-03-06T10:15:00Z"
        );
    }

    #[test]
    fn an_unknown_queue_is_refused_not_ignored() {
        let result: Result<ResponseTargets, _> =
            serde_json::from_value(serde_json::json!({ "queues": { "billing": {} } }));
        assert!(result.is_err());
    }

    #[test]
    fn friday_evening_rolls_over_the_weekend() {
        // 2026-03-06 is a Friday.
        assert_eq!(
            due(&office(0, 60), "2026-03-06T17:30:00Z"),
            "2026-03-09T09:30:00Z"
        );
        assert_eq!(
            due(&office(0, 60), "2026-03-06T20:00:00Z"),
            "2026-03-09T10:00:00Z"
        );
        assert_eq!(
            due(&office(0, 60), "2026-03-07T12:00:00Z"),
            "2026-03-09T10:00:00Z"
        );
        assert_eq!(
            due(&office(0, 60), "2026-03-08T23:59:59Z"),
            "2026-03-09T10:00:00Z"
        );
    }

    #[test]
    fn evenings_and_early_mornings_wait_for_opening() {
        assert_eq!(
            due(&office(0, 60), "2026-03-03T22:00:00Z"),
            "2026-03-04T10:00:00Z"
        );
        assert_eq!(
            due(&office(0, 60), "2026-03-04T06:15:00Z"),
            "2026-03-04T10:00:00Z"
        );
        assert_eq!(
            due(&office(0, 60), "2026-03-04T11:20:00Z"),
            "2026-03-04T12:20:00Z"
        );
    }

    #[test]
    fn exact_boundaries() {
        // Filed at opening: the full hour that day.
        assert_eq!(
            due(&office(0, 60), "2026-03-04T09:00:00Z"),
            "2026-03-04T10:00:00Z"
        );
        // Due exactly at closing stays that day.
        assert_eq!(
            due(&office(0, 60), "2026-03-04T17:00:00Z"),
            "2026-03-04T18:00:00Z"
        );
        // Filed at closing: the next morning.
        assert_eq!(
            due(&office(0, 60), "2026-03-04T18:00:00Z"),
            "2026-03-05T10:00:00Z"
        );
        // Friday closing: Monday.
        assert_eq!(
            due(&office(0, 60), "2026-03-06T18:00:00Z"),
            "2026-03-09T10:00:00Z"
        );
        // A whole working day: 9 hours from opening is closing.
        assert_eq!(
            due(&office(0, 540), "2026-03-04T09:00:00Z"),
            "2026-03-04T18:00:00Z"
        );
        // A zero target outside the hours waits for the opening.
        assert_eq!(
            due(&office(0, 0), "2026-03-07T10:00:00Z"),
            "2026-03-09T09:00:00Z"
        );
        assert_eq!(
            due(&office(0, 0), "2026-03-04T10:00:00Z"),
            "2026-03-04T10:00:00Z"
        );
    }

    #[test]
    fn offsets_move_the_hours() {
        // Berlin in winter (UTC+1): Friday 17:30 local is 16:30 UTC; due Monday 09:30 local, 08:30 UTC.
        assert_eq!(
            due(&office(60, 60), "2026-03-06T16:30:00Z"),
            "2026-03-09T08:30:00Z"
        );
        // New York (UTC-5): Friday 22:30 UTC is 17:30 local.
        assert_eq!(
            due(&office(-300, 60), "2026-03-06T22:30:00Z"),
            "2026-03-09T14:30:00Z"
        );
        // Saturday 02:00 UTC is still Friday 21:00 in New York: closed, so Monday 10:00 local.
        assert_eq!(
            due(&office(-300, 60), "2026-03-07T02:00:00Z"),
            "2026-03-09T15:00:00Z"
        );
        // Monday 00:30 UTC is already Monday 09:30 in Tokyo (UTC+9).
        assert_eq!(
            due(&office(540, 60), "2026-03-09T00:30:00Z"),
            "2026-03-09T01:30:00Z"
        );
        // Half-hour zones: India (UTC+5:30), Sunday 20:00 UTC is Monday 01:30 local.
        assert_eq!(
            due(&office(330, 60), "2026-03-08T20:00:00Z"),
            "2026-03-09T04:30:00Z"
        );
    }

    #[test]
    fn long_targets_span_days_and_weeks() {
        // 2880 minutes are 48 open hours: from Wednesday 10:00, 8 + 9 + 9 + 9 + 9 to Tuesday's closing, then 4.
        assert_eq!(
            due(&office(0, 2880), "2026-03-04T10:00:00Z"),
            "2026-03-11T13:00:00Z"
        );
        // Exactly one working week from Monday opening ends Friday at closing.
        assert_eq!(
            due(&office(0, 5 * 540), "2026-03-09T09:00:00Z"),
            "2026-03-13T18:00:00Z"
        );
        // Ten working weeks and an hour, by the shortcut.
        assert_eq!(
            due(&office(0, 10 * 5 * 540 + 60), "2026-03-09T09:00:00Z"),
            "2026-05-18T10:00:00Z"
        );
        // Absurd targets and instants neither hang nor overflow.
        let now = at("2026-03-09T09:00:00Z");
        let far = first_response_due(&office(0, i64::MAX), Queue::General, Priority::Low, now);
        assert!(far > now + 9 * 365 * SECONDS_PER_DAY);
        assert!(
            first_response_due(
                &office(-720, i64::MAX),
                Queue::General,
                Priority::Low,
                i64::MAX
            ) > MAX_INSTANT
        );
        assert!(
            first_response_due(&office(840, 60), Queue::General, Priority::Low, i64::MIN)
                > -MAX_INSTANT
        );
        assert_eq!(
            first_response_due(
                &ResponseTargets::default(),
                Queue::General,
                Priority::Low,
                i64::MAX
            ),
            i64::MAX
        );
    }

    #[test]
    fn every_day_hours_include_weekends() {
        let mut targets = office(0, 60);
        if let Some(hours) = targets.business_hours.as_mut() {
            hours.weekdays_only = false;
        }
        assert_eq!(
            due(&targets, "2026-03-06T17:30:00Z"),
            "2026-03-07T09:30:00Z"
        );
        // Around the clock, as `0..24`.
        targets.business_hours = Some(BusinessHours {
            utc_offset_minutes: 0,
            start_hour: 0,
            end_hour: 24,
            weekdays_only: false,
        });
        assert_eq!(
            due(&targets, "2026-03-06T23:30:00Z"),
            "2026-03-07T00:30:00Z"
        );
    }

    #[test]
    fn hours_that_make_no_window_are_ignored() {
        let mut targets = office(0, 60);
        targets.business_hours = Some(BusinessHours {
            utc_offset_minutes: 0,
            start_hour: 18,
            end_hour: 9,
            weekdays_only: true,
        });
        assert_eq!(
            due(&targets, "2026-03-07T12:00:00Z"),
            "2026-03-07T13:00:00Z"
        );
        targets.business_hours = Some(BusinessHours {
            utc_offset_minutes: 0,
            start_hour: 9,
            end_hour: 25,
            weekdays_only: true,
        });
        assert_eq!(
            due(&targets, "2026-03-07T12:00:00Z"),
            "2026-03-07T13:00:00Z"
        );
    }

    #[test]
    fn negative_targets_count_as_zero() {
        let targets = ResponseTargets {
            urgent_minutes: -5,
            ..ResponseTargets::default()
        };
        assert_eq!(
            first_response_due(&targets, Queue::General, Priority::Urgent, 1_000),
            1_000
        );
    }

    #[test]
    fn targets_read_from_partial_config() {
        let targets: ResponseTargets = serde_json::from_str(
            r#"{"urgent_minutes": 30, "business_hours": {"utc_offset_minutes": 60, "start_hour": 9, "end_hour": 18, "weekdays_only": true}}"#,
        )
        .unwrap();
        assert_eq!(targets.urgent_minutes, 30);
        assert_eq!(targets.low_minutes, 2880);
        assert_eq!(targets.minutes(Queue::General, Priority::High), 240);
        assert_eq!(targets.business_hours.unwrap().end_hour, 18);
        assert_eq!(
            serde_json::from_str::<ResponseTargets>("{}").unwrap(),
            ResponseTargets::default()
        );
    }
}
