//! The local sandbox: the backend's buckets served on 127.0.0.1 with the same access
//! rules as the cloud, data under `.amplify/local/`, and outputs that point at it.

pub mod cognito;
pub mod credentials;
pub mod denials;
mod objects;
pub mod policy;
pub mod server;
mod store;
mod uploads;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::outputs::{self, Deployed, OutputsFormat, OutputsVersion, Summary};
use crate::project::Definition;

/// The port `sandbox --local` serves on unless told otherwise.
pub const DEFAULT_PORT: u16 = 20005;

/// The buckets being served, by physical name, with their storage rules and policy
/// plans (computed once per definition, not per request).
#[derive(Debug, Default)]
pub struct State {
    buckets: Vec<Served>,
    /// The definition's auth, which the local user pool follows.
    auth: Option<crate::model::Auth>,
    /// The definition's files, for explanations that point at its rules.
    sources: crate::source::Sources,
}

#[derive(Debug)]
struct Served {
    bucket: String,
    storage: crate::model::Storage,
    plan: Vec<crate::access::RolePolicy>,
}

impl State {
    /// The policy plan of a served bucket.
    pub fn plan(&self, bucket: &str) -> Option<&[crate::access::RolePolicy]> {
        self.served(bucket).map(|s| s.plan.as_slice())
    }

    fn served(&self, bucket: &str) -> Option<&Served> {
        self.buckets.iter().find(|s| s.bucket == bucket)
    }

    /// Why `who` (named `label`) may not make `request` in `bucket`, in the
    /// definition's words (`crate::access::why`).
    pub fn explain_denial(
        &self,
        bucket: &str,
        caller: &crate::access::Caller,
        label: &str,
        request: &crate::access::Request,
    ) -> Option<String> {
        let served = self.served(bucket)?;
        let why = crate::access::why::explain(&served.storage, caller, request);
        Some(crate::access::why::render(
            &why,
            label,
            request,
            &self.sources,
        ))
    }
}

/// Where the local sandbox keeps everything: its secret, store, users and keys.
pub fn local_dir(root: &Path) -> PathBuf {
    root.join(".amplify").join("local")
}

/// Where the local buckets' data lives.
pub fn data_dir(root: &Path) -> PathBuf {
    local_dir(root).join("store")
}

/// The local bucket of a friendly name: lowercase, valid as an S3 bucket name.
pub fn bucket_name(friendly: &str) -> String {
    let mut name: String = friendly
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches('-').to_string();
    format!("local-{}", name.chars().take(56).collect::<String>())
        .trim_end_matches('-')
        .to_string()
}

/// Makes the store match the definition: a folder per bucket (existing data is kept;
/// a bucket no longer defined keeps its data until `sandbox delete --local`).
pub fn apply(root: &Path, definition: &Definition) -> anyhow::Result<State> {
    let data = data_dir(root);
    let mut state = State::default();
    for storage in &definition.backend.storages {
        let bucket = bucket_name(&storage.name);
        let dir = store::bucket_path(&data, &bucket);
        std::fs::create_dir_all(dir.join("objects"))?;
        if storage.versioned {
            store::versions::enable(&dir)?;
        }
        state.buckets.push(Served {
            bucket,
            storage: storage.clone(),
            plan: crate::access::plan(storage),
        });
    }
    state.auth = definition.backend.auth.clone();
    state.sources = definition.sources.clone();
    Ok(state)
}

/// `amplify_outputs.json` for the local sandbox: local bucket names, local auth ids of
/// the right shape (guest identities enabled), and the endpoint under `custom`.
pub fn outputs(definition: &Definition, region: &str, port: u16, version: OutputsVersion) -> Value {
    let summary = Summary::of(&definition.backend);
    let deployed = Deployed {
        region: region.to_string(),
        buckets: definition
            .backend
            .storages
            .iter()
            .map(|s| (s.name.clone(), bucket_name(&s.name)))
            .collect(),
        auth: definition
            .backend
            .auth
            .as_ref()
            .map(|_| cognito::ids(region)),
    };
    let mut value = outputs::build(&summary, &deployed, version);
    value["custom"] = json!({ outputs::LOCAL_ENDPOINT_KEY: format!("http://127.0.0.1:{port}") });
    value
}

