//! The operator commands: clients of a running desk's agent API, so they work the same against any replica.

use crate::config::{DeskClient, IncidentCommand, MaintenanceCommand};
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

async fn post(client: &DeskClient, path: &str, body: &Value) -> anyhow::Result<()> {
    let url = format!("{}{path}", client.desk.trim_end_matches('/'));
    let response = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&client.token)
        .json(body)
        .send()
        .await
        .with_context(|| format!("cannot reach the desk at {}", client.desk))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if status.is_success() {
        let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        match answer["id"].as_str() {
            Some(id) => println!("{id}"),
            None => println!("{text}"),
        }
        return Ok(());
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
