//! Local credentials. Each local sandbox has a random secret of its own (32 bytes,
//! `.amplify/local/secret`, mode 0600), and the secret of every local access key is
//! derived from it (HMAC-SHA256 of the key). So the guest credentials that the Cognito
//! endpoint hands to any page that asks reveal nothing about the owner's key or another
//! user's, and no two sandboxes share a secret.

use crate::access::Caller;
use crate::parts::hex;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// The developer's key: everything is allowed.
pub const OWNER_ACCESS_KEY: &str = "ampx-local-owner";

/// Prefix of keys that act as an app user.
pub const USER_KEY_PREFIX: &str = "ampx:";

/// The access key that acts as `caller`.
pub fn access_key_for(caller: &Caller) -> String {
    format!("{USER_KEY_PREFIX}{caller}")
}

/// Who a local access key stands for; `None` for the owner.
pub fn caller_of(access_key: &str) -> Option<Result<Caller, String>> {
    Some(access_key.strip_prefix(USER_KEY_PREFIX)?.parse())
}

#[derive(Clone)]
pub struct Secrets {
    master: [u8; 32],
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(..)")
    }
}

/// Where a project keeps its local secret.
pub fn secret_file(root: &Path) -> PathBuf {
    root.join(".amplify").join("local").join("secret")
}

impl Secrets {
    /// The project's secret, made (randomly) the first time.
    pub fn load_or_create(root: &Path) -> io::Result<Secrets> {
        if let Some(secrets) = Self::load(root)? {
            return Ok(secrets);
        }
        let mut master = [0u8; 32];
        getrandom::fill(&mut master).map_err(|e| io::Error::other(e.to_string()))?;
        let path = secret_file(root);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(hex(&master).as_bytes())?;
                Ok(Secrets { master })
            }
            // Made meanwhile by another process: use that one.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Self::load(root)?.ok_or_else(|| io::Error::other("unreadable local secret"))
            }
            Err(e) => Err(e),
        }
    }

    /// The project's secret, if it has one.
    pub fn load(root: &Path) -> io::Result<Option<Secrets>> {
        let text = match std::fs::read_to_string(secret_file(root)) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let bytes = unhex(text.trim())
            .filter(|b| b.len() == 32)
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{} is not a local secret", secret_file(root).display()),
                )
            })?;
        let mut master = [0u8; 32];
        master.copy_from_slice(&bytes);
        Ok(Some(Secrets { master }))
    }

    /// The secret of one local access key.
    pub fn secret_for(&self, access_key: &str) -> String {
        let mut mac = <Hmac<Sha256> as hmac::Mac>::new_from_slice(&self.master)
            .expect("HMAC takes keys of any length");
        mac.update(access_key.as_bytes());
        hex(&mac.finalize().into_bytes()[..20])
    }
}

/// The secret of the local sandbox whose project holds `start` (or a folder above it),
/// and that project's root.
pub fn find(start: &Path) -> io::Result<Option<(Secrets, PathBuf)>> {
    for dir in start.ancestors() {
        if secret_file(dir).is_file() {
            return Ok(Secrets::load(dir)?.map(|s| (s, dir.to_path_buf())));
        }
    }
    Ok(None)
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sandbox_and_each_key_has_its_own_secret() {
        let one = tempfile::tempdir().expect("dir");
        let two = tempfile::tempdir().expect("dir");
        let a = Secrets::load_or_create(one.path()).expect("create");
        let again = Secrets::load_or_create(one.path()).expect("load");
        let b = Secrets::load_or_create(two.path()).expect("create");
        assert_eq!(a.secret_for("ampx:guest"), again.secret_for("ampx:guest"));
        assert_ne!(a.secret_for("ampx:guest"), b.secret_for("ampx:guest"));
        assert_ne!(a.secret_for("ampx:guest"), a.secret_for(OWNER_ACCESS_KEY));
        assert_eq!(a.secret_for("ampx:guest").len(), 40);
        crate::test_support::assert_private(&secret_file(one.path()));
        let nested = one.path().join("src/app");
        std::fs::create_dir_all(&nested).expect("mkdir");
        let (found, root) = find(&nested).expect("read").expect("found");
        assert_eq!(found.secret_for("x"), a.secret_for("x"));
        assert_eq!(root, one.path());
        std::fs::write(secret_file(two.path()), "not hex").expect("write");
        assert!(Secrets::load(two.path()).is_err());
    }

    #[test]
    fn keys_name_the_caller() {
        assert!(caller_of(OWNER_ACCESS_KEY).is_none());
        assert_eq!(caller_of("ampx:guest"), Some(Ok(Caller::Guest)));
        assert_eq!(
            caller_of("ampx:authenticated:us-east-1:00000000-0000-4000-8000-000000000abc"),
            Some(Ok(Caller::Authenticated {
                identity_id: Some("us-east-1:00000000-0000-4000-8000-000000000abc".into())
            }))
        );
        assert_eq!(
            caller_of("ampx:group:admin:us-east-1:00000000-0000-4000-8000-000000000abc"),
            Some(Ok(Caller::Group {
                name: "admin".into(),
                identity_id: Some("us-east-1:00000000-0000-4000-8000-000000000abc".into())
            }))
        );
        assert!(caller_of("ampx:wizard").is_some_and(|c| c.is_err()));
        assert_eq!(access_key_for(&Caller::Guest), "ampx:guest");
    }
}
