//! Verified identity over real HTTP, on SQLite and on PostgreSQL: checking tokens, identified tickets, a user's
//! tickets on another device; and the `identity mint` command.

use crate::helpers;
use crate::helpers::{IDENTITY_SECRET, TestDesk};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::identity::{Identity, IdentityCheck, Role, UserTicket};
use signpost_core::tickets::{OnboardingBlocker, Priority, TicketView, TriageReason};
use signpost_core::wire::{ErrorBody, ErrorCode};
use signpost_desk::identity::{IdentitySecret, mint, verify};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

on_both_backends!(
    identify_answers_who_a_good_token_names,
    identify_says_why_a_token_is_refused,
    an_identified_ticket_carries_the_user_and_needs_no_email,
    a_bad_identity_header_files_anonymously,
    users_see_their_own_tickets_on_any_device,
    one_idempotency_key_never_hands_a_ticket_to_another_user,
    a_verified_user_is_limited_as_themselves,
    naming_a_victims_email_does_not_lock_them_out,
    without_a_secret_identity_is_off,
    the_webhook_reports_the_identity,
    triage_believes_the_verified_role,
);

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn secret() -> IdentitySecret {
    IdentitySecret::new(IDENTITY_SECRET).unwrap()
}

fn user(id: &str, email: &str, role: Role) -> Identity {
    Identity {
        user_id: id.into(),
        email: email.into(),
        name: Some(format!("User {id}")),
        role,
    }
}

fn lena() -> Identity {
    user("u-lena", "lena@example.com", Role::Seller)
}

/// A token for `identity`, good for an hour from now.
fn token(identity: &Identity) -> String {
    mint(&secret(), identity, now(), 3_600)
}

