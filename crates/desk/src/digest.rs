//! Hex digests (ETags, build versions, request fingerprints and webhook signatures all spell bytes this way),
//! the one HMAC every signature and derived token is made with, and the constant-time comparison every secret
//! is checked with.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Standard base64 of the SHA-256 of `bytes`, as Content-Security-Policy hashes spell it.
pub fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// HMAC-SHA256 of `input` under `key`.
pub fn hmac_sha256(key: &[u8], input: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(input);
    mac.finalize().into_bytes().into()
}

/// A strong ETag for a body: the first 64 bits of its SHA-256, quoted.
pub fn etag(body: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(body)[..16])
}

/// Compares without returning early, so response times do not reveal how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}
