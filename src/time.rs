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
