//! How a long-running command talks to the person running it. Both sandboxes and
//! `sync --watch` report through this; the terminal side lives in `cli/`.

pub trait Reporter: Send + Sync {
    /// A status line.
    fn say(&self, message: &str);
    /// A yes/no question (default no); `None` when nobody can be asked.
    fn confirm(&self, question: &str) -> Option<bool>;
}
