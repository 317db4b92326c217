//! A flow as the widget receives it: any JSON as the file. Checking must never panic, a refusal must name a
//! problem, and a flow that passes must walk to a step or an end whatever the replies.

#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_core::flows::FlowDocument;
use signpost_fuzz::walk_every_way;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice(data) else {
        return;
    };
    let document = FlowDocument {
        id: "fuzzed".into(),
        file,
    };
    match document.parse() {
        Ok(flow) => walk_every_way(&flow, data),
        Err(problems) => assert!(!problems.is_empty()),
    }
});
