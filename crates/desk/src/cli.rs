//! The operator commands: clients of a running desk's agent API, so they work the same against any replica;
//! `agents`, which must work before any agent exists, works on the database itself.

use crate::agents::{self, Actor, Role};
use crate::config::{
    AgentsCommand, AgentsPlace, DeskClient, IdentityCommand, IncidentCommand, MaintenanceCommand,
    TicketsCommand, TriageCommand,
};
use crate::db::Db;
use crate::error::AppError;
use anyhow::Context as _;
use serde_json::{Value, json};
use signpost_core::wire::ErrorBody;

/// Runs an `incident …` command and prints what the desk answered.
pub async fn incident(command: IncidentCommand) -> anyhow::Result<()> {
    let (client, path, body) = match command {
        IncidentCommand::Open {
            name,
            impact,
            components,
            message,
            status,
            client,
        } => (
            client,
            "/v1/agent/incidents".to_owned(),
            json!({ "name": name, "impact": impact, "components": components, "message": message, "status": status }),
        ),
        IncidentCommand::Update {
            id,
            message,
            status,
            impact,
            client,
        } => (
            client,
            format!("/v1/agent/incidents/{id}/updates"),
            json!({ "message": message, "status": status, "impact": impact }),
        ),
        IncidentCommand::Resolve {
            id,
            message,
            client,
        } => (
            client,
            format!("/v1/agent/incidents/{id}/resolve"),
            json!({ "message": message }),
        ),
    };
    post(&client, &path, &body).await
}

/// Runs a `maintenance …` command and prints what the desk answered.
pub async fn maintenance(command: MaintenanceCommand) -> anyhow::Result<()> {
    let MaintenanceCommand::Schedule {
        name,
        from,
        until,
        components,
        message,
        client,
    } = command;
    let body = json!({
        "name": name, "components": components, "scheduled_for": from, "scheduled_until": until, "message": message,
    });
    post(&client, "/v1/agent/maintenances", &body).await
}

/// Runs a `tickets …` command and prints what the desk answered.
pub async fn tickets(command: TicketsCommand) -> anyhow::Result<()> {
    match command {
        TicketsCommand::List {
            queue,
            status,
            priority,
            limit,
            after,
            client,
        } => {
            let filters: Vec<(&str, String)> = [
                ("queue", queue),
                ("status", status),
                ("priority", priority),
                ("limit", Some(limit.to_string())),
                ("after", after),
            ]
            .into_iter()
            .filter_map(|(name, value)| Some((name, value?)))
            .collect();
            let page = call(
                &client,
                reqwest::Method::GET,
                "/v1/agent/tickets",
                &filters,
                None,
            )
            .await?;
            for ticket in page["tickets"].as_array().into_iter().flatten() {
                let text = |key: &str| ticket[key].as_str().unwrap_or("-").to_owned();
                // `?` marks a ticket triage was unsure of: check its queue (`tickets reroute`).
                let unsure = if ticket["needs_look"] == true {
                    "?"
                } else {
                    " "
                };
                println!(
                    "{:<9} {:<7} {:<8} {:<9}{unsure} due {}  {}",
                    text("id"),
                    text("status"),
                    text("priority"),
                    text("queue"),
                    text("first_response_due"),
                    text("subject")
                );
            }
            if let Some(next) = page["next"].as_str() {
                println!("More: tickets list --after {next} (with the same filters)");
            }
            Ok(())
        }
        TicketsCommand::Show { id, client } => {
            let ticket = call(
                &client,
                reqwest::Method::GET,
                &format!("/v1/agent/tickets/{id}"),
                &[],
                None,
            )
            .await?;
            println!("{}", serde_json::to_string_pretty(&ticket)?);
            Ok(())
        }
        TicketsCommand::Reply {
            id,
            message,
            client,
        } => {
            post(
                &client,
                &format!("/v1/agent/tickets/{id}/reply"),
                &json!({ "body": message }),
            )
            .await
        }
        TicketsCommand::Status { id, status, client } => {
            post(
                &client,
                &format!("/v1/agent/tickets/{id}/status"),
                &json!({ "status": status }),
            )
            .await
        }
        TicketsCommand::Assign { id, queue, client } => {
            post(
                &client,
                &format!("/v1/agent/tickets/{id}/assign"),
                &json!({ "queue": queue }),
            )
            .await
        }
        TicketsCommand::Reroute {
            id,
            queue,
            priority,
            reason,
            client,
        } => {
            post(
                &client,
                &format!("/v1/agent/tickets/{id}/reroute"),
                &json!({ "queue": queue, "priority": priority, "reason": reason }),
            )
            .await
        }
    }
}

