//! Entry point: the panic hook, then the app mounted into `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(signpost_console::App);
}
