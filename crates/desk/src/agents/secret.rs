//! The random secrets agents hold (session cookies, API tokens, set-password links) and the digests they are
//! stored and looked up by. A prefix names each kind, so a token pasted in the wrong place is recognised.

use crate::digest::sha256_hex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Session,
    ApiToken,
    PasswordLink,
}

impl Kind {
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Session => "sps_",
            Kind::ApiToken => "spt_",
            Kind::PasswordLink => "spl_",
        }
    }
}

/// A new secret of `kind`: its prefix and 244 random bits (two v4 UUIDs, from the OS's generator).
pub fn new_secret(kind: Kind) -> String {
    format!(
        "{}{}{}",
        kind.prefix(),
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// What a secret is stored and found by. The secrets are random and long, so a fast hash is enough: nothing
/// can be guessed from it, and a lookup by digest compares no secret byte by byte.
pub fn digest(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_new_each_time_and_say_their_kind() {
        let one = new_secret(Kind::Session);
        let two = new_secret(Kind::Session);
        assert_ne!(one, two);
        assert!(one.starts_with("sps_") && one.len() == 68, "{one}");
        assert!(new_secret(Kind::ApiToken).starts_with("spt_"));
        assert_ne!(digest(&one), digest(&two));
        assert_eq!(digest(&one).len(), 64);
    }
}