/// Runs a `triage …` command and prints what the desk answered.
pub async fn triage(command: TriageCommand) -> anyhow::Result<()> {
    match command {
        TriageCommand::Train { client } => {
            let path = "/v1/agent/triage/models";
            let trained = call(&client, reqwest::Method::POST, path, &[], Some(&json!({}))).await?;
            let percent = |value: &Value| {
                value
                    .as_f64()
                    .map_or("-".to_owned(), |share| format!("{:.1} %", share * 100.0))
            };
            let verdict = if trained["stored"].as_bool() == Some(true) {
                "stored as the current model"
            } else {
                "NOT stored: it scored clearly worse than the current model, which stays"
            };
            println!(
                "model {}: {verdict}\n  on {} held-back examples: queue right {} (current model: {}), \
                 urgency right {} (current model: {})\n  \
                 trained on {} examples ({} agent corrections) in {} ms; {} bytes",
                trained["version"],
                trained["held_back"],
                percent(&trained["accuracy"]),
                percent(&trained["previous_accuracy"]),
                percent(&trained["urgency_accuracy"]),
                percent(&trained["previous_urgency_accuracy"]),
                trained["examples"],
                trained["corrections"],
                trained["milliseconds"],
                trained["bytes"],
            );
            Ok(())
        }
        TriageCommand::Models { client } => {
            let path = "/v1/agent/triage/models";
            let versions = call(&client, reqwest::Method::GET, path, &[], None).await?;
            for version in versions.as_array().into_iter().flatten() {
                println!(
                    "{:<5} {}  accuracy {:.3} on {} held back  {} examples, {} corrections",
                    version["version"],
                    version["trained_at"].as_str().unwrap_or("-"),
                    version["accuracy"].as_f64().unwrap_or(0.0),
                    version["held_back"],
                    version["examples"],
                    version["corrections"],
                );
            }
            Ok(())
        }
    }
}

/// Runs an `identity …` command. Minting is local: it needs the secret, not a desk.
pub fn identity(command: IdentityCommand) -> anyhow::Result<()> {
    let IdentityCommand::Mint {
        secret,
        user_id,
        email,
        role,
        name,
        ttl_seconds,
    } = command;
    let secret = crate::identity::IdentitySecret::new(secret)
        .map_err(|err| anyhow::anyhow!("--secret: {err}"))?;
    let identity = signpost_core::identity::Identity {
        user_id,
        email: email.trim().to_owned(),
        name: name
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty()),
        role: signpost_core::context::Role::from_name(&role)
            .context("--role is buyer or seller")?,
    };
    crate::identity::check_identity(&identity)
        .map_err(|err| anyhow::anyhow!("the desk would refuse this token: {err}"))?;
    let token = crate::identity::mint(&secret, &identity, crate::clock::now_unix(), ttl_seconds);
    println!("{token}");
    Ok(())
}

/// Runs an `agents …` command on the desk's database.
pub async fn agents(command: AgentsCommand) -> anyhow::Result<()> {
    let place = match &command {
        AgentsCommand::Add { place, .. }
        | AgentsCommand::List { place }
        | AgentsCommand::Disable { place, .. }
        | AgentsCommand::ResetPassword { place, .. }
        | AgentsCommand::Token { place, .. }
        | AgentsCommand::Tokens { place, .. }
        | AgentsCommand::RevokeToken { place, .. } => place.clone(),
    };
    let db = Db::connect(&place.database_url()).await?;
    let done = run_agents(&db, &place, command).await;
    db.close().await;
    done.map_err(|err| match err {
        AppError::Validation(problems) => {
            let problems: Vec<String> = problems
                .iter()
                .map(|problem| format!("--{}: {}", problem.field, problem.message))
                .collect();
            anyhow::anyhow!("{}", problems.join("; "))
        }
        AppError::NotFound => anyhow::anyhow!("no such agent or token"),
        other => anyhow::anyhow!("{other}"),
    })
}

