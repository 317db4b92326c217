//! Verified identity. The marketplace's backend signs a JWT (HS256, the site's `--identity-secret`) naming the
//! user; the page hands it to the widget with `Signpost('identify', { token })`, and the widget sends it in the
//! `X-Signpost-Identity` header. The desk checks it here and attaches the user to their tickets. A token that is
//! forged, expired or malformed never breaks a request that works anonymously: it is simply not believed.
//!
//! [`verify`] says exactly what is wrong with a token, for the widget and for the site's developers
//! (`POST /v1/identity`, in `routes::identity`). [`mint`] makes tokens the way a marketplace would, for the CLI
//! and the tests. The format is described for marketplaces in `docs/identity.md`.

use crate::clock::{now_unix, stamp};
use crate::config::{Secret, SecretTooShort};
use crate::digest::constant_time_eq;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde_json::{Map, Value};
use signpost_core::check::{Check, Text};
use signpost_core::identity::{Identity, IdentityCheck, NAME_MAX_CHARS, Role, USER_ID_MAX_CHARS};
use signpost_core::tickets::EMAIL_MAX_CHARS;
use std::fmt;

/// Longest token accepted, in bytes: a few claims fit in a fraction of it.
pub const MAX_TOKEN_BYTES: usize = 4 * 1024;
/// How far the marketplace's clock may be from ours when checking `exp` and `nbf`.
pub const LEEWAY_SECONDS: i64 = 60;
/// The longest lifetime a token may claim unless the desk is told otherwise (`--identity-max-ttl-seconds`).
pub const DEFAULT_MAX_TTL_SECONDS: i64 = 86_400;

/// The site's shared HS256 secret (its `Debug` never shows it), and the longest lifetime a token signed with it
/// may claim: a leaked token is a bearer credential until it expires, so the desk refuses long-lived ones.
#[derive(Clone, Debug)]
pub struct IdentitySecret {
    secret: Secret,
    max_ttl_seconds: i64,
}

impl IdentitySecret {
    /// The secret, if it is strong enough ([`Secret::strong`]), accepting tokens good for up to a day.
    pub fn new(secret: impl Into<Secret>) -> Result<IdentitySecret, SecretTooShort> {
        Ok(IdentitySecret {
            secret: secret.into().strong()?,
            max_ttl_seconds: DEFAULT_MAX_TTL_SECONDS,
        })
    }

    /// The same secret, accepting tokens good for up to `seconds`.
    pub fn with_max_ttl(self, seconds: i64) -> IdentitySecret {
        IdentitySecret {
            max_ttl_seconds: seconds,
            ..self
        }
    }

    /// HMAC-SHA256 of `input` under this secret.
    fn sign(&self, input: &[u8]) -> [u8; 32] {
        crate::digest::hmac_sha256(self.secret.expose().as_bytes(), input)
    }
}

/// A part of a token, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Header,
    Claims,
    Signature,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Claims => "claims",
            Part::Signature => "signature",
        })
    }
}

/// Why a token is not believed. The message is sent to the caller as is: it names what to fix, never the
/// secret or the signature we expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("no identity token: send it in the X-Signpost-Identity header")]
    Missing,
    #[error("the token is {0} bytes long; at most 4096 are accepted")]
    TooLong(usize),
    #[error(
        "the token is not a JWT: it must be three base64url parts joined by dots (header.claims.signature)"
    )]
    NotThreeParts,
    #[error("the token's {0} part is not base64url (URL-safe alphabet, no padding)")]
    Base64(Part),
    #[error("the token's {part} part is not a JSON object: {reason}")]
    Json { part: Part, reason: String },
    #[error("the header names no alg; use HS256")]
    NoAlgorithm,
    #[error("alg {0} is not accepted; use HS256")]
    Algorithm(String),
    #[error("the header lists critical extensions (crit), which are not supported")]
    Critical,
    #[error("signature does not match")]
    Signature,
    #[error("expired at {0}")]
    Expired(String),
    #[error("not valid before {0}")]
    NotYetValid(String),
    #[error(
        "the token is good for {seconds} seconds ({measured}); at most {max} are accepted: mint short-lived tokens"
    )]
    LivesTooLong {
        seconds: i64,
        measured: &'static str,
        max: i64,
    },
    #[error("claim `{claim}`: {problem}")]
    Claim { claim: String, problem: String },
}

