//! Faults, each bounded in time: PostgreSQL stopped under load and made read-only, a full disk under SQLite, and
//! two replicas on one PostgreSQL behind a round-robin proxy. The desk answers 503 with the JSON error (never
//! hangs), heals by itself, and loses nothing it acknowledged.
//!
//! The PostgreSQL faults run on a cluster of their own (so stopping it stops no other test); the full disk is a
//! small tmpfs, which needs root (as `scripts/test.sh` runs).

use crate::helpers::{self, Backend, TestDesk, ticket, wait_for};
use reqwest::StatusCode;
use serde_json::json;
use signpost_core::tickets::TicketCreated;
use signpost_core::wire::{ErrorBody, ErrorCode, UnavailableReason};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::process::Command;

/// The longest any request may take while the database is away: the pool's 3 s wait, and slack for a loaded
/// machine. More is a hang.
const NO_HANG: Duration = Duration::from_secs(12);

/// A PostgreSQL cluster of the test's own, on a free port, removed when dropped.
struct PrivatePostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl PrivatePostgres {
    async fn start() -> PrivatePostgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (scripts/install.sh)")
            .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
            .filter(|bin| bin.join("initdb").exists())
            .max()
            .expect("an initdb under /usr/lib/postgresql");
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = PrivatePostgres { dir, bin, port };
        if as_root() {
            run(Command::new("chown")
                .arg("postgres")
                .arg(cluster.dir.path()))
            .await;
        }
        run(cluster
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "-D"])
            .arg(cluster.data()))
        .await;
        cluster.up().await;
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// One of the cluster's programs, run as the `postgres` user when we are root (initdb refuses root).
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if as_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    async fn up(&self) {
        let options = format!(
            "-p {} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port
        );
        let log = self.dir.path().join("log");
        run(self
            .command("pg_ctl")
            .args(["-w", "-t", "60", "-o", &options, "-l"])
            .arg(log)
            .arg("-D")
            .arg(self.data())
            .arg("start"))
        .await;
    }

    /// Stops it as a crash would (no shutdown checkpoint).
    async fn down(&self) {
        run(self
            .command("pg_ctl")
            .args(["-w", "-m", "immediate", "-D"])
            .arg(self.data())
            .arg("stop"))
        .await;
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Makes every new transaction read-only (`true`), as a standby or a full-disk safeguard does, or writable.
    async fn set_read_only(&self, read_only: bool) {
        let pool = sqlx::PgPool::connect(&self.url()).await.unwrap();
        let value = if read_only { "on" } else { "off" };
        sqlx::query(&format!(
            "ALTER SYSTEM SET default_transaction_read_only = {value}"
        ))
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("SELECT pg_reload_conf()")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let mut stop = std::process::Command::new(if as_root() { "runuser" } else { "sh" });
        let pg_ctl = self.bin.join("pg_ctl");
        if as_root() {
            stop.args(["-u", "postgres", "--"]).arg(pg_ctl);
        } else {
            stop.arg("-c")
                .arg(format!("{} \"$@\"", pg_ctl.display()))
                .arg("pg_ctl");
        }
        let _ = stop
            .args(["-m", "immediate", "-D"])
            .arg(self.data())
            .arg("stop")
            .output();
    }
}

