//! Agents' passwords: Argon2id (RFC 9106, with the OWASP-recommended 19 MiB, 2 passes, 1 lane), hashed on a
//! blocking thread so a sign-in never stalls other requests.

use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use signpost_core::check::Check;
use signpost_core::wire::Problem;
use std::sync::LazyLock;

/// Shortest password accepted (NIST SP 800-63B asks for at least 8; a support desk holds buyers' data).
pub const MIN_CHARS: usize = 12;
/// Longest: Argon2 takes any length, but hashing a megabyte on every sign-in attempt would be a cheap attack.
pub const MAX_CHARS: usize = 256;

/// Records what makes `password` unacceptable for the agent with `email`.
pub fn check_strength(check: &mut Check, field: &str, password: &str, email: &str) {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        check.add(field, Problem::TooShort { min: MIN_CHARS });
    } else if chars > MAX_CHARS {
        check.add(field, Problem::TooLong { max: MAX_CHARS });
    } else if password.trim().to_lowercase() == email.trim().to_lowercase() {
        check.add(field, Problem::InvalidValue);
    }
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password` with a new random salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    let hashed = tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
            .map_err(|err| anyhow::anyhow!("salt: {err}"))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| anyhow::anyhow!("hashing a password: {err}"))
    })
    .await
    .map_err(anyhow::Error::from)??;
    Ok(hashed)
}

/// A hash of nothing anyone knows, checked when an address has no account or no password, so a wrong
/// address takes as long as a wrong password.
static DECOY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::encode_b64(&[7; 16]).expect("16 bytes make a salt");
    Argon2::default()
        .hash_password(uuid::Uuid::new_v4().as_bytes(), &salt)
        .expect("the default parameters hash")
        .to_string()
});

/// Whether `password` is the one `stored` was made from; false without a stored hash (after the same work).
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let right = tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DECOY.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            tracing::error!("an agent's stored password hash is unreadable");
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_checks_its_own_password_only() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(
            verify("correct horse battery".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("correct horse batterY".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("".into(), None).await.unwrap());
        let again = hash("correct horse battery".into()).await.unwrap();
        assert_ne!(stored, again, "each hash has its own salt");
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        let problems = |password: &str| {
            let mut check = Check::new();
            check_strength(&mut check, "password", password, "Ana@Example.com");
            check
                .into_problems()
                .into_iter()
                .map(|p| p.problem)
                .collect::<Vec<_>>()
        };
        assert_eq!(problems("short"), vec![Problem::TooShort { min: 12 }]);
        assert_eq!(
            problems(&"x".repeat(257)),
            vec![Problem::TooLong { max: 256 }]
        );
        assert_eq!(problems("ana@example.com"), vec![Problem::InvalidValue]);
        assert!(problems("a long passphrase").is_empty());
    }
}