impl IdentityError {
    fn claim(claim: &str, problem: impl Into<String>) -> IdentityError {
        IdentityError::Claim {
            claim: claim.to_owned(),
            problem: problem.into(),
        }
    }
}

/// A token that checked out: the user it names and when it stops being believed (seconds since 1970).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub identity: Identity,
    pub expires_at: i64,
}

impl Verified {
    /// The `POST /v1/identity` answer.
    pub fn check(&self) -> IdentityCheck {
        IdentityCheck {
            identity: self.identity.clone(),
            expires_at: stamp(self.expires_at),
        }
    }
}

/// The identity attached to a ticket, as agents and the site's webhook see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TicketIdentity {
    #[serde(flatten)]
    pub identity: Identity,
    /// Always `true`: only identities from a verified token are attached.
    pub verified: bool,
}

/// Checks `token` against `secret` now.
pub fn verify(token: &str, secret: &IdentitySecret) -> Result<Verified, IdentityError> {
    verify_at(token, secret, now_unix())
}

/// Checks `token` against `secret` as of `now` (seconds since 1970). The signature is checked before anything
/// the claims say is looked at.
pub fn verify_at(
    token: &str,
    secret: &IdentitySecret,
    now: i64,
) -> Result<Verified, IdentityError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(IdentityError::TooLong(token.len()));
    }
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(IdentityError::NotThreeParts);
    };

    let header_fields = json_object(Part::Header, header)?;
    if header_fields.contains_key("crit") {
        return Err(IdentityError::Critical);
    }
    match header_fields.get("alg") {
        Some(Value::String(alg)) if alg == "HS256" => {}
        Some(Value::String(alg)) => return Err(IdentityError::Algorithm(shorten(alg))),
        Some(other) => return Err(IdentityError::Algorithm(shorten(&other.to_string()))),
        None => return Err(IdentityError::NoAlgorithm),
    }
    let presented = decode(Part::Signature, signature)?;
    let signing_input = &token[..header.len() + 1 + claims.len()];
    if !constant_time_eq(&presented, &secret.sign(signing_input.as_bytes())) {
        return Err(IdentityError::Signature);
    }

    let claims = json_object(Part::Claims, claims)?;
    let expires_at = time_claim(&claims, "exp")?.ok_or_else(|| {
        IdentityError::claim(
            "exp",
            "is required (seconds since 1970 when the token expires)",
        )
    })?;
    if now >= expires_at.saturating_add(LEEWAY_SECONDS) {
        return Err(IdentityError::Expired(stamp(expires_at)));
    }
    if let Some(not_before) = time_claim(&claims, "nbf")?
        && now < not_before.saturating_sub(LEEWAY_SECONDS)
    {
        return Err(IdentityError::NotYetValid(stamp(not_before)));
    }
    let lifetime = match time_claim(&claims, "iat")? {
        Some(issued_at) => (expires_at.saturating_sub(issued_at), "exp − iat"),
        None => (
            expires_at
                .saturating_sub(now)
                .saturating_sub(LEEWAY_SECONDS),
            "exp − now, as it has no iat",
        ),
    };
    if lifetime.0 > secret.max_ttl_seconds {
        return Err(IdentityError::LivesTooLong {
            seconds: lifetime.0,
            measured: lifetime.1,
            max: secret.max_ttl_seconds,
        });
    }
    let identity = identity_from(&claims)?;
    check_identity(&identity)?;
    Ok(Verified {
        identity,
        expires_at,
    })
}

