//! In-process cost of `synth` (parse + evaluate + validate + synthesize, as
//! `project::load` does them together), per example and
//! per real-world-shaped fixture (`large`: data, 10 functions, storage, auth, CDK code).
//! Run with `cargo bench --bench synth` (bench/synth.sh runs it with the rest).

// A benchmark's table is its output.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("| backend | parse + evaluate + validate + synthesize | iterations |");
    println!("|---|---|---|");
    let projects = ["team-drive", "social-room", "two-buckets"]
        .map(|name| (name, repo.join("examples").join(name)))
        .into_iter()
        .chain(
            ["data-and-functions", "auth-options", "large"]
                .map(|name| (name, repo.join("tests/fixtures/real").join(name))),
        );
    for (name, root) in projects {
        // `project::load` synthesizes the template too (the limit checks need it).
        let (time, n) = measure(|| {
            let definition = ampx_rs::project::load(&root, &root).expect("the backend is valid");
            black_box(definition.template());
        });
        println!("| {name} | {} | {n} |", micros(time));
    }
}

/// Median time of one call, over as many calls as fit in about a second.
fn measure(mut f: impl FnMut()) -> (Duration, usize) {
    for _ in 0..50 {
        f();
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || samples.len() < 100 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    samples.sort();
    (samples[samples.len() / 2], samples.len())
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}
