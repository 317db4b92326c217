//! Satisfaction (CSAT): once a ticket is solved, its thread asks the user one question, how the help was, on a
//! five-point scale, with an optional comment. Reports always show how many answered beside what they said.

use crate::check::{Check, Text};
use crate::wire::{FieldError, Problem};
use serde::{Deserialize, Serialize};

/// Longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 1_000;
/// The best rating; 1 is the worst.
pub const MAX_RATING: u8 = 5;
/// Ratings from this one up count as satisfied (4 and 5 of 5, the usual CSAT cut).
pub const SATISFIED_FROM: u8 = 4;

/// `POST /v1/tickets/{id}/satisfaction`, and the answer a thread shows once given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Satisfaction {
    /// 1 (very bad) to 5 (very good).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    /// Up to 1,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Satisfaction {
    /// Every problem with the answer, by field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut check = Check::new();
        check.expect(
            (1..=MAX_RATING).contains(&self.rating),
            "rating",
            Problem::OutOfRange {
                min: 1,
                max: i64::from(MAX_RATING),
            },
        );
        check.optional_text(
            "comment",
            self.comment.as_deref(),
            Text::lines(COMMENT_MAX_CHARS),
        );
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_outside_one_to_five_and_long_comments_are_refused() {
        let answer = |rating, comment: Option<&str>| Satisfaction {
            rating,
            comment: comment.map(str::to_owned),
        };
        assert!(answer(5, Some("Quick and kind.")).check().is_ok());
        assert!(answer(1, None).check().is_ok());
        let fields = |result: Result<(), Vec<FieldError>>| -> Vec<String> {
            result.unwrap_err().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(answer(0, None).check()), ["rating"]);
        assert_eq!(fields(answer(6, None).check()), ["rating"]);
        let long = "a".repeat(COMMENT_MAX_CHARS + 1);
        assert_eq!(fields(answer(3, Some(&long)).check()), ["comment"]);
    }
}
