//! What the fuzz targets share: walking a flow that passed its checks with replies taken from the input.

use serde_json::Map;
use signpost_core::context::Context;
use signpost_core::flows::{Flow, Reply, Situation, WalkState};
use signpost_core::rules::{Clock, PlainFormatter};

/// Walks `flow` with replies read from the bytes of `data`, in a few situations, and checks what any walk
/// promises: replies used one at a time, and progress within its bound.
pub fn walk_every_way(flow: &Flow, data: &[u8]) {
    let replies: Vec<Reply> = data
        .iter()
        .map(|byte| match byte % 8 {
            0 => Reply::NotSolved,
            1 => Reply::Solved,
            2 => Reply::TalkToPerson,
            3 => Reply::Leave,
            choice => Reply::Choose {
                choice: usize::from(choice - 4),
            },
        })
        .collect();
    let context = Context::default();
    let extra = Map::new();
    let situation = Situation {
        context: &context,
        extra_facts: &extra,
        clock: Clock {
            now_unix_seconds: 1_800_000_000,
            utc_offset_minutes: 0,
        },
    };
    for end in 0..=replies.len().min(16) {
        let walk = flow.walk(&situation, &replies[..end], &PlainFormatter);
        assert!(walk.replies_used <= end);
        if let WalkState::At(step) = &walk.state {
            assert!(1 <= step.number && step.number <= step.of_up_to);
            assert!(step.of_up_to <= flow.longest_path());
        }
    }
}
