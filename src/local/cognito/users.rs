//! The local user pool's users: one JSON file each under `.amplify/local/users/`, named
//! by the user's `sub`, written to a temporary file and renamed into place (so a kill
//! at any moment leaves the old record or the new one, never half of one). A record
//! holds the SRP salt and verifier, never a password.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where a project keeps its local users.
pub fn users_dir(local_dir: &Path) -> PathBuf {
    local_dir.join("users")
}

/// Cognito's `UserStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Unconfirmed,
    Confirmed,
    ForceChangePassword,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unconfirmed => "UNCONFIRMED",
            Status::Confirmed => "CONFIRMED",
            Status::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
        }
    }
}

/// A one-time code sent to the user, and what it confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// `signup`, `reset`, or `verify:<attribute>`.
    pub purpose: String,
    pub code: String,
    /// Seconds since the epoch.
    pub expires: u64,
}

/// A signed-in session: one refresh token and the tokens issued from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `origin_jti` of the tokens issued in this session.
    pub id: String,
    /// SHA-256 of the refresh token, hex.
    pub refresh_hash: String,
    pub expires: u64,
    pub auth_time: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Cognito's user name: the `sub` in pools that sign in with email or phone.
    pub username: String,
    pub sub: String,
    pub status: Status,
    /// Attributes other than `sub`, as Cognito names them (`email`, `custom:x`, ...).
    pub attributes: BTreeMap<String, String>,
    pub groups: Vec<String>,
    /// Hex of the SRP salt and verifier.
    pub salt: String,
    pub verifier: String,
    pub created: u64,
    pub modified: u64,
    #[serde(default)]
    pub codes: Vec<Code>,
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// The TOTP secret (base32), and whether the user has verified it.
    #[serde(default)]
    pub totp: Option<Totp>,
    /// `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or `EMAIL_OTP`, as `SetUserMFAPreference` chose.
    #[serde(default)]
    pub preferred_mfa: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totp {
    pub secret: String,
    pub verified: bool,
}

impl User {
    /// A new user named by `sub`, in no group, with no codes, sessions or MFA.
    pub fn new(
        sub: String,
        status: Status,
        attributes: BTreeMap<String, String>,
        (salt, verifier): (String, String),
    ) -> User {
        User {
            username: sub.clone(),
            sub,
            status,
            attributes,
            groups: Vec::new(),
            salt,
            verifier,
            created: now(),
            modified: now(),
            codes: Vec::new(),
            sessions: Vec::new(),
            totp: None,
            preferred_mfa: None,
        }
    }

    /// The attribute a user signs in with and gets codes at: email, else phone.
    pub fn contact(&self) -> Option<(&'static str, &str)> {
        [("email", "EMAIL"), ("phone_number", "SMS")]
            .into_iter()
            .find_map(|(name, _)| Some((name, self.attributes.get(name)?.as_str())))
    }

    /// What a person calls this user: their email or phone, else the user name.
    pub fn display_name(&self) -> &str {
        self.contact()
            .map_or(self.username.as_str(), |(_, value)| value)
    }

    /// Whether `login` names this user: the user name, the sub, or (case-insensitively,
    /// as Amplify's pools compare them) the email or phone number.
    pub fn answers_to(&self, login: &str) -> bool {
        self.username.eq_ignore_ascii_case(login)
            || self.sub == login
            || ["email", "phone_number"].iter().any(|a| {
                self.attributes
                    .get(*a)
                    .is_some_and(|v| v.eq_ignore_ascii_case(login))
            })
    }
}

/// The users of one data folder.
#[derive(Debug, Clone)]
pub struct Users {
    dir: PathBuf,
}

impl Users {
    pub fn new(local_dir: &Path) -> Users {
        Users {
            dir: users_dir(local_dir),
        }
    }

    fn path(&self, sub: &str) -> Option<PathBuf> {
        // A sub is a UUID; anything else never names a file.
        let plain = !sub.is_empty() && sub.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
        plain.then(|| self.dir.join(format!("{sub}.json")))
    }

    /// Every user, oldest first.
    pub fn list(&self) -> io::Result<Vec<User>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut users = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "json") {
                users.push(read(&path)?);
            }
        }
        users.sort_by(|a, b| (a.created, &a.username).cmp(&(b.created, &b.username)));
        Ok(users)
    }

    /// The user `login` names (user name, sub, email or phone).
    pub fn find(&self, login: &str) -> io::Result<Option<User>> {
        if let Some(path) = self.path(login)
            && path.is_file()
        {
            return read(&path).map(Some);
        }
        Ok(self.list()?.into_iter().find(|u| u.answers_to(login)))
    }

    /// Writes a user's record in one step.
    pub fn save(&self, user: &User) -> io::Result<()> {
        let path = self
            .path(&user.sub)
            .ok_or_else(|| io::Error::other("a user's sub must be a UUID"))?;
        std::fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer_pretty(&mut file, user)?;
        file.as_file().sync_all()?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes a user; `false` when there was none.
    pub fn remove(&self, sub: &str) -> io::Result<bool> {
        let Some(path) = self.path(sub) else {
            return Ok(false);
        };
        match std::fs::remove_file(path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

fn read(path: &Path) -> io::Result<User> {
    let bytes = std::fs::read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })
}

/// A new random UUID (version 4), as Cognito makes subs.
pub fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = crate::parts::hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str) -> User {
        let sub = new_uuid();
        User::new(
            sub,
            Status::Confirmed,
            BTreeMap::from([("email".to_string(), email.to_string())]),
            ("ab".into(), "cd".into()),
        )
    }

    #[test]
    fn users_are_found_by_any_of_their_names_and_kept_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let users = Users::new(dir.path());
        assert!(users.list().expect("empty").is_empty());
        let alice = user("Alice@Example.com");
        users.save(&alice).expect("save");
        users.save(&user("bob@example.com")).expect("save");
        for login in ["alice@example.com", "ALICE@EXAMPLE.COM", alice.sub.as_str()] {
            assert_eq!(
                users.find(login).expect("read").expect("found").sub,
                alice.sub,
                "{login}"
            );
        }
        assert!(users.find("carol@example.com").expect("read").is_none());
        assert!(users.find("../../etc/passwd").expect("read").is_none());
        assert_eq!(users.list().expect("list").len(), 2);
        assert!(users.remove(&alice.sub).expect("remove"));
        assert!(!users.remove(&alice.sub).expect("gone"));
        assert!(!users.remove("../x").expect("refused"));
        // Nothing but whole records in the folder: no temporary files left behind.
        let names: Vec<_> = std::fs::read_dir(users_dir(dir.path()))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(new_uuid().len(), 36);
    }
}
