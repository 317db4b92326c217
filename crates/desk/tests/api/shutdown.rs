//! The desk binary as an operator runs it: it stops cleanly on SIGTERM.

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn sigterm_stops_the_desk_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let widget = dir.path().join("dist");
    std::fs::create_dir_all(&widget).unwrap();
    for (name, body) in [
        (
            "loader.js",
            "var v='__SIGNPOST_VERSION__',s=__SIGNPOST_SITE__;",
        ),
        ("signpost.js", ""),
        ("signpost_bg.wasm", ""),
        ("widget.css", ""),
    ] {
        std::fs::write(widget.join(name), body).unwrap();
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut desk = Command::new(env!("CARGO_BIN_EXE_signpost-desk"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .arg("--database")
        .arg(format!("sqlite://{}", dir.path().join("desk.db").display()))
        .arg("--widget-dir")
        .arg(&widget)
        .arg("--content")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "desk did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // An open event stream must not keep the desk alive.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    std::io::Write::write_all(
        &mut stream,
        b"GET /v1/status/stream HTTP/1.1\r\nHost: desk\r\nAccept: text/event-stream\r\n\r\n",
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &desk.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());

    let stopping = Instant::now();
    loop {
        if let Some(status) = desk.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(10),
            "desk ignored SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
