//! How a long-running command talks to the person running it. Both sandboxes and
//! `sync --watch` report through this; the terminal side lives in `cli/`.

pub trait Reporter: Send + Sync {
    /// A status line.
    fn say(&self, message: &str);
    /// A problem the run goes on after (a failed deploy, an invalid save, data a
    /// deletion loses): shown even where status lines are not.
    fn warn(&self, message: &str) {
        self.say(message);
    }
    /// A yes/no question (default no); `None` when nobody can be asked.
    fn confirm(&self, question: &str) -> Option<bool>;
}
