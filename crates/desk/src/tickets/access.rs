//! Who may open a ticket's thread, with nothing stored that opens one.
//!
//! - The **access token** the filer keeps is derived, not stored: `hex(HMAC-SHA256(--token-key,
//!   "signpost/ticket-access/v1:" + id))`. Any replica computes it from the id, the idempotent replay and
//!   `/v1/me/tickets` hand it out again, and a copy of the database opens nothing.
//! - A **stream ticket** lets the browser open the thread's event stream, whose URL cannot carry headers
//!   (`EventSource`): obtained with the access token in a header, good once, for a minute, stored only as its
//!   SHA-256 digest. So what lands in access logs is spent.
//! - A **resume id** is sent as the `id` of every stream event. The browser sends it back in `Last-Event-ID`
//!   when it reconnects (a restarted desk, a dropped connection), so a stream resumes without a new stream
//!   ticket; it names its ticket and its expiry, signed with the token key, and travels only in headers.

use super::store;
use crate::clock::{now_millis, stamp_millis};
use crate::config::{Secret, SecretTooShort};
use crate::db::Db;
use crate::digest::{constant_time_eq, hex, hmac_sha256, sha256_hex};
use crate::error::AppError;
use signpost_core::tickets::{StreamTicket, parse_ticket_id, ticket_id};

/// How long a stream ticket may wait before it is used.
pub const STREAM_TICKET_SECONDS: i64 = 60;

/// How long a resume id stays good. Every event carries a fresh one.
pub const RESUME_SECONDS: i64 = 24 * 3_600;

/// The key ticket access tokens are derived from (`--token-key`). `Debug` never shows it.
#[derive(Clone, Debug)]
pub struct TokenKey(Secret);

impl TokenKey {
    /// The key, if it is strong enough ([`Secret::strong`]).
    pub fn new(secret: impl Into<Secret>) -> Result<TokenKey, SecretTooShort> {
        Ok(TokenKey(secret.into().strong()?))
    }

    fn sign(&self, purpose: &str, input: &str) -> [u8; 32] {
        let message = format!("signpost/{purpose}/v1:{input}");
        hmac_sha256(self.0.expose().as_bytes(), message.as_bytes())
    }

    /// The access token of ticket `number`: 64 hex digits, 256 bits.
    pub fn access_token(&self, number: i64) -> String {
        hex(&self.sign("ticket-access", &ticket_id(number)))
    }

    /// What the insights reports key a verified user by: 128 bits of a keyed hash of their id, the same on
    /// every replica, from which the id cannot be recovered.
    pub fn user_key(&self, user_id: &str) -> String {
        hex(&self.sign("insights-user", user_id)[..16])
    }

    /// A resume id for ticket `number`'s stream, good until `expires_unix` (seconds since 1970).
    pub fn resume_id(&self, number: i64, expires_unix: i64) -> String {
        let signature = self.sign(
            "stream-resume",
            &format!("{}:{expires_unix}", ticket_id(number)),
        );
        format!("{expires_unix}.{}", hex(&signature))
    }

    /// Whether `presented` is a resume id for ticket `number` still good at `now_unix`.
    fn resumes(&self, number: i64, presented: &str, now_unix: i64) -> bool {
        let Some(expires) = presented
            .split_once('.')
            .and_then(|(expires, _)| expires.parse::<i64>().ok())
        else {
            return false;
        };
        let expected = self.resume_id(number, expires);
        constant_time_eq(presented.as_bytes(), expected.as_bytes()) && now_unix < expires
    }
}

/// The ticket number behind `id` when `presented` is its access token. No token at all is 401; a wrong token,
/// or an id that is no ticket, is 404 either way, so nobody learns which ids exist. The check needs no database.
pub fn number_held(key: &TokenKey, id: &str, presented: Option<&str>) -> Result<i64, AppError> {
    let presented = presented
        .filter(|token| !token.is_empty())
        .ok_or(AppError::Unauthorized)?;
    let number = parse_ticket_id(id).ok_or(AppError::NotFound)?;
    if constant_time_eq(presented.as_bytes(), key.access_token(number).as_bytes()) {
        Ok(number)
    } else {
        Err(AppError::NotFound)
    }
}

