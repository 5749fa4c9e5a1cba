//! Time-based one-time passwords (RFC 6238) as authenticator apps make them for
//! Cognito's `SOFTWARE_TOKEN_MFA`: HMAC-SHA1, 30-second steps, 6 digits.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac as _};

const STEP_SECONDS: u64 = 30;

/// A new secret, base32 as `AssociateSoftwareToken` gives it (32 characters).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    BASE32_NOPAD.encode(&bytes)
}

/// The code for `secret` at `unix_seconds`.
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    let key = BASE32_NOPAD
        .decode(secret.trim_end_matches('=').as_bytes())
        .ok()?;
    let counter = unix_seconds / STEP_SECONDS;
    let mut mac = <Hmac<sha1::Sha1> as hmac::Mac>::new_from_slice(&key).ok()?;
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let number = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(format!("{:06}", number % 1_000_000))
}

/// Whether `code` is right now, or one step before or after (clock drift).
pub fn accepts(secret: &str, code: &str, unix_seconds: u64) -> bool {
    [
        unix_seconds.saturating_sub(STEP_SECONDS),
        unix_seconds,
        unix_seconds + STEP_SECONDS,
    ]
    .iter()
    .any(|&t| code_at(secret, t).is_some_and(|c| c == code.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_rfc_6238s_sha1_vectors() {
        // RFC 6238 appendix B, key "12345678901234567890", last 6 digits.
        let secret = BASE32_NOPAD.encode(b"12345678901234567890");
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(&secret, time).as_deref(), Some(code), "{time}");
        }
        assert!(accepts(&secret, "287082", 59 + 30));
        assert!(!accepts(&secret, "287082", 59 + 90));
        assert_eq!(new_secret().len(), 32);
        assert!(code_at("not base32!", 0).is_none());
    }
}