fn as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|status| {
            status
                .lines()
                .any(|line| line.starts_with("Uid:") && line.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

async fn run(command: &mut Command) {
    let output = command.output().await.unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// What the load saw for each idempotency key: the last status, and the slowest answer.
#[derive(Default)]
struct Outcomes {
    by_key: BTreeMap<String, StatusCode>,
    reasons: Vec<UnavailableReason>,
    slowest: Duration,
}

/// Files tickets from `workers` loops until `stop` is set, each answer recorded.
fn load(
    desk: &TestDesk,
    workers: usize,
    stop: Arc<AtomicUsize>,
) -> (Arc<Mutex<Outcomes>>, Vec<tokio::task::JoinHandle<()>>) {
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let next = Arc::new(AtomicUsize::new(0));
    let handles = (0..workers)
        .map(|_| {
            let (client, url) = (desk.client.clone(), desk.url("/v1/tickets"));
            let (outcomes, next, stop) = (outcomes.clone(), next.clone(), stop.clone());
            tokio::spawn(async move {
                while stop.load(Ordering::Relaxed) == 0 {
                    let key = format!("key-load-{:06}", next.fetch_add(1, Ordering::Relaxed));
                    let started = Instant::now();
                    let sent = client
                        .post(&url)
                        .header("Idempotency-Key", &key)
                        .json(&ticket("Sent under load"))
                        .timeout(Duration::from_secs(60))
                        .send()
                        .await
                        .expect("the desk answers");
                    let took = started.elapsed();
                    let status = sent.status();
                    let reason = if status == StatusCode::SERVICE_UNAVAILABLE {
                        match sent.json::<ErrorBody>().await.expect("a JSON error").code {
                            ErrorCode::Unavailable { reason, .. } => Some(reason),
                            other => panic!("503 with {other:?}"),
                        }
                    } else {
                        None
                    };
                    {
                        let mut seen = outcomes.lock().unwrap();
                        seen.by_key.insert(key, status);
                        seen.reasons.extend(reason);
                        seen.slowest = seen.slowest.max(took);
                    }
                    if status != StatusCode::CREATED {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            })
        })
        .collect();
    (outcomes, handles)
}

/// Every key that got a 201 is stored exactly once; the rest are filed now by a retry with their key, as the
/// widget's outbox would, and are then stored exactly once too.
async fn nothing_acknowledged_was_lost(desk: &TestDesk, outcomes: &Outcomes, stored_before: i64) {
    let acknowledged: Vec<&String> = outcomes
        .by_key
        .iter()
        .filter(|(_, status)| **status == StatusCode::CREATED)
        .map(|(key, _)| key)
        .collect();
    assert!(!acknowledged.is_empty());
    for key in outcomes.by_key.keys() {
        let retried = desk
            .file_ticket(key, None, &ticket("Sent under load"))
            .await;
        assert_eq!(retried.status(), StatusCode::CREATED, "{key}");
    }
    let stored = stored_tickets(desk).await - stored_before;
    assert_eq!(
        stored as usize,
        outcomes.by_key.len(),
        "one ticket per key: {} acknowledged during the fault, the rest filed by their retry",
        acknowledged.len()
    );
}

async fn stored_tickets(desk: &TestDesk) -> i64 {
    let db = signpost_desk::db::Db::connect(desk.config.database.as_deref().unwrap())
        .await
        .unwrap();
    let count = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM tickets").fetch_one(pool).await);
    db.close().await;
    count.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_or_read_only_answers_503_and_heals() {
    let postgres = PrivatePostgres::start().await;
    let desk = helpers::spawn_with(Backend::Sqlite, |config| {
        config.database = Some(postgres.url());
    })
    .await;
    let created: TicketCreated = desk.file_ok("key-before-0001", None, &ticket("Hi")).await;

    // Read-only: writes are refused with the reason, reads go on. Each backend takes the setting at its next
    // command, so a first attempt may still be filed: every attempt has its own key, or a retry would only read
    // that ticket back.
    postgres.set_read_only(true).await;
    let attempts = AtomicUsize::new(0);
    wait_for(
        "writes to be refused",
        Duration::from_secs(20),
        async || {
            let key = format!(
                "key-readonly-{:02}",
                attempts.fetch_add(1, Ordering::Relaxed)
            );
            let refused = desk.file_ticket(&key, None, &ticket("Hi")).await;
            refused.status() == StatusCode::SERVICE_UNAVAILABLE
                && refused.json::<ErrorBody>().await.unwrap().code
                    == ErrorCode::Unavailable {
                        reason: UnavailableReason::DatabaseReadOnly,
                        retry_after_seconds: 30,
                    }
        },
    )
    .await;
    let read = desk
        .client
        .get(desk.url(&format!("/v1/tickets/{}", created.id)))
        .bearer_auth(&created.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK, "reads still work");
    postgres.set_read_only(false).await;
    wait_for(
        "writes to work again",
        Duration::from_secs(20),
        async || {
            desk.file_ticket("key-writable-01", None, &ticket("Hi"))
                .await
                .status()
                == StatusCode::CREATED
        },
    )
    .await;

    // Stopped under load: 503s, no hangs, and it heals by itself.
    let stored_before = stored_tickets(&desk).await;
    let stop = Arc::new(AtomicUsize::new(0));
    let (outcomes, workers) = load(&desk, 4, stop.clone());
    wait_for("load to run", Duration::from_secs(20), async || {
        outcomes.lock().unwrap().by_key.len() >= 20
    })
    .await;
    postgres.down().await;
    wait_for(
        "503s while PostgreSQL is down",
        Duration::from_secs(30),
        async || {
            outcomes
                .lock()
                .unwrap()
                .reasons
                .contains(&UnavailableReason::DatabaseUnreachable)
        },
    )
    .await;
    let health = desk.client.get(desk.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(matches!(
        health.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::Unavailable { .. }
    ));
    postgres.up().await;
    let back = outcomes.lock().unwrap().by_key.len();
    wait_for(
        "tickets to be filed again",
        Duration::from_secs(30),
        async || {
            let outcomes = outcomes.lock().unwrap();
            outcomes
                .by_key
                .iter()
                .skip(back)
                .any(|(_, status)| *status == StatusCode::CREATED)
        },
    )
    .await;
    stop.store(1, Ordering::Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    // The workers are done: take what they saw, so no lock is held across the awaits below.
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    assert!(
        outcomes.slowest < NO_HANG,
        "an answer took {:?} while PostgreSQL was away",
        outcomes.slowest
    );
    let statuses: std::collections::BTreeSet<u16> = outcomes
        .by_key
        .values()
        .map(|status| status.as_u16())
        .collect();
    assert!(statuses.is_subset(&[201, 503].into()), "{statuses:?}");
    nothing_acknowledged_was_lost(&desk, &outcomes, stored_before).await;
}

/// Mounts a tmpfs of `megabytes` at `dir`, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    async fn mount(dir: &Path, megabytes: u32) -> SmallDisk {
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir)
            .output()
            .await
            .unwrap();
        assert!(
            output.status.success(),
            "this test mounts a small tmpfs to fill, which needs root (as scripts/test.sh runs): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        SmallDisk(dir.to_owned())
    }

    /// Writes a file until the disk is full.
    fn fill(&self) -> PathBuf {
        use std::io::Write as _;
        let path = self.0.join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        let block = vec![0_u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let byte = [0_u8; 1];
        while file.write_all(&byte).is_ok() {}
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .args(["-l"])
            .arg(&self.0)
            .output();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_answers_503_and_loses_nothing() {
    let mount = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(mount.path(), 8).await;
    let database = format!("sqlite://{}", mount.path().join("desk.db").display());
    let desk = helpers::spawn_with(Backend::Sqlite, |config| {
        config.database = Some(database.clone());
    })
    .await;
    let mut acknowledged = Vec::new();
    for n in 0..3 {
        let key = format!("key-disk-{n:04}");
        desk.file_ok(&key, None, &ticket("Before the disk filled"))
            .await;
        acknowledged.push(key);
    }
    let filler = disk.fill();
    let mut refused = None;
    for n in 3..300 {
        let key = format!("key-disk-{n:04}");
        let started = Instant::now();
        let response = desk
            .file_ticket(&key, None, &ticket("While the disk is full"))
            .await;
        assert!(started.elapsed() < NO_HANG);
        match response.status() {
            StatusCode::CREATED => acknowledged.push(key),
            StatusCode::SERVICE_UNAVAILABLE => {
                refused = Some((key, response.json::<ErrorBody>().await.unwrap()));
                break;
            }
            other => panic!("{key}: {other} {}", response.text().await.unwrap()),
        }
    }
    let (key, body) = refused.expect("a full disk refuses tickets");
    assert_eq!(
        body.code,
        ErrorCode::Unavailable {
            reason: UnavailableReason::DiskFull,
            retry_after_seconds: 30
        },
        "{}",
        body.message
    );

    // Room again: the refused ticket goes through on its retry, and everything acknowledged is there.
    std::fs::remove_file(filler).unwrap();
    desk.file_ok(&key, None, &ticket("While the disk is full"))
        .await;
    acknowledged.push(key);
    assert_eq!(stored_tickets(&desk).await as usize, acknowledged.len());
}

/// A TCP proxy that hands each new connection to the next of `backends`, in turn, until dropped.
struct RoundRobin {
    address: String,
    task: tokio::task::JoinHandle<()>,
}

impl RoundRobin {
    async fn start(backends: Vec<String>) -> RoundRobin {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let task = tokio::spawn(async move {
            for turn in 0.. {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                let backend = backends[turn % backends.len()].clone();
                tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        RoundRobin { address, task }
    }
}

impl Drop for RoundRobin {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_behind_a_round_robin_proxy() {
    let first = helpers::spawn_with(Backend::Postgres, |config| {
        config.tickets_per_address_per_hour = 12;
    })
    .await;
    let second = helpers::start(first.config.clone()).await;
    let proxy = RoundRobin::start(vec![
        first.address().to_owned(),
        second.address().to_owned(),
    ])
    .await;
    let desk = first.through(&proxy.address);
    helpers::clear_of_window_end(3_600).await;

    // Two status streams, one on each replica.
    let mut streams = vec![
        desk.open_stream("/v1/status/stream", None).await,
        desk.open_stream("/v1/status/stream", None).await,
    ];

    // Tickets filed through one replica are read, answered and followed through the other.
    let mut tickets = Vec::new();
    for n in 0..2 {
        let created: TicketCreated = desk
            .file_ok(&format!("key-replica-{n:04}"), None, &ticket("Hello?"))
            .await;
        tickets.push(created);
    }
    let created = &tickets[0];
    let mut thread_streams = vec![
        desk.open_stream(&desk.thread_stream(created).await, None)
            .await,
        desk.open_stream(&desk.thread_stream(created).await, None)
            .await,
    ];
    for n in 0..2 {
        let reply = desk
            .client
            .post(desk.url(&format!("/v1/tickets/{}/messages", created.id)))
            .bearer_auth(&created.access_token)
            .json(&json!({"body": format!("Any news? {n}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), StatusCode::CREATED);
    }
    let agent = desk
        .agent_post(
            &format!("/v1/agent/tickets/{}/reply", created.id),
            &json!({"body": "Found it, it ships today."}),
        )
        .await;
    assert_eq!(agent.status(), StatusCode::CREATED);
    for stream in &mut thread_streams {
        assert!(
            stream
                .wait_for("Found it, it ships today.", Duration::from_secs(20))
                .await,
            "a replica's ticket stream missed the other's reply"
        );
    }
    let view: serde_json::Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(view["messages"].as_array().unwrap().len(), 4);

    let opened = desk
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": "Payouts delayed", "impact": "minor", "components": ["Payouts"]}),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::CREATED);
    for stream in &mut streams {
        assert!(
            stream
                .wait_for("Payouts delayed", Duration::from_secs(20))
                .await,
            "a replica's status stream missed the incident"
        );
    }

    // The address limit (12 an hour) is one limit across the replicas: 2 filed, 10 more, then 429s.
    let mut statuses = Vec::new();
    for n in 2..16 {
        let response = desk
            .file_ticket(&format!("key-replica-{n:04}"), None, &ticket("More"))
            .await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses[..10], [201; 10]);
    assert_eq!(statuses[10..], [429; 4]);
}
