//! Named agents: accounts with a role, the console's sign-in sessions ([`sessions`]), per-agent API tokens
//! ([`tokens`]), and the record of what each agent did ([`record`]).
//!
//! Every secret is stored as a digest: a password as Argon2id ([`password`]), a session, token or
//! set-password link as the SHA-256 of a random value ([`secret`]). A copy of the database signs nobody in.

pub mod password;
pub mod secret;
pub mod sessions;
pub mod tokens;

use crate::clock::{now_stamp, now_unix};
use crate::db::{BeginWrite, Db};
use crate::error::AppError;
use crate::with_pool;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use signpost_core::check::{Check, Text};

/// What an agent may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = AgentRole)]
pub enum Role {
    /// Works tickets.
    Agent,
    /// Also manages agents, the status page and the help content.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "agent" => Some(Role::Agent),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// An agent's account, as the console and `agents list` show it (never its password).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Whether the agent has set a password (followed the link `agents add` printed).
    pub has_password: bool,
    pub disabled: bool,
    pub created_at: String,
}

/// Who made an agent request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The desk's `--agent-token`: automations and the operator, with an admin's rights, as no one in
    /// particular.
    Service,
    /// A named agent, signed in to the console or presenting one of their API tokens.
    Agent(Account),
}

impl Actor {
    /// The agent's id; none for the service token.
    pub fn agent_id(&self) -> Option<i64> {
        match self {
            Actor::Service => None,
            Actor::Agent(account) => Some(account.id),
        }
    }

    pub fn is_admin(&self) -> bool {
        match self {
            Actor::Service => true,
            Actor::Agent(account) => account.role == Role::Admin,
        }
    }
}

const NAME_MAX_CHARS: usize = 120;
const EMAIL_MAX_CHARS: usize = 254;
/// How long a set-password link works.
pub const PASSWORD_LINK_SECONDS: i64 = 72 * 3_600;

/// An account as stored, read from [`ACCOUNT_COLUMNS`].
#[derive(Debug, sqlx::FromRow)]
struct AccountRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    has_password: bool,
    disabled_at: Option<String>,
    created_at: String,
}

/// The columns an [`AccountRow`] is read from, of the agents table under the alias `a`.
const ACCOUNT_COLUMNS: &str = "a.id, a.name, a.email, a.role, a.password_hash IS NOT NULL AS has_password, \
                               a.disabled_at, a.created_at";

impl TryFrom<AccountRow> for Account {
    type Error = anyhow::Error;

    fn try_from(row: AccountRow) -> anyhow::Result<Account> {
        Ok(Account {
            id: row.id,
            name: row.name,
            email: row.email,
            role: Role::parse(&row.role)
                .ok_or_else(|| anyhow::anyhow!("unknown role `{}` in the database", row.role))?,
            has_password: row.has_password,
            disabled: row.disabled_at.is_some(),
            created_at: row.created_at,
        })
    }
}

/// The one spelling of an address: trimmed and lower-cased.
pub fn normal_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A new agent and the one-time token of the link that sets their password.
#[derive(Debug)]
pub struct Added {
    pub account: Account,
    pub password_link: String,
}

/// Adds an agent without a password; they set one by the link. 409 when the address has an account.
pub async fn add(db: &Db, name: &str, email: &str, role: Role) -> Result<Added, AppError> {
    let mut check = Check::new();
    let name = check.text("name", name, Text::line(NAME_MAX_CHARS).required());
    let email = check.email("email", email, Text::line(EMAIL_MAX_CHARS).required());
    check.finish()?;
    let (Some(name), Some(email)) = (name, email) else {
        unreachable!("a finished check has both")
    };
    let email = normal_email(email);
    let sql = "INSERT INTO agents (name, email, role, created_at) VALUES ($1, $2, $3, $4) \
               ON CONFLICT (email) DO NOTHING RETURNING id";
    let id: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(name).bind(&email).bind(role.as_str()).bind(now_stamp())
        .fetch_optional(pool).await)?;
    let id = id.ok_or(AppError::Conflict(
        "an agent with this email already exists",
    ))?;
    let password_link = password_link(db, id).await?;
    let account = by_id(db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Added {
        account,
        password_link,
    })
}

/// Every agent, by name.
pub async fn list(db: &Db) -> Result<Vec<Account>, AppError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM agents a ORDER BY a.name, a.id");
    let rows: Vec<AccountRow> = with_pool!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    let accounts: anyhow::Result<Vec<Account>> = rows.into_iter().map(Account::try_from).collect();
    Ok(accounts?)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Account>, AppError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM agents a WHERE a.id = $1");
    let row: Option<AccountRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(Account::try_from).transpose()?)
}

/// The account of `email` and its password hash, if it has one.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<(Account, Option<String>)>, AppError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM agents a WHERE a.email = $1");
    #[derive(sqlx::FromRow)]
    struct Credentials {
        #[sqlx(flatten)]
        account: AccountRow,
        password_hash: Option<String>,
    }
    let row: Option<Credentials> = with_pool!(db, pool => sqlx::query_as(&sql).bind(normal_email(email)).fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let account = Account::try_from(row.account)?;
    Ok(Some((account, row.password_hash)))
}

