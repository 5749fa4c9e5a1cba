//! What every command comes to. An `Err` is an error that `error.rs` renders and maps to
//! 2 (usage, input, definition) or 1; an `Exit` is a run that ended on its own terms.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked was done (exit 0).
    Done,
    /// Something was refused or failed and has been reported (exit 1).
    Failed,
    /// Ended by a signal, with the code a shell gives it (130 Ctrl-C, 143 SIGTERM).
    Interrupted(u8),
}

impl Exit {
    /// `Done` when nothing failed, else `Failed`.
    pub fn unless_failed(failed: bool) -> Exit {
        if failed { Exit::Failed } else { Exit::Done }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Done => ExitCode::SUCCESS,
            Exit::Failed => ExitCode::from(1),
            Exit::Interrupted(code) => ExitCode::from(code),
        }
    }
}
