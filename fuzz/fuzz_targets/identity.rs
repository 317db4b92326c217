//! The identity token (a JWT) a page hands the widget and the desk verifies. Checking must never panic, and a
//! refusal says why. Any text as a token never verifies without the secret. The input as the claims (after an
//! optional header and a NUL byte) of a token signed with the secret: when it verifies, the identity is the one
//! the claims name, within its times, and minting that identity afresh verifies to the same; and no change of
//! one character, no cut and no addition to a signed token ever verifies.

#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use signpost_core::identity::Role;
use signpost_desk::digest::hmac_sha256;
use signpost_desk::identity::{
    IdentitySecret, LEEWAY_SECONDS, Verified, check_identity, mint, verify_at,
};
use signpost_fuzz::{NOW, explained};

const SECRET: &str = "0123456789abcdef0123456789abcdef";
const HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT"}"#;
/// The characters a token is made of.
const TOKEN_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

fuzz_target!(|data: &[u8]| {
    let secret = IdentitySecret::new(SECRET).expect("32 bytes");
    if let Ok(text) = std::str::from_utf8(data) {
        match verify_at(text, &secret, NOW) {
            Ok(verified) => panic!("a token made without the secret verified: {verified:?}"),
            Err(error) => explained(&error),
        }
    }

    let (header, claims) = match data.iter().position(|&byte| byte == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (HEADER, data),
    };
    let token = signed(header, claims);
    match verify_at(&token, &secret, NOW) {
        Ok(verified) => agrees(&verified, header, claims, &secret),
        Err(error) => explained(&error),
    }

    let bytes = token.as_bytes();
    for (k, &pick) in data.iter().take(4).enumerate() {
        let at = (usize::from(pick) * 31 + k * 977) % bytes.len();
        let mut changed = bytes.to_vec();
        let mut index = usize::from(pick) + k;
        while TOKEN_CHARS[index % TOKEN_CHARS.len()] == bytes[at] {
            index += 1;
        }
        changed[at] = TOKEN_CHARS[index % TOKEN_CHARS.len()];
        let changed = String::from_utf8(changed).expect("ASCII");
        assert!(
            verify_at(&changed, &secret, NOW).is_err(),
            "{changed} verified"
        );
    }
    let cut = &token[..token.len() - 1];
    assert!(verify_at(cut, &secret, NOW).is_err(), "{cut} verified");
    let longer = format!("{token}A");
    assert!(
        verify_at(&longer, &secret, NOW).is_err(),
        "{longer} verified"
    );
});

/// `header.claims.signature`, signed with [`SECRET`] as a marketplace's backend would.
fn signed(header: &[u8], claims: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let signature = hmac_sha256(SECRET.as_bytes(), input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// A token that verified names what its header and claims say, and its identity survives minting.
fn agrees(verified: &Verified, header: &[u8], claims: &[u8], secret: &IdentitySecret) {
    let header: Map<String, Value> = serde_json::from_slice(header).expect("the header was read");
    assert_eq!(header.get("alg"), Some(&Value::from("HS256")));
    assert!(!header.contains_key("crit"));
    let claims: Map<String, Value> = serde_json::from_slice(claims).expect("the claims were read");
    let text = |claim: &str| claims.get(claim).and_then(Value::as_str);
    let time = |claim: &str| {
        let value = claims.get(claim)?;
        value
            .as_i64()
            .or_else(|| value.as_f64().map(|seconds| seconds.floor() as i64))
    };
    let identity = &verified.identity;
    assert_eq!(Some(identity.user_id.as_str()), text("sub"));
    assert_eq!(Some(identity.email.as_str()), text("email").map(str::trim));
    let name = text("name").map(str::trim).filter(|name| !name.is_empty());
    assert_eq!(identity.name.as_deref(), name);
    let role = match identity.role {
        Role::Buyer => "buyer",
        Role::Seller => "seller",
    };
    assert_eq!(text("role"), Some(role));
    assert_eq!(time("exp"), Some(verified.expires_at));
    assert!(NOW < verified.expires_at.saturating_add(LEEWAY_SECONDS));
    if let Some(not_before) = time("nbf") {
        assert!(NOW >= not_before.saturating_sub(LEEWAY_SECONDS));
    }
    check_identity(identity).expect("a verified identity meets every rule");

    let again = verify_at(&mint(secret, identity, NOW, 600), secret, NOW);
    let expected = Verified {
        identity: identity.clone(),
        expires_at: NOW + 600,
    };
    assert_eq!(again, Ok(expected));
}
