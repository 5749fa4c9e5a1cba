//! The terminal side of long-running commands: timestamped status lines on stderr,
//! a progress bar while CloudFormation works, yes/no questions on a TTY.

use std::io::IsTerminal as _;

use super::printer::{Printer, terminal_safe};
use crate::report::Reporter;
use crate::sandbox::{Event, Ui};

/// Status lines on stderr with the time, as `ampx` prints them; while CloudFormation
/// works, a progress bar on a terminal (resources done / total, current resource) and
/// one timestamped line per event otherwise. With `-q`, only warnings.
#[derive(Default)]
pub(super) struct TerminalUi {
    bar: std::sync::Mutex<Option<indicatif::ProgressBar>>,
    quiet: bool,
}

impl TerminalUi {
    pub(super) fn new(printer: Printer) -> TerminalUi {
        TerminalUi {
            bar: Default::default(),
            quiet: printer.quiet,
        }
    }

    fn print(&self, message: &str) {
        let print = || {
            for line in message.lines() {
                eprintln!("{} {}", now(), terminal_safe(line));
            }
        };
        match self.bar.lock().expect("lock").as_ref() {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }
}

fn now() -> String {
    jiff::Zoned::now().strftime("%H:%M:%S").to_string()
}

impl Reporter for TerminalUi {
    fn say(&self, message: &str) {
        if !self.quiet {
            self.print(message);
        }
    }

    fn warn(&self, message: &str) {
        self.print(message);
    }

    fn confirm(&self, question: &str) -> Option<bool> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return None;
        }
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .ok()
    }
}

impl Ui for TerminalUi {
    fn event(&self, e: &Event) {
        if self.quiet {
            return;
        }
        let reason = e
            .reason
            .as_deref()
            .map(|r| format!("  {r}"))
            .unwrap_or_default();
        let line = format!(
            "{}   {:<28} {:<40} {}{reason}",
            now(),
            e.status,
            e.resource_type,
            e.logical_id
        );
        match self.bar.lock().expect("lock").as_ref() {
            Some(bar) => {
                if e.resource_type != "AWS::CloudFormation::Stack"
                    && e.status.ends_with("_COMPLETE")
                {
                    bar.inc(1);
                }
                if e.status.ends_with("_FAILED") {
                    bar.println(line);
                }
                bar.set_message(format!("{} {}", e.logical_id, e.status));
            }
            None => eprintln!("{line}"),
        }
    }

    fn deploy_started(&self, changes: usize) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = indicatif::ProgressBar::new(changes as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} resources {elapsed} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        *self.bar.lock().expect("lock") = Some(bar);
    }

    fn deploy_finished(&self) {
        if let Some(bar) = self.bar.lock().expect("lock").take() {
            bar.finish_and_clear();
        }
    }
}
