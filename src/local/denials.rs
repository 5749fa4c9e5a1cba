//! Denials explained live: every request the local sandbox refuses an app user gets one
//! line in the sandbox's terminal — who, what, and why in the definition's words — kept
//! in `.amplify/local/denials.jsonl` for `browse --local` too. At most a few lines a
//! second, so a client retrying in a loop cannot flood the terminal.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::access::Caller;

/// Lines shown per second; the rest are counted and said on the next line shown.
const PER_SECOND: u32 = 5;

/// One explained denial, as kept for `browse --local`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Denial {
    /// Seconds since the epoch.
    pub at: u64,
    pub text: String,
}

/// Where denials are kept.
pub fn denials_file(local_dir: &Path) -> PathBuf {
    local_dir.join("denials.jsonl")
}

/// The latest `limit` denials kept, newest first.
pub fn read_denials(local_dir: &Path, limit: usize) -> Vec<Denial> {
    let text = std::fs::read_to_string(denials_file(local_dir)).unwrap_or_default();
    text.lines()
        .rev()
        .filter_map(|line| serde_json::from_str(line).ok())
        .take(limit)
        .collect()
}

pub struct Denials {
    /// The project's root, where the local users are.
    root: PathBuf,
    terminal: tokio::sync::mpsc::UnboundedSender<String>,
    throttle: Mutex<Throttle>,
}

impl Denials {
    pub fn new(root: &Path, terminal: tokio::sync::mpsc::UnboundedSender<String>) -> Denials {
        Denials {
            root: root.to_path_buf(),
            terminal,
            throttle: Mutex::new(Throttle::new(Instant::now())),
        }
    }

    /// Reports a denial; `explain` runs only when the line will be shown.
    pub fn report(&self, explain: impl FnOnce() -> String) {
        let Some(held) = self
            .throttle
            .lock()
            .ok()
            .and_then(|mut t| t.admit(Instant::now()))
        else {
            return;
        };
        let mut text = explain();
        if held > 0 {
            text.push_str(&format!(" ({held} more denials not shown)"));
        }
        let denial = Denial {
            at: crate::local::cognito::users::now(),
            text: text.clone(),
        };
        if let Ok(line) = serde_json::to_string(&denial)
            && let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(denials_file(&crate::local::local_dir(&self.root)))
        {
            let _ = file.write_all(format!("{line}\n").as_bytes());
        }
        let _ = self.terminal.send(format!("[Sandbox] {text}"));
    }

    /// How a caller is named in a denial: a local user by login and identity id.
    pub fn label(&self, caller: &Caller) -> String {
        crate::local::cognito::label(&self.root, caller)
    }
}

/// A one-second window of shown lines.
struct Throttle {
    window: Instant,
    shown: u32,
    held: u32,
}

impl Throttle {
    fn new(now: Instant) -> Throttle {
        Throttle {
            window: now,
            shown: 0,
            held: 0,
        }
    }

    /// `Some(lines held back since the last one shown)` when a line may be shown now.
    fn admit(&mut self, now: Instant) -> Option<u32> {
        if now.duration_since(self.window) >= Duration::from_secs(1) {
            self.window = now;
            self.shown = 0;
        }
        if self.shown >= PER_SECOND {
            self.held += 1;
            return None;
        }
        self.shown += 1;
        Some(std::mem::take(&mut self.held))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_cut_to_a_few_lines_a_second_and_counted() {
        let start = Instant::now();
        let mut throttle = Throttle::new(start);
        let shown: Vec<Option<u32>> = (0..8).map(|_| throttle.admit(start)).collect();
        assert_eq!(
            shown,
            [
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                None,
                None,
                None
            ]
        );
        let later = start + Duration::from_millis(1200);
        assert_eq!(
            throttle.admit(later),
            Some(3),
            "the next line says how many were held"
        );
        assert_eq!(throttle.admit(later), Some(0));
    }
}