/// Every rule an identity must meet, whichever way it was made: what [`verify_at`] applies to a token's
/// claims, and what the CLI checks before minting.
pub fn check_identity(identity: &Identity) -> Result<(), IdentityError> {
    let mut check = Check::new();
    check.text(
        "sub",
        &identity.user_id,
        Text::line(USER_ID_MAX_CHARS).required(),
    );
    check.email(
        "email",
        &identity.email,
        Text::line(EMAIL_MAX_CHARS).required(),
    );
    check.optional_text("name", identity.name.as_deref(), Text::line(NAME_MAX_CHARS));
    match check.into_problems().into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(IdentityError::Claim {
            claim: problem.field,
            problem: problem.message,
        }),
    }
}

/// A signed token for `identity`, issued at `issued_at` and good for `ttl_seconds`: what a marketplace's
/// backend makes (see `docs/identity.md`).
pub fn mint(
    secret: &IdentitySecret,
    identity: &Identity,
    issued_at: i64,
    ttl_seconds: i64,
) -> String {
    let claims = Claims {
        sub: &identity.user_id,
        email: &identity.email,
        name: identity.name.as_deref(),
        role: identity.role.as_str(),
        iat: issued_at,
        exp: issued_at.saturating_add(ttl_seconds),
    };
    let claims = serde_json::to_vec(&claims).expect("strings and numbers serialise");
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(claims);
    let signing_input = format!("{header}.{claims}");
    let signature = URL_SAFE_NO_PAD.encode(secret.sign(signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

/// The claims [`mint`] writes, in this order.
#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    role: &'static str,
    iat: i64,
    exp: i64,
}

fn decode(part: Part, text: &str) -> Result<Vec<u8>, IdentityError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| IdentityError::Base64(part))
}

fn json_object(part: Part, text: &str) -> Result<Map<String, Value>, IdentityError> {
    serde_json::from_slice(&decode(part, text)?).map_err(|err| IdentityError::Json {
        part,
        reason: err.to_string(),
    })
}

/// An algorithm name as the caller sent it, cut short enough to quote in a message.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A NumericDate claim (seconds since 1970; fractions are allowed and rounded down), if present.
fn time_claim(
    claims: &Map<String, Value>,
    claim: &'static str,
) -> Result<Option<i64>, IdentityError> {
    let Some(value) = claims.get(claim) else {
        return Ok(None);
    };
    let seconds = value.as_i64().or_else(|| {
        value
            .as_f64()
            .filter(|s| s.is_finite())
            .map(|s| s.floor() as i64)
    });
    seconds
        .map(Some)
        .ok_or_else(|| IdentityError::claim(claim, "must be a number of seconds since 1970"))
}

/// A string claim; `None` when absent or `null`.
fn string_claim<'a>(
    claims: &'a Map<String, Value>,
    claim: &'static str,
) -> Result<Option<&'a str>, IdentityError> {
    match claims.get(claim) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(IdentityError::claim(claim, "must be a string")),
    }
}

fn identity_from(claims: &Map<String, Value>) -> Result<Identity, IdentityError> {
    let required = |claim: &'static str| {
        string_claim(claims, claim)?.ok_or_else(|| IdentityError::claim(claim, "required"))
    };
    let user_id = required("sub")?.to_owned();
    let email = required("email")?.trim().to_owned();
    let name = string_claim(claims, "name")?
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    let role = match claims.get("role") {
        Some(Value::String(role)) => Role::from_name(role),
        _ => None,
    }
    .ok_or_else(|| IdentityError::claim("role", "must be buyer or seller"))?;
    Ok(Identity {
        user_id,
        email,
        name,
        role,
    })
}