/// Writes the local outputs file (atomically) and returns its path.
pub fn write_outputs(
    definition: &Definition,
    dir: &Path,
    region: &str,
    port: u16,
    format: OutputsFormat,
    version: OutputsVersion,
) -> anyhow::Result<PathBuf> {
    let value = outputs(definition, region, port, version);
    outputs::check(&value, version).map_err(|e| anyhow::anyhow!(e))?;
    Ok(outputs::write_atomic(
        dir,
        (format, version),
        &outputs::render(&value, format, version),
    )?)
}

/// Where and how the local sandbox serves and writes its outputs.
pub struct LocalSettings {
    pub root: PathBuf,
    pub port: u16,
    pub region: String,
    /// Page origins answered besides loopback ones (`--allow-origin`).
    pub allow_origins: Vec<String>,
    pub outputs_dir: PathBuf,
    pub format: OutputsFormat,
    pub version: OutputsVersion,
    /// Token lifetimes and sign-up confirmation of the local user pool.
    pub user_pool: cognito::Settings,
    /// Explain each denial in the terminal (off with `--quiet`).
    pub explain_denials: bool,
    /// Apply rules that take access away from existing objects without asking.
    pub yes: bool,
}

/// What a start has made ready to serve: the port taken, the local secret, the store
/// (its index read) and the definition applied to it.
pub struct Ready {
    pub listener: tokio::net::TcpListener,
    pub secrets: credentials::Secrets,
    pub store: Store,
    pub first: Definition,
}

/// Serves until Ctrl-C; every save under the watched folder is applied to the running
/// server (new buckets, new rules) and to the outputs file, without a restart.
pub async fn serve_and_watch(
    settings: &LocalSettings,
    ready: Ready,
    rules: &crate::watch::WatchRules,
    load: &(dyn Fn() -> Result<Definition, crate::diagnostic::Diagnostics> + Sync),
    ui: &dyn crate::report::Reporter,
) -> anyhow::Result<()> {
    let Ready {
        listener,
        secrets,
        store,
        first,
    } = ready;
    use std::sync::{Arc, RwLock};
    let state = Arc::new(RwLock::new(apply(&settings.root, &first)?));
    let (_watcher, mut events) = crate::watch::start(&rules.dir)?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let data = data_dir(&settings.root);
    let (notices, mut codes) = tokio::sync::mpsc::unbounded_channel();
    let (denied, mut denials) = tokio::sync::mpsc::unbounded_channel();
    let cognito = cognito::Cognito::open(
        &local_dir(&settings.root),
        &format!("http://127.0.0.1:{}", settings.port),
        &settings.region,
        Arc::clone(&state),
        secrets.clone(),
        settings.user_pool.clone(),
        notices,
    )?;
    let endpoint = server::Endpoint {
        region: settings.region.clone(),
        secrets,
        origins: server::Origins {
            extra: settings.allow_origins.clone(),
        },
        cognito: Arc::new(cognito),
        denials: settings
            .explain_denials
            .then(|| Arc::new(denials::Denials::new(&settings.root, denied.clone()))),
    };
    let keys = store.keys();
    let server = server::serve(store, listener, endpoint, Arc::clone(&state), async {
        let _ = stop_rx.await;
    });
    tokio::pin!(server);
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    ui.say(&format!(
        "[Sandbox] Local sandbox serving on http://127.0.0.1:{} (data in {})",
        settings.port,
        data.display()
    ));
    ui.say("[Sandbox] Watching for file changes...");
    loop {
        tokio::select! {
            result = &mut server => return result,
            Some(notice) = codes.recv() => ui.say(&notice.to_string()),
            Some(denial) = denials.recv() => ui.warn(&denial),
            _ = &mut ctrl_c => {
                let _ = stop_tx.send(());
                ui.say("Stopping the local sandbox. Its data stays in .amplify/local; `ampx-rs sandbox delete --local` removes it");
                return Ok(());
            }
            batch = events.recv() => {
                let Some(paths) = batch else { return Ok(()) };
                if !paths.iter().any(|p| rules.relevant(p)) {
                    continue;
                }
                crate::watch::settle(&mut events).await;
                let started = std::time::Instant::now();
                match load() {
                    Err(diagnostics) => {
                        ui.warn(&diagnostics.render());
                        ui.warn("[Sandbox] The definition has errors; the local buckets keep the last good rules.");
                    }
                    Ok(definition) if !access_change_confirmed(&settings.root, &definition.backend, &keys, settings.yes, ui) => {
                        ui.warn("[Sandbox] Not applied: the new rules take access away from objects that exist. Confirm on a terminal, or restart with --yes.");
                    }
                    Ok(definition) => {
                        let next = apply(&settings.root, &definition)?;
                        record_access(&settings.root, &definition.backend)?;
                        *state.write().map_err(|_| anyhow::anyhow!("the server state is poisoned"))? = next;
                        let file = write_outputs(&definition, &settings.outputs_dir, &settings.region, settings.port, settings.format, settings.version)?;
                        ui.say(&format!(
                            "[Sandbox] Local buckets updated in {:.1} ms; File written: {}",
                            started.elapsed().as_secs_f64() * 1000.0,
                            file.display()
                        ));
                    }
                }
                ui.say("[Sandbox] Watching for file changes...");
            }
        }
    }
}