async fn identify(desk: &TestDesk, token: &str) -> reqwest::Response {
    desk.client
        .post(desk.url("/v1/identity"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap()
}

/// Asserts a 401 `invalid_identity` and returns its message.
async fn refused(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::InvalidIdentity);
    error.message
}

fn ticket_body(email: Option<&str>, message: &str) -> Value {
    let mut body = json!({
        "topic": "order-not-arrived",
        "subject": "Where is my parcel?",
        "message": message,
        "context": {"surface": "order", "order_id": "A-1043"},
    });
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    body
}

async fn agent_view(desk: &TestDesk, id: &str) -> Value {
    desk.agent_get(&format!("/v1/agent/tickets/{id}")).await
}

async fn my_tickets(desk: &TestDesk, identity_token: Option<&str>) -> reqwest::Response {
    let mut request = desk.client.get(desk.url("/v1/me/tickets"));
    if let Some(token) = identity_token {
        request = request.header("X-Signpost-Identity", token);
    }
    request.send().await.unwrap()
}

/// `token` with its claims replaced by `claims` and its signature kept.
fn with_claims(token: &str, claims: &Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let claims = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{}.{claims}.{}", parts[0], parts[2])
}

async fn triage_believes_the_verified_role(desk: TestDesk) {
    // A seller whose payouts are blocked, on a page that (wrongly) says "buyer".
    let mut body = ticket_body(None, "My payouts have stopped.");
    body["topic"] = json!("seller-verification");
    body["context"] = json!({"surface": "onboarding", "role": "buyer", "onboarding_blockers": ["payouts_blocked"]});
    let seller = desk
        .file_ok("key-role-seller", Some(&token(&lena())), &body)
        .await;
    assert_eq!(seller.priority, Priority::High, "{:?}", seller.reasons);
    let blocked = TriageReason::OnboardingBlocked {
        blocker: OnboardingBlocker::PayoutsBlocked,
    };
    assert!(seller.reasons.contains(&blocked), "{:?}", seller.reasons);

    // Anonymous, the page's word is all there is: a buyer's blockers raise nothing.
    body["email"] = json!("someone@example.com");
    let anonymous = desk.file_ok("key-role-anonymous", None, &body).await;
    assert_eq!(
        anonymous.priority,
        Priority::Normal,
        "{:?}",
        anonymous.reasons
    );

    // The stored context is what the page sent.
    let stored = agent_view(&desk, &seller.id).await;
    assert_eq!(stored["context"]["role"], "buyer");
}

async fn identify_answers_who_a_good_token_names(desk: TestDesk) {
    let issued = now();
    let response = identify(&desk, &mint(&secret(), &lena(), issued, 600)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (
            &body["user_id"],
            &body["email"],
            &body["name"],
            &body["role"]
        ),
        (
            &json!("u-lena"),
            &json!("lena@example.com"),
            &json!("User u-lena"),
            &json!("seller")
        )
    );
    let check: IdentityCheck = serde_json::from_value(body).unwrap();
    let expires = signpost_core::feed::Timestamp::parse(check.expires_at)
        .unix_seconds()
        .unwrap();
    assert_eq!(expires, issued + 600, "expires_at is the token's exp");
}

async fn identify_says_why_a_token_is_refused(desk: TestDesk) {
    let good = token(&lena());

    let expired = mint(&secret(), &lena(), now() - 7_200, 3_600);
    assert!(
        refused(identify(&desk, &expired).await)
            .await
            .starts_with("expired at "),
    );

    // A buyer turns themselves into another user, keeping the signature.
    let forged = with_claims(
        &good,
        &json!({"sub": "u-other", "email": "lena@example.com", "role": "seller", "exp": now() + 3_600}),
    );
    assert_eq!(
        refused(identify(&desk, &forged).await).await,
        "signature does not match"
    );

    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(
        json!({"sub": "u-lena", "email": "lena@example.com", "role": "seller", "exp": now() + 3_600})
            .to_string(),
    );
    assert_eq!(
        refused(identify(&desk, &format!("{header}.{claims}.")).await).await,
        "alg none is not accepted; use HS256"
    );

    let other_site = IdentitySecret::new("the secret of another marketplace, 32+").unwrap();
    assert_eq!(
        refused(identify(&desk, &mint(&other_site, &lena(), now(), 600)).await).await,
        "signature does not match"
    );

    assert!(
        refused(identify(&desk, "not-a-token").await)
            .await
            .starts_with("the token is not a JWT")
    );

    // The body itself is checked like every other endpoint's.
    let empty = identify(&desk, " ").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.json::<ErrorBody>().await.unwrap().fields[0].field,
        "token"
    );
    let not_json = desk
        .client
        .post(desk.url("/v1/identity"))
        .header("content-type", "application/json")
        .body("{token")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    let wrong_shape = desk
        .client
        .post(desk.url("/v1/identity"))
        .json(&json!({"jwt": good}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_shape.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn an_identified_ticket_carries_the_user_and_needs_no_email(desk: TestDesk) {
    let lena_token = token(&lena());
    let created = desk
        .file_ok(
            "key-identified-1",
            Some(&lena_token),
            &ticket_body(None, "It was due last week."),
        )
        .await;
    let stored = agent_view(&desk, &created.id).await;
    assert_eq!(
        stored["identity"],
        json!({"user_id": "u-lena", "email": "lena@example.com", "name": "User u-lena", "role": "seller",
               "verified": true})
    );
    assert_eq!(
        stored["email"], "lena@example.com",
        "replies go to the vouched-for address"
    );

    // An address typed into the form does not replace the one the marketplace vouched for.
    let typed = desk
        .file_ok(
            "key-identified-2",
            Some(&lena_token),
            &ticket_body(Some("someone@else.example"), "Still nothing."),
        )
        .await;
    assert_eq!(
        agent_view(&desk, &typed.id).await["email"],
        "lena@example.com"
    );

    let anonymous = desk
        .file_ok(
            "key-anonymous-1",
            None,
            &ticket_body(Some("ada@example.com"), "Hello"),
        )
        .await;
    let stored = agent_view(&desk, &anonymous.id).await;
    assert!(stored["identity"].is_null(), "{stored}");
    assert_eq!(stored["email"], "ada@example.com");
}

async fn a_bad_identity_header_files_anonymously(desk: TestDesk) {
    let expired = mint(&secret(), &lena(), now() - 7_200, 3_600);
    for (n, bad) in [expired.as_str(), "garbage"].into_iter().enumerate() {
        let response = desk
            .file_ticket(
                &format!("key-bad-identity-{n}"),
                Some(bad),
                &ticket_body(None, "Hello"),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let error: ErrorBody = response.json().await.unwrap();
        let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["email"], "{bad}");
    }
    let created = desk
        .file_ok(
            "key-bad-identity-9",
            Some(&expired),
            &ticket_body(Some("ada@example.com"), "Hello"),
        )
        .await;
    let stored = agent_view(&desk, &created.id).await;
    assert!(stored["identity"].is_null(), "{stored}");
    assert_eq!(stored["email"], "ada@example.com");
}

async fn users_see_their_own_tickets_on_any_device(desk: TestDesk) {
    let lena_token = token(&lena());
    let omar = user("u-omar", "omar@example.com", Role::Buyer);
    let omar_token = token(&omar);
    let first = desk
        .file_ok(
            "key-mine-00001",
            Some(&lena_token),
            &ticket_body(None, "One"),
        )
        .await;
    let omars = desk
        .file_ok(
            "key-mine-00002",
            Some(&omar_token),
            &ticket_body(None, "Omar's"),
        )
        .await;
    // Filed anonymously with the same address: not vouched for, so not listed.
    desk.file_ok(
        "key-mine-00003",
        None,
        &ticket_body(Some("lena@example.com"), "Anonymous"),
    )
    .await;
    let second = desk
        .file_ok(
            "key-mine-00004",
            Some(&lena_token),
            &ticket_body(None, "Two"),
        )
        .await;

    // Another device: a fresh token for the same user.
    let later = mint(&secret(), &lena(), now() - 5, 3_600);
    assert_ne!(later, lena_token);
    let response = my_tickets(&desk, Some(&later)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let list: Vec<UserTicket> = response.json().await.unwrap();
    let ids: Vec<&str> = list.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [second.id.as_str(), first.id.as_str()],
        "newest first, only hers"
    );
    assert_eq!(list[0].subject, "Where is my parcel?");
    assert_eq!(list[0].first_response_due, second.first_response_due);

    for listed in &list {
        let thread = desk
            .client
            .get(desk.url(&format!("/v1/tickets/{}", listed.id)))
            .bearer_auth(&listed.access_token)
            .send()
            .await
            .unwrap();
        assert_eq!(thread.status(), StatusCode::OK, "{}", listed.id);
        let thread: TicketView = thread.json().await.unwrap();
        assert_eq!(thread.id, listed.id);
    }

    let omar_list: Vec<UserTicket> = my_tickets(&desk, Some(&omar_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(omar_list.len(), 1);
    assert_eq!(omar_list[0].id, omars.id);

    assert_eq!(
        refused(my_tickets(&desk, None).await).await,
        "no identity token: send it in the X-Signpost-Identity header"
    );
    let expired = mint(&secret(), &lena(), now() - 7_200, 3_600);
    assert!(
        refused(my_tickets(&desk, Some(&expired)).await)
            .await
            .starts_with("expired at ")
    );
    let forged = with_claims(
        &omar_token,
        &json!({"sub": "u-lena", "email": "omar@example.com", "role": "buyer", "exp": now() + 3_600}),
    );
    assert_eq!(
        refused(my_tickets(&desk, Some(&forged)).await).await,
        "signature does not match"
    );
}

async fn one_idempotency_key_never_hands_a_ticket_to_another_user(desk: TestDesk) {
    let body = ticket_body(None, "Same words from two people");
    let lena_token = token(&lena());
    let first = desk
        .file_ok("key-shared-0001", Some(&lena_token), &body)
        .await;
    // Her retry, even with a token minted later, is the same ticket.
    let refreshed = mint(&secret(), &lena(), now() - 1, 7_200);
    let again = desk
        .file_ok("key-shared-0001", Some(&refreshed), &body)
        .await;
    assert_eq!(again, first);

    let omar = token(&user("u-omar", "omar@example.com", Role::Buyer));
    let other = desk
        .file_ticket("key-shared-0001", Some(&omar), &body)
        .await;
    assert_eq!(other.status(), StatusCode::CONFLICT);
    let error = other.text().await.unwrap();
    assert!(!error.contains(&first.access_token), "{error}");
}

async fn a_verified_user_is_limited_as_themselves(base: TestDesk) {
    let mut config = base.config.clone();
    config.tickets_per_email_per_hour = 1;
    let desk = helpers::start(config).await;
    let lena_token = token(&lena());
    desk.file_ok(
        "key-limit-00001",
        Some(&lena_token),
        &ticket_body(None, "One"),
    )
    .await;
    // Typing another address does not get a verified user round their own limit.
    let typed_other = desk
        .file_ticket(
            "key-limit-00002",
            Some(&lena_token),
            &ticket_body(Some("fresh@example.com"), "Two"),
        )
        .await;
    assert_eq!(typed_other.status(), StatusCode::TOO_MANY_REQUESTS);
    desk.file_ok(
        "key-limit-00004",
        None,
        &ticket_body(Some("fresh@example.com"), "Four"),
    )
    .await;
}

/// Anonymous tickets that name someone's email use up only the anonymous limit of that email: the person
/// signed in still files theirs.
async fn naming_a_victims_email_does_not_lock_them_out(base: TestDesk) {
    let mut config = base.config.clone();
    config.tickets_per_email_per_hour = 5;
    let desk = helpers::start(config).await;
    for n in 0..5 {
        desk.file_ok(
            &format!("key-attack-{n:04}"),
            None,
            &ticket_body(Some("Lena@Example.com"), "Spam"),
        )
        .await;
    }
    let sixth = desk
        .file_ticket(
            "key-attack-0009",
            None,
            &ticket_body(Some("lena@example.com"), "Spam"),
        )
        .await;
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    let lena_token = token(&lena());
    desk.file_ok(
        "key-victim-0001",
        Some(&lena_token),
        &ticket_body(None, "My real problem"),
    )
    .await;
}

async fn without_a_secret_identity_is_off(base: TestDesk) {
    let mut config = base.config.clone();
    config.identity_secret = None;
    let desk = helpers::start(config).await;
    let lena_token = token(&lena());
    for response in [
        identify(&desk, &lena_token).await,
        my_tickets(&desk, Some(&lena_token)).await,
    ] {
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(
            error.message,
            "verified identity is off: start the desk with --identity-secret"
        );
    }
    let response = desk
        .file_ticket(
            "key-off-000001",
            Some(&lena_token),
            &ticket_body(None, "Hi"),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the header is not believed, so the email is required"
    );
}

async fn the_webhook_reports_the_identity(base: TestDesk) {
    let received: std::sync::Arc<std::sync::Mutex<Vec<Value>>> = Default::default();
    let seen = received.clone();
    let site = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(event): axum::Json<Value>| {
            let seen = seen.clone();
            async move { seen.lock().unwrap().push(event) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, site).await.unwrap() });
    let mut config = base.config.clone();
    config.webhook_url = Some(url);
    config.webhook_secret = Some("s3cret".into());
    let desk = helpers::start(config).await;

    let identified = desk
        .file_ok(
            "key-hook-ident-1",
            Some(&token(&lena())),
            &ticket_body(None, "Hi"),
        )
        .await;
    let anonymous = desk
        .file_ok(
            "key-hook-ident-2",
            None,
            &ticket_body(Some("ada@example.com"), "Hi"),
        )
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while received.lock().unwrap().len() < 2 {
        assert!(Instant::now() < deadline, "two deliveries within 10 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let events = received.lock().unwrap().clone();
    let ticket = |id: &str| {
        events
            .iter()
            .map(|event| &event["ticket"])
            .find(|ticket| ticket["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        ticket(&identified.id)["identity"],
        json!({"user_id": "u-lena", "email": "lena@example.com", "name": "User u-lena", "role": "seller",
               "verified": true})
    );
    assert_eq!(ticket(&identified.id)["email"], "lena@example.com");
    assert!(ticket(&anonymous.id)["identity"].is_null());
}

#[tokio::test]
async fn a_short_secret_stops_the_start() {
    let desk = helpers::spawn(helpers::Backend::Sqlite).await;
    let mut config = desk.config.clone();
    config.identity_secret = Some("only-twenty-one-bytes".into());
    let error = signpost_desk::app::Application::build(config)
        .await
        .err()
        .expect("the desk refuses to start");
    assert_eq!(
        error.to_string(),
        "--identity-secret (SIGNPOST_IDENTITY_SECRET): it is 21 bytes long; it must be at least \
         32 bytes (for example the output of `openssl rand -hex 32`)"
    );
}

#[test]
fn the_mint_command_prints_a_token_the_desk_accepts() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_signpost-desk"))
            .args(["identity", "mint"])
            .args(args)
            .env_remove("SIGNPOST_IDENTITY_SECRET")
            .output()
            .unwrap()
    };
    let output = run(&[
        "--secret",
        IDENTITY_SECRET,
        "--user-id",
        "u-1",
        "--email",
        "lena@example.com",
        "--role",
        "buyer",
        "--name",
        "Lena Berg",
        "--ttl-seconds",
        "120",
    ]);
    assert!(output.status.success(), "{output:?}");
    let token = String::from_utf8(output.stdout).unwrap();
    let verified = verify(token.trim(), &secret()).unwrap();
    assert_eq!(
        verified.identity,
        Identity {
            user_id: "u-1".into(),
            email: "lena@example.com".into(),
            name: Some("Lena Berg".into()),
            role: Role::Buyer,
        }
    );
    assert!((verified.expires_at - now() - 120).abs() <= 5);

    let short = run(&[
        "--secret",
        "short",
        "--user-id",
        "u-1",
        "--email",
        "a@b.co",
        "--role",
        "buyer",
    ]);
    assert!(!short.status.success());
    assert!(
        String::from_utf8_lossy(&short.stderr).contains("at least 32 bytes"),
        "{short:?}"
    );
    let bad_email = run(&[
        "--secret",
        IDENTITY_SECRET,
        "--user-id",
        "u-1",
        "--email",
        "lena",
        "--role",
        "buyer",
    ]);
    assert!(!bad_email.status.success());
    assert!(
        String::from_utf8_lossy(&bad_email.stderr)
            .contains("claim `email`: doesn't look like an email address"),
        "{bad_email:?}"
    );
    let bad_role = run(&[
        "--secret",
        IDENTITY_SECRET,
        "--user-id",
        "u-1",
        "--email",
        "a@b.co",
        "--role",
        "admin",
    ]);
    assert!(!bad_role.status.success());
}