/// The identity a request's token names, for endpoints that also work anonymously: `None` when there is no
/// token, the desk has no secret, or the token is not believed (which is logged, not refused).
pub fn believed(token: Option<&str>, secret: Option<&IdentitySecret>) -> Option<Verified> {
    let token = token?;
    let Some(secret) = secret else {
        tracing::debug!("identity header ignored: the desk has no --identity-secret");
        return None;
    };
    verify(token, secret)
        .inspect_err(
            |err| tracing::debug!(reason = %err, "identity header not believed; anonymous"),
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use serde_json::json;
    use sha2::Sha256;

    const NOW: i64 = 1_772_818_200; // 2026-03-06T17:30:00Z
    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn secret() -> IdentitySecret {
        IdentitySecret::new(SECRET).unwrap()
    }

    fn lena() -> Identity {
        Identity {
            user_id: "u-1".into(),
            email: "lena@example.com".into(),
            name: Some("Lena Berg".into()),
            role: Role::Seller,
        }
    }

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A token put together piece by piece, signed with `key`, without going through [`mint`].
    fn hand_made(header: &str, claims: &str, key: &[u8]) -> String {
        let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(input.as_bytes());
        format!("{input}.{}", b64(&mac.finalize().into_bytes()))
    }

    /// A token signed with the right secret whose claims are `claims`.
    fn signed(claims: &str) -> String {
        hand_made(r#"{"alg":"HS256","typ":"JWT"}"#, claims, SECRET.as_bytes())
    }

    fn rejection(token: &str) -> String {
        verify_at(token, &secret(), NOW).unwrap_err().to_string()
    }

    #[test]
    fn a_minted_token_verifies_to_the_same_identity() {
        let token = mint(&secret(), &lena(), NOW, 3_600);
        let verified = verify_at(&token, &secret(), NOW).unwrap();
        assert_eq!(verified.identity, lena());
        assert_eq!(verified.expires_at, NOW + 3_600);
        assert_eq!(verified.check().expires_at, "2026-03-06T18:30:00.000Z");
    }

    #[test]
    fn a_hand_made_token_is_read_like_a_minted_one() {
        // Other key order, spacing, no `typ`, fractional times: what other JWT libraries may produce.
        let token = hand_made(
            r#"{ "alg": "HS256" }"#,
            r#"{"role":"seller","exp":1772821800.5,"name":"Lena Berg","iat":1772818200,"email":"lena@example.com","sub":"u-1"}"#,
            SECRET.as_bytes(),
        );
        assert_eq!(
            verify_at(&token, &secret(), NOW).unwrap(),
            verify_at(&mint(&secret(), &lena(), NOW, 3_600), &secret(), NOW).unwrap()
        );
    }

    #[test]
    fn minting_matches_an_independent_implementation() {
        // Computed with Python's hmac, hashlib and base64 modules from the same header, claims and secret.
        let expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
            eyJzdWIiOiJ1LTEiLCJlbWFpbCI6ImxlbmFAZXhhbXBsZS5jb20iLCJuYW1lIjoiTGVuYSBCZXJnIiwicm9sZSI6InNlbGxlciIsImlhdCI6MTc3MjgxODIwMCwiZXhwIjoxNzcyODIxODAwfQ.\
            6H80CLncM-k6xjyQ6JVdzWVw3TOpR_k74LBSgwuyDOI";
        assert_eq!(mint(&secret(), &lena(), NOW, 3_600), expected);
    }

    #[test]
    fn expiry_allows_a_minute_of_clock_difference() {
        let token = mint(&secret(), &lena(), NOW - 3_600, 3_600); // exp = NOW
        assert!(verify_at(&token, &secret(), NOW + 59).is_ok());
        assert_eq!(
            verify_at(&token, &secret(), NOW + 60).unwrap_err(),
            IdentityError::Expired("2026-03-06T17:30:00.000Z".into())
        );
        assert_eq!(
            verify_at(&token, &secret(), NOW + 60)
                .unwrap_err()
                .to_string(),
            "expired at 2026-03-06T17:30:00.000Z"
        );
    }

    #[test]
    fn not_before_is_honoured_with_the_same_leeway() {
        let token = signed(&format!(
            r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":{},"nbf":{}}}"#,
            NOW + 7_200,
            NOW + 600
        ));
        assert_eq!(
            rejection(&token),
            "not valid before 2026-03-06T17:40:00.000Z"
        );
        assert!(verify_at(&token, &secret(), NOW + 540).is_ok());
        assert!(verify_at(&token, &secret(), NOW + 539).is_err());
    }

    #[test]
    fn signatures_must_match_the_secret() {
        let token = mint(&secret(), &lena(), NOW, 3_600);
        let other = IdentitySecret::new("another secret of thirty-two bytes!!").unwrap();
        assert_eq!(
            verify_at(&token, &other, NOW).unwrap_err(),
            IdentityError::Signature
        );
        // One character of the signature changed.
        let (unsigned, signature) = token.rsplit_once('.').unwrap();
        let first = if signature.starts_with('A') { 'B' } else { 'A' };
        let altered = format!("{unsigned}.{first}{}", &signature[1..]);
        assert_eq!(rejection(&altered), "signature does not match");

        // Claims changed after signing: a buyer making themselves someone else.
        let (head, rest) = token.split_once('.').unwrap();
        let signature = rest.rsplit_once('.').unwrap().1;
        let forged_claims = b64(format!(
            r#"{{"sub":"u-2","email":"lena@example.com","role":"seller","exp":{}}}"#,
            NOW + 3_600
        )
        .as_bytes());
        let forged = format!("{head}.{forged_claims}.{signature}");
        assert_eq!(rejection(&forged), "signature does not match");
        // A signature of the wrong length, or none.
        let short = format!("{unsigned}.{}", b64(&[0; 16]));
        assert_eq!(rejection(&short), "signature does not match");
        assert_eq!(
            rejection(&format!("{unsigned}.")),
            "signature does not match"
        );
    }

    #[test]
    fn only_hs256_is_accepted() {
        let claims = format!(
            r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":{}}}"#,
            NOW + 60
        );
        let none = format!(
            "{}.{}.",
            b64(br#"{"alg":"none","typ":"JWT"}"#),
            b64(claims.as_bytes())
        );
        assert_eq!(rejection(&none), "alg none is not accepted; use HS256");
        for (header, message) in [
            (r#"{"alg":"RS256"}"#, "alg RS256 is not accepted; use HS256"),
            (r#"{"alg":"hs256"}"#, "alg hs256 is not accepted; use HS256"),
            (r#"{"alg":"HS512"}"#, "alg HS512 is not accepted; use HS256"),
            (r#"{"alg":256}"#, "alg 256 is not accepted; use HS256"),
            (r#"{"typ":"JWT"}"#, "the header names no alg; use HS256"),
            (
                r#"{"alg":"HS256","crit":["exp"]}"#,
                "the header lists critical extensions (crit), which are not supported",
            ),
        ] {
            // Even correctly signed with the secret, these headers are refused.
            let token = hand_made(header, &claims, SECRET.as_bytes());
            assert_eq!(rejection(&token), message, "{header}");
        }
        let long = hand_made(
            &format!(r#"{{"alg":"{}"}}"#, "X".repeat(100)),
            &claims,
            b"k",
        );
        assert_eq!(
            rejection(&long),
            format!("alg {}… is not accepted; use HS256", "X".repeat(40))
        );
    }

    #[test]
    fn malformed_tokens_say_what_is_wrong() {
        let good = mint(&secret(), &lena(), NOW, 3_600);
        let parts: Vec<&str> = good.split('.').collect();
        let not_jwt = "the token is not a JWT: it must be three base64url parts joined by dots (header.claims.signature)";
        for token in ["", "abc", "a.b", &format!("{good}.x"), "?"] {
            assert_eq!(rejection(token), not_jwt, "{token:?}");
        }
        assert_eq!(
            rejection(&format!("{}=.{}.{}", parts[0], parts[1], parts[2])),
            "the token's header part is not base64url (URL-safe alphabet, no padding)"
        );
        assert_eq!(
            rejection(&format!("{}.{}.{}+", parts[0], parts[1], parts[2])),
            "the token's signature part is not base64url (URL-safe alphabet, no padding)"
        );
        let header_not_json = format!("{}.{}.{}", b64(b"alg=HS256"), parts[1], parts[2]);
        assert!(
            rejection(&header_not_json)
                .starts_with("the token's header part is not a JSON object: "),
            "{}",
            rejection(&header_not_json)
        );
        let claims_array = signed("[1,2]");
        assert!(
            rejection(&claims_array).starts_with("the token's claims part is not a JSON object")
        );
        let claims_not_base64 = format!("{}.{}!.{}", parts[0], parts[1], parts[2]);
        // The signature covers the claims as sent, so a damaged claims part fails the signature first.
        assert_eq!(rejection(&claims_not_base64), "signature does not match");
        let huge = format!("{}.{}.{}", parts[0], "A".repeat(MAX_TOKEN_BYTES), parts[2]);
        assert_eq!(
            rejection(&huge),
            format!(
                "the token is {} bytes long; at most 4096 are accepted",
                huge.len()
            )
        );
    }

    #[test]
    fn every_claim_is_checked() {
        let exp = NOW + 600;
        for (claims, message) in [
            (
                r#"{"sub":"u-1","email":"a@b.co","role":"buyer"}"#.to_owned(),
                "claim `exp`: is required (seconds since 1970 when the token expires)",
            ),
            (
                format!(r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":"{exp}"}}"#),
                "claim `exp`: must be a number of seconds since 1970",
            ),
            (
                format!(
                    r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":{exp},"iat":"now"}}"#
                ),
                "claim `iat`: must be a number of seconds since 1970",
            ),
            (
                format!(r#"{{"email":"a@b.co","role":"buyer","exp":{exp}}}"#),
                "claim `sub`: required",
            ),
            (
                format!(r#"{{"sub":42,"email":"a@b.co","role":"buyer","exp":{exp}}}"#),
                "claim `sub`: must be a string",
            ),
            (
                format!(r#"{{"sub":"","email":"a@b.co","role":"buyer","exp":{exp}}}"#),
                "claim `sub`: required",
            ),
            (
                format!(
                    r#"{{"sub":"{}","email":"a@b.co","role":"buyer","exp":{exp}}}"#,
                    "u".repeat(129)
                ),
                "claim `sub`: at most 128 characters",
            ),
            (
                format!(r#"{{"sub":"u\n1","email":"a@b.co","role":"buyer","exp":{exp}}}"#),
                "claim `sub`: must be a single line",
            ),
            (
                format!(r#"{{"sub":"u-1","role":"buyer","exp":{exp}}}"#),
                "claim `email`: required",
            ),
            (
                format!(r#"{{"sub":"u-1","email":"lena@example","role":"buyer","exp":{exp}}}"#),
                "claim `email`: doesn't look like an email address (name@example.com)",
            ),
            (
                format!(
                    r#"{{"sub":"u-1","email":"{}@example.com","role":"buyer","exp":{exp}}}"#,
                    "a".repeat(243)
                ),
                "claim `email`: at most 254 characters",
            ),
            (
                format!(
                    r#"{{"sub":"u-1","email":"a@b.co","name":"{}","role":"buyer","exp":{exp}}}"#,
                    "n".repeat(121)
                ),
                "claim `name`: at most 120 characters",
            ),
            (
                format!(
                    r#"{{"sub":"u-1","email":"a@b.co","name":"Lena\u0007","role":"buyer","exp":{exp}}}"#
                ),
                "claim `name`: contains a control character (U+0007); remove it",
            ),
            (
                format!(r#"{{"sub":"u-1","email":"a@b.co","name":7,"role":"buyer","exp":{exp}}}"#),
                "claim `name`: must be a string",
            ),
            (
                format!(r#"{{"sub":"u-1","email":"a@b.co","role":"admin","exp":{exp}}}"#),
                "claim `role`: must be buyer or seller",
            ),
            (
                format!(r#"{{"sub":"u-1","email":"a@b.co","exp":{exp}}}"#),
                "claim `role`: must be buyer or seller",
            ),
        ] {
            assert_eq!(rejection(&signed(&claims)), message, "{claims}");
        }
    }

    #[test]
    fn optional_claims_may_be_left_out_and_text_is_tidied() {
        let token = signed(&format!(
            r#"{{"sub":"u-9","email":" ada@example.com ","name":"  ","role":"buyer","exp":{}}}"#,
            NOW + 600
        ));
        let identity = verify_at(&token, &secret(), NOW).unwrap().identity;
        assert_eq!(
            identity,
            Identity {
                user_id: "u-9".into(),
                email: "ada@example.com".into(),
                name: None,
                role: Role::Buyer,
            }
        );
        let named = signed(&format!(
            r#"{{"sub":"u-9","email":"ada@example.com","name":"{}","role":"buyer","exp":{}}}"#,
            "é".repeat(120),
            NOW + 600
        ));
        assert!(
            verify_at(&named, &secret(), NOW).is_ok(),
            "120 characters, not bytes"
        );
    }

    #[test]
    fn tokens_good_for_more_than_a_day_are_refused() {
        let day = mint(&secret(), &lena(), NOW, DEFAULT_MAX_TTL_SECONDS);
        assert!(verify_at(&day, &secret(), NOW).is_ok());
        let year = mint(&secret(), &lena(), NOW - 3_600, 365 * 86_400);
        assert_eq!(
            rejection(&year),
            "the token is good for 31536000 seconds (exp − iat); at most 86400 are accepted: mint short-lived tokens"
        );
        // Still refused long after it was issued, when what is left of it is short.
        let issued = NOW - 365 * 86_400 + 600;
        let nearly_over = mint(&secret(), &lena(), issued, 365 * 86_400);
        assert!(rejection(&nearly_over).starts_with("the token is good for 31536000 seconds"));
        // Without iat, from now.
        let no_iat = signed(&format!(
            r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":{}}}"#,
            NOW + 2 * 86_400
        ));
        assert!(rejection(&no_iat).contains("(exp − now, as it has no iat)"));
        let soon = signed(&format!(
            r#"{{"sub":"u-1","email":"a@b.co","role":"buyer","exp":{}}}"#,
            NOW + 86_400
        ));
        assert!(verify_at(&soon, &secret(), NOW).is_ok());
        // The site may allow less.
        let hour = secret().with_max_ttl(3_600);
        assert!(verify_at(&mint(&hour, &lena(), NOW, 3_600), &hour, NOW).is_ok());
        assert!(verify_at(&mint(&hour, &lena(), NOW, 3_601), &hour, NOW).is_err());
    }

    #[test]
    fn secrets_are_at_least_32_bytes_and_never_printed() {
        assert_eq!(
            IdentitySecret::new("short").unwrap_err().to_string(),
            "it is 5 bytes long; it must be at least 32 bytes (for example the output of `openssl rand -hex 32`)"
        );
        assert!(IdentitySecret::new("x".repeat(31)).is_err());
        let secret = IdentitySecret::new(SECRET).unwrap();
        assert!(!format!("{secret:?}").contains("0123"));
    }

    #[test]
    fn identities_on_tickets_are_marked_verified() {
        let value = serde_json::to_value(TicketIdentity {
            identity: lena(),
            verified: true,
        })
        .unwrap();
        assert_eq!(
            value,
            json!({"user_id": "u-1", "email": "lena@example.com", "name": "Lena Berg", "role": "seller",
                   "verified": true})
        );
    }
}