/// Where the access table last applied to the local store is kept.
fn applied_access_file(root: &Path) -> PathBuf {
    local_dir(root).join("access.json")
}

/// Keeps the access table of `backend` as the one applied, in one step.
pub fn record_access(root: &Path, backend: &crate::model::Backend) -> std::io::Result<()> {
    crate::access::diff::save(
        &applied_access_file(root),
        &crate::access::diff::cells(backend),
    )
}

/// The store the local sandbox serves, opened (its index read) once.
pub fn open_store(root: &Path) -> anyhow::Result<store::Store> {
    store::Store::open(&data_dir(root))
}

pub use store::{Keys, Store};

/// Prints who gains and who loses access since the rules last applied here (with the
/// objects under each path), and whether to go ahead: yes, unless access to existing
/// objects is lost and neither `--yes` nor the developer's answer allows it.
pub fn access_change_confirmed(
    root: &Path,
    after: &crate::model::Backend,
    keys: &store::Keys,
    yes: bool,
    ui: &dyn crate::report::Reporter,
) -> bool {
    let before = crate::access::diff::load(&applied_access_file(root));
    if before.is_empty() {
        // Nothing applied yet: nothing anyone had is taken away.
        return true;
    }
    let changes = crate::access::diff::between(&before, &crate::access::diff::cells(after));
    let counts: Vec<Option<usize>> = changes
        .iter()
        .map(|change| {
            Some(keys.count(
                &bucket_name(&change.bucket),
                |key| crate::access::path_covers(&change.path, key),
                crate::access::diff::COUNTED_AT_MOST + 1,
            ))
        })
        .collect();
    let (lines, losing) = crate::access::diff::report(&changes, &counts);
    for line in &lines {
        ui.say(line);
    }
    if losing == 0 || yes {
        return true;
    }
    ui.confirm("These rules take access away from objects that exist. Apply them?") == Some(true)
}

/// Removes every local bucket and its data.
pub fn delete(root: &Path) -> std::io::Result<bool> {
    let dir = local_dir(root);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
        return Ok(true);
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::example;

    #[test]
    fn local_bucket_names_are_valid() {
        for (friendly, local) in [
            ("amplifyTeamDrive", "local-amplifyteamdrive"),
            (
                "gen2-multi-cursor-demo-app",
                "local-gen2-multi-cursor-demo-app",
            ),
            ("my files_v2", "local-my-files-v2"),
        ] {
            assert_eq!(bucket_name(friendly), local);
            assert!(crate::buckets::is_valid_bucket_name(local), "{local}");
        }
        assert!(bucket_name(&"x".repeat(200)).len() <= 63);
    }

    #[test]
    fn local_outputs_validate_and_name_the_endpoint() {
        for name in ["team-drive", "social-room", "two-buckets"] {
            let value = outputs(&example(name), "us-east-1", 20005, OutputsVersion::V1_5);
            outputs::check(&value, OutputsVersion::V1_5).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                value["custom"][outputs::LOCAL_ENDPOINT_KEY],
                "http://127.0.0.1:20005"
            );
            assert_eq!(value["auth"]["unauthenticated_identities_enabled"], true);
            assert!(
                value["auth"]["identity_pool_id"]
                    .as_str()
                    .is_some_and(|i| i.starts_with("us-east-1:"))
            );
        }
    }
}
