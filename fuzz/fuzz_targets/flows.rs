//! A flow file as the desk reads it: any text under a fixed file name. Checking must never panic, a refusal
//! must name a problem, and a flow that passes must walk to a step or an end whatever the replies.

#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_fuzz::walk_every_way;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match signpost_core::flows::parse_flow("fuzzed.toml", text) {
        Ok(flow) => walk_every_way(&flow, data),
        Err(problems) => assert!(!problems.is_empty()),
    }
});
