//! Hex digests (ETags, build versions, request fingerprints and webhook signatures all spell bytes this way),
//! and the constant-time comparison every secret is checked with.

use sha2::{Digest, Sha256};

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A strong ETag for a body: the first 64 bits of its SHA-256, quoted.
pub fn etag(body: &[u8]) -> String {
    format!("\"{}\"", &sha256_hex(body)[..16])
}

/// Compares without returning early, so response times do not reveal how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}
