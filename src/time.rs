//! Waiting in the browser without blocking it.

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves after `ms` milliseconds give or take 20%: retries spread out, so that many pages do not hit a
/// recovering server in step.
pub async fn sleep_about(ms: f64) {
    sleep(ms * (0.8 + 0.4 * js_sys::Math::random())).await;
}

/// Resolves once the browser has painted the next frame: work that can wait (fetching the chunks a view may need
/// next) starts after the frame that shows what the user asked for, not before it.
pub async fn after_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
            // A hidden page paints no frames: it waits this long at most.
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    // Resumed with the frame's animation callbacks, before its paint (or by the timeout): a task queued now
    // runs after the paint.
    sleep(0.0).await;
}
