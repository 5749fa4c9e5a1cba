//! Watch mode of the cloud sandbox: the loop that redeploys on save — debounced, one
//! deploy at a time, saves during a deploy coalesced into exactly one follow-up
//! deploy, and an invalid save reported while the last good stack stays.

use std::time::Instant;

use super::{Outcome, Settings, StackApi, Ui, deploy, write_outputs};
use crate::project;
use crate::watch::{WatchRules, settle, start};

/// Deploys, then writes the outputs; `last_hash` is what this process last deployed.
async fn deploy_and_write(
    cloud: &impl StackApi,
    settings: &Settings,
    definition: &project::Definition,
    ui: &dyn Ui,
) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let outcome = deploy(cloud, settings, definition, ui).await?;
    let deployed_in = started.elapsed();
    if let Outcome::Refused(why) = &outcome {
        ui.warn(&format!(
            "[Sandbox] Not deployed: {why}. Confirm on a terminal, or restart with --yes."
        ));
        return Ok(outcome);
    }
    let written = Instant::now();
    let file = write_outputs(cloud, settings, ui).await?;
    ui.say(&format!(
        "[Sandbox] {} in {:.1} s; File written: {} ({:.0} ms)",
        if outcome == Outcome::Deployed {
            "Deployment completed"
        } else {
            "No changes to deploy"
        },
        deployed_in.as_secs_f64(),
        file.display(),
        written.elapsed().as_secs_f64() * 1000.0
    ));
    Ok(outcome)
}

/// The watch loop, until `stop` completes (Ctrl-C for the command). The first deploy
/// happens at once.
pub async fn run(
    cloud: &impl StackApi,
    settings: &Settings,
    rules: &WatchRules,
    load: &(dyn Fn() -> Result<project::Definition, crate::diagnostic::Diagnostics> + Sync),
    ui: &dyn Ui,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let (_watcher, mut events) = start(&rules.dir)?;
    let mut last_hash: Option<String> = None;
    let mut pending = true;
    tokio::pin!(stop);
    loop {
        while pending {
            pending = false;
            let definition = match load() {
                Ok(d) => d,
                Err(diagnostics) => {
                    ui.warn(&diagnostics.render());
                    ui.warn(
                        "[Sandbox] The definition has errors; the last good stack stays deployed.",
                    );
                    break;
                }
            };
            let hash = crate::template::recorded_hash(definition.template()).map(str::to_string);
            if hash.is_some() && hash == last_hash {
                ui.say("[Sandbox] No changes to deploy (same template as the last deploy)");
                break;
            }
            let work = deploy_and_write(cloud, settings, &definition, ui);
            tokio::pin!(work);
            let result = loop {
                tokio::select! {
                    result = &mut work => break result,
                    batch = events.recv() => {
                        let Some(paths) = batch else { continue };
                        if paths.iter().any(|p| rules.relevant(p)) {
                            if !pending {
                                ui.say("[Sandbox] Previous deployment is still in progress. Will queue for another deployment after this one finishes");
                            }
                            pending = true;
                        }
                    }
                    _ = &mut stop => return stopped(ui),
                }
            };
            match result {
                Ok(Outcome::Refused(_)) => {}
                Ok(_) => last_hash = hash,
                Err(e) => ui.warn(&format!("[Sandbox] Deployment failed: {e:#}")),
            }
            if pending {
                ui.say("[Sandbox] Detected file changes while previous deployment was in progress. Invoking 'sandbox' again");
                settle(&mut events).await;
            }
        }
        ui.say("[Sandbox] Watching for file changes...");
        loop {
            tokio::select! {
                batch = events.recv() => {
                    let Some(paths) = batch else { return Ok(()) };
                    if let Some(path) = paths.iter().find(|p| rules.relevant(p)) {
                        ui.say(&format!("[Sandbox] Triggered due to a file change: {}", rules.shown(path).display()));
                        settle(&mut events).await;
                        pending = true;
                        break;
                    }
                }
                _ = &mut stop => return stopped(ui),
            }
        }
    }
}

fn stopped(ui: &dyn Ui) -> anyhow::Result<()> {
    ui.say("Stopping the sandbox process. To delete the sandbox, run ampx-rs sandbox delete");
    Ok(())
}