async fn run_agents(db: &Db, place: &AgentsPlace, command: AgentsCommand) -> Result<(), AppError> {
    // The operator at the database acts as the service does: as no agent in particular.
    let operator = Actor::Service;
    let link = |token: &str| agents::password_link_url(&place.public_url, token);
    let account = |email: String| async move {
        agents::by_email(db, &email)
            .await?
            .map(|(account, _)| account)
            .ok_or(AppError::NotFound)
    };
    match command {
        AgentsCommand::Add {
            name,
            email,
            role,
            password_stdin,
            ..
        } => {
            let role = Role::parse(&role).expect("clap allows only agent or admin");
            let added = agents::add(db, &name, &email, role).await?;
            let email = added.account.email.clone();
            agents::record(
                db,
                &operator,
                "agent_add",
                Some(&email),
                json!({ "role": role }),
            )
            .await?;
            if password_stdin {
                let mut password = String::new();
                std::io::stdin()
                    .read_line(&mut password)
                    .map_err(anyhow::Error::from)?;
                let password = password.trim_end_matches(['\r', '\n']);
                agents::set_password(db, &added.password_link, password).await?;
                println!(
                    "Added {} <{email}> ({}), password set.",
                    added.account.name,
                    role.as_str()
                );
            } else {
                println!(
                    "Added {} <{email}> ({}). Send them this link to set their password (good for 72 hours, once):\n{}",
                    added.account.name,
                    role.as_str(),
                    link(&added.password_link)
                );
            }
        }
        AgentsCommand::List { .. } => {
            for agent in agents::list(db).await? {
                let state = match (agent.disabled, agent.has_password) {
                    (true, _) => "disabled",
                    (false, true) => "active",
                    (false, false) => "invited",
                };
                println!(
                    "{:<5} {:<6} {:<9} {:<32} {}",
                    agent.id,
                    agent.role.as_str(),
                    state,
                    agent.email,
                    agent.name
                );
            }
        }
        AgentsCommand::Disable { email, .. } => {
            let agent = agents::disable(db, &email).await?;
            agents::record(
                db,
                &operator,
                "agent_disable",
                Some(&agent.email),
                json!({}),
            )
            .await?;
            println!(
                "Disabled {} <{}>: signed out everywhere, tokens revoked.",
                agent.name, agent.email
            );
        }
        AgentsCommand::ResetPassword { email, .. } => {
            let agent = account(email).await?;
            let token = agents::password_link(db, agent.id).await?;
            println!(
                "Link to set {}'s password (good for 72 hours, once):\n{}",
                agent.name,
                link(&token)
            );
        }
        AgentsCommand::Token { email, label, .. } => {
            let agent = account(email).await?;
            let (id, token) = agents::tokens::issue(db, agent.id, &label).await?;
            let detail = json!({ "token": id, "label": label });
            agents::record(db, &operator, "token_issue", Some(&agent.email), detail).await?;
            eprintln!(
                "Token {id} for {} (shown once; revoke with `agents revoke-token {id}`):",
                agent.email
            );
            println!("{token}");
        }
        AgentsCommand::Tokens { email, .. } => {
            let agent = account(email).await?;
            for token in agents::tokens::of_agent(db, agent.id).await? {
                let state = match (&token.revoked_at, &token.last_used_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(at)) => format!("last used {at}"),
                    (None, None) => "never used".to_owned(),
                };
                println!(
                    "{:<5} {:<20} made {}  {state}",
                    token.id, token.label, token.created_at
                );
            }
        }
        AgentsCommand::RevokeToken { id, .. } => {
            if !agents::tokens::revoke(db, id).await? {
                return Err(AppError::NotFound);
            }
            agents::record(db, &operator, "token_revoke", None, json!({ "token": id })).await?;
            println!("Token {id} revoked.");
        }
    }
    Ok(())
}

/// Prints the webhook outbox in one state.
pub async fn webhooks(state: String, client: DeskClient) -> anyhow::Result<()> {
    let entries = call(
        &client,
        reqwest::Method::GET,
        "/v1/agent/webhooks",
        &[("state", state)],
        None,
    )
    .await?;
    for entry in entries.as_array().into_iter().flatten() {
        println!(
            "#{:<6} {:<15} attempts {:<2} next {}  {}",
            entry["id"],
            entry["event"].as_str().unwrap_or("-"),
            entry["attempts"],
            entry["next_attempt_at"].as_str().unwrap_or("-"),
            entry["last_error"]
                .as_str()
                .or(entry["delivered_at"].as_str())
                .unwrap_or("")
        );
    }
    Ok(())
}

async fn post(client: &DeskClient, path: &str, body: &Value) -> anyhow::Result<()> {
    let answer = call(client, reqwest::Method::POST, path, &[], Some(body)).await?;
    match answer["id"].as_str() {
        Some(id) => println!("{id}"),
        None => println!("{answer}"),
    }
    Ok(())
}

/// One agent-API call; the desk's JSON answer, or an error saying what the desk objected to.
async fn call(
    client: &DeskClient,
    method: reqwest::Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<&Value>,
) -> anyhow::Result<Value> {
    let url = format!("{}{path}", client.desk.trim_end_matches('/'));
    let mut request = reqwest::Client::new()
        .request(method, &url)
        .bearer_auth(client.token.expose())
        .query(query);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request
        .send()
        .await
        .with_context(|| format!("cannot reach the desk at {}", client.desk))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if status.is_success() {
        return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
    }
    let problem = match serde_json::from_str::<ErrorBody>(&text) {
        Ok(error) if error.fields.is_empty() => error.message,
        Ok(error) => {
            let fields: Vec<String> = error
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect();
            format!("{} ({})", error.message, fields.join("; "))
        }
        Err(_) => text,
    };
    anyhow::bail!("the desk answered {status}: {problem}")
}