/// Disables an agent: their sessions end at once (they are signed out of every console), their tokens stop
/// working, and they cannot sign in again. Their past actions keep their name.
pub async fn disable(db: &Db, email: &str) -> Result<Account, AppError> {
    let (account, _) = by_email(db, email).await?.ok_or(AppError::NotFound)?;
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE agents SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL")
            .bind(account.id).bind(now_stamp()).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM agent_sessions WHERE agent_id = $1").bind(account.id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM agent_password_links WHERE agent_id = $1").bind(account.id).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    by_id(db, account.id).await?.ok_or(AppError::NotFound)
}

/// A new one-time set-password link token for agent `id` (good for [`PASSWORD_LINK_SECONDS`]); links given
/// before keep working until used or expired.
pub async fn password_link(db: &Db, id: i64) -> Result<String, AppError> {
    let token = secret::new_secret(secret::Kind::PasswordLink);
    let sql = "INSERT INTO agent_password_links (digest, agent_id, expires_at) VALUES ($1, $2, $3)";
    with_pool!(db, pool => sqlx::query(sql)
        .bind(secret::digest(&token)).bind(id).bind(now_unix() + PASSWORD_LINK_SECONDS)
        .execute(pool).await.map(drop))?;
    Ok(token)
}

/// The set-password link for `token` on the desk at `base` (empty: a path). The token is in the fragment, which
/// browsers never send to a server or in a `Referer`.
pub fn password_link_url(base: &str, token: &str) -> String {
    format!(
        "{}/console/#set-password={token}",
        base.trim_end_matches('/')
    )
}

/// Sets the password of the agent whose link `token` is, and spends every link they had. 404 for a link that
/// is unknown, spent or expired, or whose agent is disabled; 422 for a password too weak.
pub async fn set_password(db: &Db, token: &str, new_password: &str) -> Result<Account, AppError> {
    let sql = "SELECT l.agent_id FROM agent_password_links l JOIN agents a ON a.id = l.agent_id \
               WHERE l.digest = $1 AND l.expires_at > $2 AND a.disabled_at IS NULL";
    let agent_id: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(secret::digest(token)).bind(now_unix()).fetch_optional(pool).await)?;
    let agent_id = agent_id.ok_or(AppError::NotFound)?;
    let account = by_id(db, agent_id).await?.ok_or(AppError::NotFound)?;
    let mut check = Check::new();
    password::check_strength(&mut check, "password", new_password, &account.email);
    check.finish()?;
    let hash = password::hash(new_password.to_owned()).await?;
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE agents SET password_hash = $2 WHERE id = $1")
            .bind(agent_id).bind(&hash).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM agent_password_links WHERE agent_id = $1").bind(agent_id).execute(&mut *tx).await?;
        // A new password ends every session the old one opened.
        sqlx::query("DELETE FROM agent_sessions WHERE agent_id = $1").bind(agent_id).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    by_id(db, agent_id).await?.ok_or(AppError::NotFound)
}

/// The agent whose `email` and `password` these are, if both are right and the agent is not disabled. Takes
/// as long whether or not the address has an account, so timing tells nothing.
pub async fn verify(db: &Db, email: &str, password: &str) -> Result<Option<Account>, AppError> {
    let found = by_email(db, email).await?;
    let hash = found.as_ref().and_then(|(_, hash)| hash.clone());
    let right = password::verify(password.to_owned(), hash).await?;
    Ok(found
        .map(|(account, _)| account)
        .filter(|account| right && !account.disabled))
}

/// One thing an agent did, for the record.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Action {
    pub id: i64,
    /// The agent; none for the service token.
    pub agent: Option<String>,
    /// `reply`, `status`, `assign`, `reroute`, `incident_open`, …
    pub action: String,
    /// What it was done to: a ticket id, an incident id, an agent's email.
    pub subject: Option<String>,
    #[schema(value_type = Object)]
    pub detail: Value,
    pub created_at: String,
}

/// Records that `actor` did `action` to `subject`. Called once the action is done.
pub async fn record(
    db: &Db,
    actor: &Actor,
    action: &str,
    subject: Option<&str>,
    detail: Value,
) -> Result<(), AppError> {
    let sql = "INSERT INTO agent_actions (agent_id, action, subject, detail, created_at) VALUES ($1, $2, $3, $4, $5)";
    with_pool!(db, pool => sqlx::query(sql)
        .bind(actor.agent_id()).bind(action).bind(subject).bind(detail.to_string()).bind(now_stamp())
        .execute(pool).await.map(drop))?;
    Ok(())
}

/// What was done to `subject`, oldest first, with each agent's name.
pub async fn actions_on(db: &Db, subject: &str) -> Result<Vec<Action>, AppError> {
    #[derive(sqlx::FromRow)]
    struct ActionRow {
        id: i64,
        agent: Option<String>,
        action: String,
        subject: Option<String>,
        detail: String,
        created_at: String,
    }
    let sql = "SELECT x.id, a.name AS agent, x.action, x.subject, x.detail, x.created_at FROM agent_actions x \
               LEFT JOIN agents a ON a.id = x.agent_id WHERE x.subject = $1 ORDER BY x.id";
    let rows: Vec<ActionRow> =
        with_pool!(db, pool => sqlx::query_as(sql).bind(subject).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|row| {
            let detail = serde_json::from_str(&row.detail)
                .map_err(|err| anyhow::anyhow!("unreadable agent_actions.detail: {err}"))?;
            Ok(Action {
                id: row.id,
                agent: row.agent,
                action: row.action,
                subject: row.subject,
                detail,
                created_at: row.created_at,
            })
        })
        .collect()
}