/// A stream ticket for ticket `number`, good once within [`STREAM_TICKET_SECONDS`] from now.
pub async fn issue_stream_ticket(db: &Db, number: i64) -> Result<StreamTicket, AppError> {
    let now_millis = now_millis();
    let ticket = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let expires_at = stamp_millis(now_millis + STREAM_TICKET_SECONDS * 1_000);
    store::add_stream_ticket(
        db,
        &sha256_hex(ticket.as_bytes()),
        number,
        &expires_at,
        &stamp_millis(now_millis),
    )
    .await?;
    Ok(StreamTicket { ticket, expires_at })
}

/// How a stream request proves it may follow ticket `id`: a resume id it was given (the browser's
/// `Last-Event-ID`), or else a stream ticket, which this spends. Without either, 401; with a wrong, spent or
/// expired one, 404 (as for a ticket that does not exist).
pub async fn open_stream(
    db: &Db,
    key: &TokenKey,
    id: &str,
    stream_ticket: Option<&str>,
    resume: Option<&str>,
) -> Result<i64, AppError> {
    open_stream_at(db, key, id, stream_ticket, resume, now_millis()).await
}

/// [`open_stream`] as of `now_millis`.
pub async fn open_stream_at(
    db: &Db,
    key: &TokenKey,
    id: &str,
    stream_ticket: Option<&str>,
    resume: Option<&str>,
    now_millis: i64,
) -> Result<i64, AppError> {
    let stream_ticket = stream_ticket.filter(|t| !t.is_empty());
    let resume = resume.filter(|r| !r.is_empty());
    if stream_ticket.is_none() && resume.is_none() {
        return Err(AppError::Unauthorized);
    }
    let number = parse_ticket_id(id).ok_or(AppError::NotFound)?;
    if resume.is_some_and(|resume| key.resumes(number, resume, now_millis.div_euclid(1_000))) {
        return Ok(number);
    }
    let Some(stream_ticket) = stream_ticket else {
        return Err(AppError::NotFound);
    };
    let digest = sha256_hex(stream_ticket.as_bytes());
    if store::spend_stream_ticket(db, &digest, number, &stamp_millis(now_millis)).await? {
        Ok(number)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> TokenKey {
        TokenKey::new("k".repeat(32)).unwrap()
    }

    #[test]
    fn access_tokens_are_derived_per_ticket_and_key() {
        let token = key().access_token(1042);
        assert_eq!(token.len(), 64);
        assert_eq!(token, key().access_token(1042), "the same every time");
        assert_ne!(token, key().access_token(1043));
        let other = TokenKey::new("o".repeat(32)).unwrap();
        assert_ne!(token, other.access_token(1042));
        // An independent computation: HMAC-SHA256(key, "signpost/ticket-access/v1:SP-1042").
        assert_eq!(
            token,
            hex(&hmac_sha256(
                "k".repeat(32).as_bytes(),
                b"signpost/ticket-access/v1:SP-1042"
            ))
        );
        assert!(!format!("{:?}", key()).contains("kkkk"));
        assert!(TokenKey::new("short").is_err());
    }

    #[test]
    fn only_the_right_token_opens_a_ticket() {
        let token = key().access_token(1042);
        assert_eq!(number_held(&key(), "SP-1042", Some(&token)).unwrap(), 1042);
        for (id, presented) in [
            ("SP-1042", None),
            ("SP-1042", Some("")),
            ("SP-99999", None),
            ("nonsense", None),
        ] {
            assert!(
                matches!(
                    number_held(&key(), id, presented),
                    Err(AppError::Unauthorized)
                ),
                "{id} {presented:?}"
            );
        }
        let other = key().access_token(1043);
        for (id, presented) in [
            ("SP-1042", other.as_str()),
            ("SP-1043", token.as_str()),
            ("SP-99999", token.as_str()),
            ("nonsense", token.as_str()),
        ] {
            assert!(
                matches!(
                    number_held(&key(), id, Some(presented)),
                    Err(AppError::NotFound)
                ),
                "{id}"
            );
        }
    }

    #[test]
    fn resume_ids_name_their_ticket_and_expire() {
        let now = 1_772_818_200;
        let id = key().resume_id(1042, now + 10);
        assert!(key().resumes(1042, &id, now));
        assert!(!key().resumes(1042, &id, now + 10), "expired");
        assert!(!key().resumes(1043, &id, now), "another ticket's");
        let stretched = id.replacen(&(now + 10).to_string(), &(now + 99_999).to_string(), 1);
        assert!(
            !key().resumes(1042, &stretched, now),
            "the expiry is signed"
        );
        for junk in ["", ".", "x.y", "1.", &format!("{now}")] {
            assert!(!key().resumes(1042, junk, now), "{junk:?}");
        }
    }
}
