//! Named agents: invited by an admin, a password set by the one-time link, signed in with a session cookie
//! that any replica honours, held to CSRF and role rules, signed out when disabled; per-agent tokens; every
//! agent route refused without a session or token.

use crate::helpers::{self, AGENT_TOKEN, Backend, TestDesk, field_names};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};
use signpost_core::wire::ErrorBody;
use signpost_desk::app::Application;
use signpost_desk::db::Db;

on_both_backends!(
    an_invited_agent_signs_in_and_works_tickets_on_any_replica,
    a_disabled_agent_is_signed_out_and_their_tokens_stop,
);

pub const PASSWORD: &str = "a long and private passphrase";

/// Invites an agent through the admin API (with the service token); the token of their set-password link.
pub async fn invite(desk: &TestDesk, name: &str, email: &str, role: &str) -> String {
    let body = json!({ "name": name, "email": email, "role": role });
    let response = desk.agent_post("/v1/agent/agents", &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let added: Value = response.json().await.unwrap();
    let link = added["password_link"].as_str().unwrap();
    let token = link.strip_prefix("/console/#set-password=").expect(link);
    token.to_owned()
}

pub async fn set_password(desk: &TestDesk, token: &str, password: &str) -> reqwest::Response {
    let body = json!({ "token": token, "password": password });
    let request = desk
        .client
        .post(desk.url("/v1/console/password"))
        .json(&body);
    request.send().await.unwrap()
}

pub async fn sign_in(desk: &TestDesk, email: &str, password: &str) -> reqwest::Response {
    let body = json!({ "email": email, "password": password });
    let request = desk.client.post(desk.url("/v1/console/session"));
    let request = request.header("X-Signpost-Console", "1").json(&body);
    request.send().await.unwrap()
}

/// An agent with a password, signed in: the `Cookie` header value of their session.
pub async fn signed_in(desk: &TestDesk, name: &str, email: &str, role: &str) -> String {
    let token = invite(desk, name, email, role).await;
    assert_eq!(
        set_password(desk, &token, PASSWORD).await.status(),
        StatusCode::OK
    );
    let response = sign_in(desk, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    session_cookie(&response)
}

/// `signpost_session=…` from a sign-in's `Set-Cookie`.
pub fn session_cookie(response: &reqwest::Response) -> String {
    let set = response.headers()[SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn error(response: reqwest::Response) -> ErrorBody {
    response.json().await.unwrap()
}

async fn an_invited_agent_signs_in_and_works_tickets_on_any_replica(desk: TestDesk) {
    let token = invite(&desk, "Ana Ruiz", "Ana@Example.com", "agent").await;

    // The link sets a password once, and only a strong enough one.
    let weak = set_password(&desk, &token, "short").await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(weak).await, ["password"]);
    assert_eq!(
        set_password(&desk, &token, PASSWORD).await.status(),
        StatusCode::OK
    );
    let again = set_password(&desk, &token, "another long passphrase").await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");

    // A cross-site form cannot sign in; a wrong password says so.
    let body = json!({ "email": "ana@example.com", "password": PASSWORD });
    let form = desk
        .client
        .post(desk.url("/v1/console/session"))
        .json(&body);
    assert_eq!(form.send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let wrong = sign_in(&desk, "ana@example.com", "not her passphrase").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error(wrong).await.message, "wrong email or password");
    let nobody = sign_in(&desk, "nobody@example.com", PASSWORD).await;
    assert_eq!(nobody.status(), StatusCode::UNAUTHORIZED);

    // The address is one account however it is typed; the cookie is HttpOnly, SameSite=Strict, and not Secure
    // on a desk without an https public URL.
    let signed = sign_in(&desk, " ANA@example.com", PASSWORD).await;
    assert_eq!(signed.status(), StatusCode::OK);
    let set = signed.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.starts_with("signpost_session=sps_"), "{set}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "{attribute} missing: {set}");
    }
    assert!(!set.contains("Secure"), "{set}");
    let cookie = session_cookie(&signed);
    let me: Value = signed.json().await.unwrap();
    assert_eq!(me["agent"]["name"], "Ana Ruiz");
    assert_eq!(me["agent"]["email"], "ana@example.com");

    // Another replica on the same database knows the session.
    let replica = helpers::start(desk.config.clone()).await;
    let who = replica.client.get(replica.url("/v1/console/session"));
    let who: Value = who
        .header(COOKIE, &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(who["agent"]["role"], "agent");

    // She works a ticket: a write without the console header is refused as cross-site; with it, her reply is
    // recorded as hers.
    let created = desk
        .file_ok(
            "key-agents-01",
            None,
            &helpers::ticket("My parcel is late."),
        )
        .await;
    let reply_path = format!("/v1/agent/tickets/{}/reply", created.id);
    let reply = json!({ "body": "It left the warehouse today." });
    let forged = replica
        .client
        .post(replica.url(&reply_path))
        .header(COOKIE, &cookie);
    let forged = forged.json(&reply).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(error(forged).await.message.contains("X-Signpost-Console"));
    let sent = replica
        .client
        .post(replica.url(&reply_path))
        .header(COOKIE, &cookie);
    let sent = sent
        .header("X-Signpost-Console", "1")
        .json(&reply)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    desk.solve(&created.id).await;
    let actions: Vec<Value> = desk
        .agent_get(&format!("/v1/agent/actions?subject={}", created.id))
        .await;
    let who_did: Vec<(&str, &Value)> = actions
        .iter()
        .map(|action| (action["action"].as_str().unwrap(), &action["agent"]))
        .collect();
    assert_eq!(
        who_did,
        [("reply", &json!("Ana Ruiz")), ("status", &Value::Null)],
        "the service token acts as no one"
    );

    // An agent is no admin: the status page is not hers to change.
    let incident =
        json!({ "name": "Card payments failing", "impact": "major", "components": ["Payments"] });
    let open = desk
        .client
        .post(desk.url("/v1/agent/incidents"))
        .header(COOKIE, &cookie);
    let open = open
        .header("X-Signpost-Console", "1")
        .json(&incident)
        .send()
        .await
        .unwrap();
    assert_eq!(open.status(), StatusCode::FORBIDDEN);
    assert_eq!(error(open).await.message, "only an admin may do this");

    // Signing out ends the session on every replica.
    let out = desk
        .client
        .delete(desk.url("/v1/console/session"))
        .header(COOKIE, &cookie);
    let out = out.header("X-Signpost-Console", "1").send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(
        out.headers()[SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let after = replica
        .client
        .get(replica.url("/v1/agent/tickets"))
        .header(COOKIE, &cookie);
    let after = after.send().await.unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        error(after).await.message,
        "your session has ended: sign in again"
    );
}

async fn a_disabled_agent_is_signed_out_and_their_tokens_stop(desk: TestDesk) {
    let cookie = signed_in(&desk, "Bo Chen", "bo@example.com", "admin").await;
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let (bo, _) = signpost_desk::agents::by_email(&db, "bo@example.com")
        .await
        .unwrap()
        .unwrap();
    let (_, api_token) = signpost_desk::agents::tokens::issue(&db, bo.id, "zapier")
        .await
        .unwrap();
    let with_token = || {
        let request = desk.client.get(desk.url("/v1/agent/tickets"));
        request.bearer_auth(&api_token).send()
    };
    let with_cookie = || {
        let request = desk.client.get(desk.url("/v1/agent/agents"));
        request.header(COOKIE, &cookie).send()
    };
    assert_eq!(with_token().await.unwrap().status(), StatusCode::OK);
    let listed: Vec<Value> = with_cookie().await.unwrap().json().await.unwrap();
    assert_eq!(
        listed[0]["email"], "bo@example.com",
        "an admin lists agents"
    );

    let disable = desk
        .agent_post(&format!("/v1/agent/agents/{}/disable", bo.id), &json!({}))
        .await;
    assert_eq!(disable.status(), StatusCode::OK);
    assert_eq!(
        with_cookie().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        with_token().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let back = sign_in(&desk, "bo@example.com", PASSWORD).await;
    assert_eq!(
        back.status(),
        StatusCode::UNAUTHORIZED,
        "a disabled agent cannot sign in"
    );

    // A revoked token stops; the agent's other tokens and sessions go on.
    let cookie = signed_in(&desk, "Cy Diaz", "cy@example.com", "agent").await;
    let (cy, _) = signpost_desk::agents::by_email(&db, "cy@example.com")
        .await
        .unwrap()
        .unwrap();
    let (first, revoked) = signpost_desk::agents::tokens::issue(&db, cy.id, "cli")
        .await
        .unwrap();
    let (_, kept) = signpost_desk::agents::tokens::issue(&db, cy.id, "laptop")
        .await
        .unwrap();
    assert!(
        signpost_desk::agents::tokens::revoke(&db, first)
            .await
            .unwrap()
    );
    for (token, status) in [
        (&revoked, StatusCode::UNAUTHORIZED),
        (&kept, StatusCode::OK),
    ] {
        let request = desk
            .client
            .get(desk.url("/v1/agent/tickets"))
            .bearer_auth(token);
        assert_eq!(request.send().await.unwrap().status(), status);
    }
    let me = desk
        .client
        .get(desk.url("/v1/console/session"))
        .header(COOKIE, &cookie);
    assert_eq!(me.send().await.unwrap().status(), StatusCode::OK);

    // A session unused past the idle limit has ended.
    signpost_desk::with_pool!(&db, pool => sqlx::query("UPDATE agent_sessions SET last_seen_at = last_seen_at - 9 * 3600")
        .execute(pool).await.map(drop))
    .unwrap();
    let idle = desk
        .client
        .get(desk.url("/v1/console/session"))
        .header(COOKIE, &cookie);
    assert_eq!(
        idle.send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    db.close().await;
}

#[tokio::test]
async fn wrong_passwords_are_limited_per_account_and_per_address() {
    let desk = helpers::spawn_with(Backend::Sqlite, |config| {
        config.sign_in_failures_per_account = 3;
    })
    .await;
    helpers::clear_of_window_end(15 * 60).await;
    signed_in(&desk, "Di Evans", "di@example.com", "agent").await;
    for _ in 0..3 {
        let wrong = sign_in(&desk, "di@example.com", "a wrong passphrase").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = sign_in(&desk, "di@example.com", PASSWORD).await;
    assert_eq!(
        limited.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right one, for now"
    );
    assert!(limited.headers().contains_key("retry-after"));
    // The limit is the account's: another agent at the same address still signs in.
    signed_in(&desk, "Ed Fox", "ed@example.com", "agent").await;

    let strict = helpers::spawn_with(Backend::Sqlite, |config| {
        config.agent_failures_per_address = 2;
    })
    .await;
    for email in ["one@example.com", "two@example.com"] {
        let wrong = sign_in(&strict, email, PASSWORD).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    let third = sign_in(&strict, "three@example.com", PASSWORD).await;
    assert_eq!(
        third.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "this address guessed too often"
    );
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_an_https_public_url() {
    let desk = helpers::spawn_with(Backend::Sqlite, |config| {
        config.public_url = Some("https://help.example.com".into());
    })
    .await;
    let token = invite(&desk, "Fa Gul", "fa@example.com", "agent").await;
    assert_eq!(
        set_password(&desk, &token, PASSWORD).await.status(),
        StatusCode::OK
    );
    let signed = sign_in(&desk, "fa@example.com", PASSWORD).await;
    let set = signed.headers()[SET_COOKIE].to_str().unwrap();
    assert!(set.contains("; Secure"), "{set}");
}

/// Every agent route, and the console's "who am I", answers 401 without a session or token, with a wrong
/// token, and with a made-up session; the only console routes open to anyone are signing in, signing out and
/// setting a password by link.
#[tokio::test]
async fn no_agent_route_answers_without_a_session_or_token() {
    let desk = helpers::spawn_with(Backend::Sqlite, |config| {
        config.agent_failures_per_address = 10_000;
    })
    .await;
    let app = Application::build(desk.config.clone()).await.unwrap();
    let open_to_anyone = [
        ("POST", "/v1/console/session"),
        ("DELETE", "/v1/console/session"),
        ("POST", "/v1/console/password"),
    ];
    let guarded: Vec<(String, String)> = crate::openapi::routes(&format!("{:?}", app.router()))
        .into_iter()
        .filter(|(method, path)| {
            (path.starts_with("/v1/agent/") || path.starts_with("/v1/console/"))
                && !open_to_anyone.contains(&(method.as_str(), path.as_str()))
        })
        .collect();
    assert!(guarded.len() >= 15, "routes not read: {guarded:?}");
    for (method, path) in &guarded {
        let url = desk.url(&path.replace("{id}", "1"));
        let method: reqwest::Method = method.parse().unwrap();
        let attempts = [
            ("nothing", None, None),
            ("a wrong token", Some("Bearer spt_made-up"), None),
            (
                "the service token misspelt",
                Some("Bearer test-agent-token-0123456789abcdeX"),
                None,
            ),
            (
                "a made-up session",
                None,
                Some("signpost_session=sps_made-up"),
            ),
        ];
        for (what, authorization, cookie) in attempts {
            let mut request = desk
                .client
                .request(method.clone(), &url)
                .header("X-Signpost-Console", "1")
                .json(&json!({}));
            if let Some(value) = authorization {
                request = request.header("Authorization", value);
            }
            if let Some(value) = cookie {
                request = request.header(COOKIE, value);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {what}"
            );
        }
    }
    // The service token is not misread as wrong.
    let ok = desk
        .client
        .get(desk.url("/v1/agent/tickets"))
        .bearer_auth(AGENT_TOKEN);
    assert_eq!(ok.send().await.unwrap().status(), StatusCode::OK);
}
