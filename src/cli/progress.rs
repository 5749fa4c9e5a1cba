//! Transfer progress on stderr (an indicatif bar only on a terminal) and the closing
//! summary line.

use super::printer::human_size;
use std::io::IsTerminal as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::aws::transfer::Progress;

pub(super) struct TransferView {
    bar: Option<ProgressBar>,
    started: Instant,
    bytes: AtomicU64,
    objects: AtomicU64,
}

impl TransferView {
    /// `show`: the user did not turn progress off; a bar also needs a terminal.
    pub(super) fn new(total_bytes: u64, total_objects: u64, show: bool) -> TransferView {
        let bar = (show && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bytes}/{total_bytes} {wide_bar} {msg} {binary_bytes_per_sec} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message(format!("0/{total_objects} objects"));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        TransferView {
            bar,
            started: Instant::now(),
            bytes: AtomicU64::new(0),
            objects: AtomicU64::new(0),
        }
    }

    /// Prints a line (to stdout or stderr) without tearing the bar.
    pub(super) fn line(&self, to_stderr: bool, text: &str) {
        let text = super::printer::terminal_safe(text);
        let print = || {
            if to_stderr {
                eprintln!("{text}");
            } else {
                super::printer::stdout_line(&text);
            }
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    pub(super) fn object_done(&self, total_objects: u64) {
        let done = self.objects.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{done}/{total_objects} objects"));
        }
    }

    /// Clears the bar and returns `N objects, SIZE in T (RATE)`.
    pub(super) fn finish(&self) -> String {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let bytes = self.bytes.load(Ordering::Relaxed);
        let seconds = self.started.elapsed().as_secs_f64().max(1e-6);
        let objects = self.objects.load(Ordering::Relaxed);
        format!(
            "{objects} object{}, {} in {:.2} s ({}/s)",
            if objects == 1 { "" } else { "s" },
            human_size(bytes),
            seconds,
            human_size((bytes as f64 / seconds) as u64)
        )
    }
}

impl Progress for TransferView {
    fn bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }
}
