//! Codes "sent" to users: nothing leaves the machine. Each one is printed in the
//! sandbox's terminal and kept in `.amplify/local/mail.jsonl`, one JSON line per message,
//! where `browse --local` and tests read it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A message the user pool would have sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The email address or phone number it was for.
    pub to: String,
    /// What the code is for: `sign-up`, `password reset`, `sign-in`, `email
    /// verification`, `temporary password`.
    pub purpose: String,
    pub code: String,
    /// Seconds since the epoch.
    pub sent: u64,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[Sandbox] {} code for {}: {}",
            self.purpose,
            crate::shown::shown(&self.to),
            self.code
        )
    }
}

/// Where the messages are kept.
pub fn mail_file(local_dir: &Path) -> PathBuf {
    local_dir.join("mail.jsonl")
}

/// Every message kept so far, oldest first.
pub fn read_mail(local_dir: &Path) -> Vec<Notice> {
    std::fs::read_to_string(mail_file(local_dir))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

pub struct Notices {
    mail: PathBuf,
    terminal: tokio::sync::mpsc::UnboundedSender<Notice>,
}

impl Notices {
    pub fn new(local_dir: &Path, terminal: tokio::sync::mpsc::UnboundedSender<Notice>) -> Notices {
        Notices {
            mail: mail_file(local_dir),
            terminal,
        }
    }

    pub fn send(&self, to: &str, purpose: &str, code: &str) {
        let notice = Notice {
            to: to.to_string(),
            purpose: purpose.to_string(),
            code: code.to_string(),
            sent: super::users::now(),
        };
        // One write per line, in append mode, so concurrent lines never interleave.
        if let Ok(line) = serde_json::to_string(&notice)
            && let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.mail)
        {
            let _ = file.write_all(format!("{line}\n").as_bytes());
        }
        let _ = self.terminal.send(notice);
    }
}
