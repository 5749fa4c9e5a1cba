//! The user pool's signing key and its JSON Web Tokens: RS256, as Cognito signs id and
//! access tokens, with the public key published as a JWKS so that any verifier works.
//! The key pair is made once per data folder (`.amplify/local/user-pool-key`, PKCS#8,
//! mode 0600) and kept across restarts, so tokens stay valid after one.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{self, KeyPair as _};
use data_encoding::BASE64URL_NOPAD;
use serde_json::{Value, json};

pub struct SigningKey {
    pair: KeyPair,
    /// The key's id in token headers and the JWKS: part of the modulus's SHA-256.
    kid: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.kid)
    }
}

/// Where a project keeps the key.
pub fn key_file(local_dir: &Path) -> PathBuf {
    local_dir.join("user-pool-key")
}

impl SigningKey {
    /// The data folder's key, made the first time.
    pub fn load_or_create(local_dir: &Path) -> io::Result<SigningKey> {
        let path = key_file(local_dir);
        match std::fs::read(&path) {
            Ok(der) => return Self::from_der(&der, &path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        std::fs::create_dir_all(local_dir)?;
        let pair = KeyPair::generate(KeySize::Rsa2048)
            .map_err(|_| io::Error::other("RSA key generation failed"))?;
        let der = pair
            .as_der()
            .map_err(|_| io::Error::other("RSA key encoding failed"))?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(der.as_ref())?;
                file.sync_all()?;
                Ok(Self::with_id(pair))
            }
            // Made meanwhile by another process: use that one.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Self::from_der(&std::fs::read(&path)?, &path)
            }
            Err(e) => Err(e),
        }
    }

    fn from_der(der: &[u8], path: &Path) -> io::Result<SigningKey> {
        let pair = KeyPair::from_pkcs8(der).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is not an RSA key; remove it to make a new one (signed-in users sign in again)", path.display()),
            )
        })?;
        Ok(Self::with_id(pair))
    }

    fn with_id(pair: KeyPair) -> SigningKey {
        let digest = crate::parts::hex(&sha256(
            pair.public_key()
                .modulus()
                .big_endian_without_leading_zero(),
        ));
        SigningKey {
            pair,
            kid: digest[..20].to_string(),
        }
    }

    /// `{"keys": [...]}`, as Cognito serves `/<userPoolId>/.well-known/jwks.json`.
    pub fn jwks(&self) -> Value {
        let public = self.pair.public_key();
        json!({ "keys": [{
            "alg": "RS256",
            "e": BASE64URL_NOPAD.encode(public.exponent().big_endian_without_leading_zero()),
            "kid": self.kid,
            "kty": "RSA",
            "n": BASE64URL_NOPAD.encode(public.modulus().big_endian_without_leading_zero()),
            "use": "sig"
        }] })
    }

    /// A signed JWT holding `claims`.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({ "kid": self.kid, "alg": "RS256" });
        let signing_input = format!(
            "{}.{}",
            BASE64URL_NOPAD.encode(header.to_string().as_bytes()),
            BASE64URL_NOPAD.encode(claims.to_string().as_bytes())
        );
        let mut signature = vec![0u8; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                signing_input.as_bytes(),
                &mut signature,
            )
            .expect("RSA signing of a short message succeeds");
        format!("{signing_input}.{}", BASE64URL_NOPAD.encode(&signature))
    }

    /// The claims of a token this key signed, if its signature holds (expiry is the
    /// caller's to check: an expired token still names its user).
    pub fn verify(&self, token: &str) -> Option<Value> {
        let mut parts = token.split('.');
        let (header, claims, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value =
            serde_json::from_slice(&BASE64URL_NOPAD.decode(header.as_bytes()).ok()?).ok()?;
        if header["alg"] != "RS256" || header["kid"] != self.kid.as_str() {
            return None;
        }
        let signature = BASE64URL_NOPAD.decode(signature.as_bytes()).ok()?;
        let signed = &token[..token.rfind('.')?];
        signature::UnparsedPublicKey::new(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            self.pair.public_key().as_ref(),
        )
        .verify(signed.as_bytes(), &signature)
        .ok()?;
        serde_json::from_slice(&BASE64URL_NOPAD.decode(claims.as_bytes()).ok()?).ok()
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_with_their_key_only_and_the_key_survives_a_restart() {
        let dir = tempfile::tempdir().expect("dir");
        let key = SigningKey::load_or_create(dir.path()).expect("key");
        let token = key.sign(&json!({ "sub": "abc", "token_use": "id" }));
        assert_eq!(key.verify(&token).expect("valid")["sub"], "abc");
        let again = SigningKey::load_or_create(dir.path()).expect("same key");
        assert_eq!(again.verify(&token).expect("still valid")["sub"], "abc");
        assert_eq!(again.jwks(), key.jwks());
        let other =
            SigningKey::load_or_create(tempfile::tempdir().expect("dir").path()).expect("key");
        assert!(other.verify(&token).is_none());
        // A changed payload breaks the signature.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = BASE64URL_NOPAD.encode(br#"{"sub":"admin","token_use":"id"}"#);
        parts[1] = &forged;
        assert!(key.verify(&parts.join(".")).is_none());
        assert!(key.verify("not.a.token").is_none());
        let jwk = &key.jwks()["keys"][0];
        assert_eq!(jwk["e"], "AQAB");
        assert_eq!(
            BASE64URL_NOPAD
                .decode(jwk["n"].as_str().expect("n").as_bytes())
                .expect("b64")
                .len(),
            256
        );
        crate::test_support::assert_private(&key_file(dir.path()));
    }
}
