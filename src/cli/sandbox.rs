//! `ampx-rs sandbox`, `sandbox delete`, `sandbox status`: a per-developer cloud stack.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::exit::Exit;
use super::files::{ActingAs, Who, block_on};
use super::left_out;
use super::printer::Printer;
use super::settings::{GlobalArgs, local_region};
use super::terminal::TerminalUi;
use crate::aws::cloudformation::CloudStack;
use crate::aws::{Aws, AwsSettings};
use crate::error::UsageError;
use crate::local::credentials::{Secrets, secret_file};
use crate::outputs::{OutputsFormat, OutputsVersion};
use crate::project;
use crate::project::Project;
use crate::report::Reporter as _;
use crate::sandbox::naming::{check_identifier, default_identifier, stack_name};
use crate::sandbox::{self, Outcome, Settings};
use crate::watch::WatchRules;

/// Deploy the backend as your own sandbox stack, keep it in step with your files
///
/// Reads amplify/ without Node, deploys its storage and auth as one CloudFormation
/// stack (no CDK bootstrap), writes amplify_outputs.json, then watches amplify/ and
/// redeploys on save. Ctrl-C stops watching; the sandbox stays until `ampx-rs sandbox
/// delete`. Data, functions and CDK code are left out by name (see --without-left-out);
/// `--local` runs the backend on this machine instead. `npx ampx`'s function-log flags
/// (--stream-function-logs, --logs-filter, --logs-out-file) are accepted and do nothing,
/// with a note: there are no functions to stream logs from.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(super) struct SandboxArgs {
    #[command(subcommand)]
    action: Option<SandboxAction>,

    /// An optional identifier to distinguish between different sandboxes. Default is
    /// the name of the system user executing the process
    #[arg(long, global = true, value_name = "ID")]
    identifier: Option<String>,

    /// Directory to watch for file changes (default: the project's amplify/)
    #[arg(long, value_name = "DIR")]
    dir_to_watch: Option<PathBuf>,

    /// Paths or globs to ignore when watching (repeatable)
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Directory where amplify_outputs is written (default: the project root)
    #[arg(long, value_name = "DIR")]
    outputs_out_dir: Option<PathBuf>,

    /// amplify_outputs file format: json, dart; mjs, ts, json-mobile with --outputs-version 0
    #[arg(long, value_parser = super::outputs_format(), default_value_t = OutputsFormat::Json)]
    outputs_format: OutputsFormat,

    /// Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy
    /// amplifyconfiguration (with the mjs, ts and json-mobile formats)
    #[arg(long, value_name = "V", default_value_t = OutputsVersion::V1_5)]
    outputs_version: OutputsVersion,

    /// Deploy once and exit, without watching for changes
    #[arg(long, conflicts_with_all = ["dir_to_watch", "exclude"])]
    once: bool,

    /// Deploy with CloudFormation Express mode (faster; a failed deploy is not rolled back)
    #[arg(long)]
    express: bool,

    /// Deploy storage and auth even when parts of the backend that ampx-rs leaves out
    /// (CDK grants or policy overrides in backend.ts, allow.resource) change who may do
    /// what; those parts stay undeployed
    #[arg(long)]
    without_left_out: bool,

    /// Do not ask before a deploy or delete that loses data, or (--local) before rules
    /// that take access away from objects that exist
    #[arg(short, long, global = true)]
    yes: bool,

    /// Run the backend on this machine instead: S3, a user pool and identities on
    /// 127.0.0.1 with the same access rules, data under .amplify/local/, no AWS account
    /// needed
    #[arg(long, global = true)]
    local: bool,

    /// Port of the local sandbox (0: a free one, named in the outputs)
    #[arg(long, value_name = "N", default_value_t = crate::local::DEFAULT_PORT, requires = "local")]
    port: u16,

    /// A page origin the local sandbox answers besides localhost, 127.0.0.1 and [::1]
    /// (repeatable), e.g. https://dev.example.com
    #[arg(long, value_name = "ORIGIN", requires = "local")]
    allow_origin: Vec<String>,

    /// Confirm the local user pool's sign-ups without a code
    #[arg(long, requires = "local")]
    auto_confirm: bool,

    /// Lifetime of the local user pool's id and access tokens, in seconds (Amplify's
    /// default is 3600; a short one lets an app's token refresh be tried)
    #[arg(long, value_name = "SECONDS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(5..=86_400), requires = "local")]
    token_lifetime: u64,

    /// `npx ampx`'s function-log flags, accepted so its scripts run unchanged: ampx-rs
    /// leaves functions out, so there are no function logs to stream (a note says so)
    #[command(flatten)]
    function_logs: FunctionLogs,
}

/// `--stream-function-logs`, `--logs-filter` and `--logs-out-file`, as `npx ampx sandbox`
/// takes them.
#[derive(Debug, Clone, Default, clap::Args)]
struct FunctionLogs {
    /// Accepted for `npx ampx` scripts; functions' logs are not streamed by ampx-rs
    #[arg(long, hide = true)]
    stream_function_logs: bool,

    /// Accepted for `npx ampx` scripts (with --stream-function-logs)
    #[arg(long, value_name = "REGEX", hide = true)]
    logs_filter: Vec<String>,

    /// Accepted for `npx ampx` scripts (with --stream-function-logs)
    #[arg(long, value_name = "FILE", hide = true)]
    logs_out_file: Option<PathBuf>,
}

impl FunctionLogs {
    /// The note for scripts that ask for function logs.
    fn note(&self) -> Option<&'static str> {
        let asked = self.stream_function_logs
            || !self.logs_filter.is_empty()
            || self.logs_out_file.is_some();
        asked.then_some(
            "[Sandbox] Functions' logs are not streamed by ampx-rs: it leaves functions out \
             (they deploy with `npx ampx sandbox`), so --stream-function-logs, --logs-filter \
             and --logs-out-file do nothing here.",
        )
    }
}

#[derive(Debug, clap::Subcommand)]
enum SandboxAction {
    /// Delete the sandbox: empty its buckets, delete its stack, remove amplify_outputs
    Delete,
    /// Show the sandbox stack: state, last deploy, buckets (the cloud sandbox)
    Status {
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Print `export` lines that point any S3 client at the local sandbox (with --local)
    ///
    /// AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION, as the
    /// owner (full access) or as an app user: eval "$(ampx-rs sandbox env --local)"
    Env {
        #[command(flatten)]
        acting: ActingAs,
    },
    /// The local user pool's users: add, list, remove, group add|remove
    ///
    /// Users added here sign in to the app against `sandbox --local` and act as
    /// themselves in file commands with `--as user:EMAIL`. Their records (salted SRP
    /// verifiers, never passwords) live in .amplify/local/users/.
    Users(super::users::UsersArgs),
}

/// Settings shared by the sandbox commands.
struct Resolved {
    project: Project,
    settings: Settings,
}

fn resolve(args: &SandboxArgs, aws: &Aws, cwd: &Path) -> anyhow::Result<Resolved> {
    let project = Project::discover(cwd)?;
    let identifier = match &args.identifier {
        Some(id) => id.clone(),
        None => default_identifier()?,
    };
    check_identifier(&identifier)?;
    let namespace = project.namespace()?;
    let outputs_dir = match &args.outputs_out_dir {
        Some(dir) => cwd.join(dir),
        None => project.root.clone(),
    };
    let stack = stack_name(&namespace, &identifier);
    let settings = Settings {
        access_record: Some(
            project
                .root
                .join(".amplify")
                .join("sandbox-access")
                .join(format!("{stack}.json")),
        ),
        stack,
        identifier,
        region: aws.region_or_configured(None)?,
        outputs_dir,
        format: args.outputs_format,
        version: args.outputs_version,
        express: args.express,
        yes: args.yes,
    };
    Ok(Resolved { project, settings })
}

pub(super) fn run(args: &SandboxArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    if let Some(note) = args.function_logs.note() {
        Printer::new(global).note(note);
    }
    if let Some(SandboxAction::Users(users)) = &args.action {
        return super::users::run(users, global, cwd);
    }
    args.outputs_format.check_version(args.outputs_version)?;
    if args.local {
        return block_on(local(args, global, cwd));
    }
    if let Some(SandboxAction::Env { .. }) = &args.action {
        return Err(
            UsageError::new("`sandbox env` prints the credentials of the local sandbox")
                .hint("pass --local: eval \"$(ampx-rs sandbox env --local)\"")
                .into(),
        );
    }
    // Input errors first: they need no AWS configuration to be reported.
    if let Some(id) = &args.identifier {
        check_identifier(id)?;
    }
    let project = Project::discover(cwd)?;
    // Refused before any AWS call: the stack would grant less (or more) than the
    // definition says.
    if args.action.is_none()
        && !args.without_left_out
        && let Ok(definition) = project::load(&project.root, cwd)
        && let Some(errors) = left_out::access_errors(&definition)
    {
        left_out::print(&definition, "deploys", Printer::new(global));
        return Err(errors.into());
    }
    block_on(async move {
        let aws = Aws::load(&AwsSettings {
            profile: global.profile.clone(),
            region: global.region.clone(),
        })
        .await?;
        let Resolved { project, settings } = resolve(args, &aws, cwd)?;
        let ui = TerminalUi::new(Printer::new(global));
        match &args.action {
            Some(SandboxAction::Delete) => delete(&aws, &settings, &project.root, &ui).await,
            Some(SandboxAction::Status { json }) => {
                status(&aws, &settings, *json, Printer::new(global)).await
            }
            Some(SandboxAction::Env { .. } | SandboxAction::Users(_)) => {
                unreachable!("answered before AWS is loaded")
            }
            None => {
                start(
                    args,
                    &aws,
                    &project,
                    &settings,
                    cwd,
                    (&ui, Printer::new(global)),
                )
                .await
            }
        }
    })
}

/// `sandbox env --local`: `export` lines for any S3 client, as the owner or as `who`.
fn print_env(
    project: &Project,
    outputs_dir: &Path,
    port: u16,
    global: &GlobalArgs,
    who: Option<&Who>,
) -> anyhow::Result<Exit> {
    use crate::local::credentials::OWNER_ACCESS_KEY;
    let who = who
        .map(|w| w.caller(&project.root, &project.root, &local_region(global)))
        .transpose()?;
    let access_key = match who.as_ref() {
        Some(who) => crate::local::credentials::access_key_for(who),
        None => OWNER_ACCESS_KEY.to_string(),
    };
    let secrets = Secrets::load(&project.root)?.ok_or_else(|| {
        UsageError::new("the local sandbox has not run in this project yet")
            .hint("start it with `ampx-rs sandbox --local`")
    })?;
    // The endpoint the outputs name (the port it was started with), else the default.
    let outputs = outputs_dir.join(OutputsFormat::Json.file_name(OutputsVersion::V1_5));
    let endpoint = std::fs::read(&outputs)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| {
            v["custom"][crate::outputs::LOCAL_ENDPOINT_KEY]
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
    let quote = |value: &str| format!("'{}'", value.replace('\'', "'\\''"));
    // AWS_ENDPOINT_URL is honoured by the AWS CLI from 1.29 and 2.13 and by current
    // SDKs; older clients (Debian 12's aws 2.9) would send the local key to AWS.
    Printer::new(global).out(format_args!(
        "# older AWS CLIs ignore AWS_ENDPOINT_URL: pass it, e.g. aws --endpoint-url {} s3 ls",
        quote(&endpoint)
    ));
    for (name, value) in [
        ("AWS_ENDPOINT_URL", endpoint),
        ("AWS_ACCESS_KEY_ID", access_key.clone()),
        ("AWS_SECRET_ACCESS_KEY", secrets.secret_for(&access_key)),
        ("AWS_REGION", local_region(global)),
    ] {
        Printer::new(global).out(format_args!("export {name}={}", quote(&value)));
    }
    Ok(Exit::Done)
}

/// `sandbox --local` and `sandbox delete --local`: no AWS account, config or region.
async fn local(args: &SandboxArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let project = Project::discover(cwd)?;
    let ui = TerminalUi::new(Printer::new(global));
    let outputs_dir = match &args.outputs_out_dir {
        Some(dir) => cwd.join(dir),
        None => project.root.clone(),
    };
    if let Some(SandboxAction::Env { acting }) = &args.action {
        return print_env(
            &project,
            &outputs_dir,
            args.port,
            global,
            acting.who.as_ref(),
        );
    }
    // Taken before anything is written or deleted, so a second local sandbox (whatever
    // its --identifier: they all share one store), or one that cannot get its port,
    // changes nothing of the one that runs.
    let _lock = sandbox::lock_local_store(&project.root)?;
    if let Some(SandboxAction::Delete) = &args.action {
        return delete_local(args, &project, &outputs_dir, &ui);
    }
    refuse_for_local(args)?;
    let mut settings = local_settings(args, global, &project, outputs_dir);
    let load = left_out::loader(&project.root, cwd, "serves", false, Printer::new(global));
    let listener = match args.once {
        true => None,
        false => Some(crate::local::server::bind(settings.port).await?),
    };
    // `--port 0` lets the system choose: the outputs and the banner name the port bound.
    if let Some(bound) = listener.as_ref().and_then(|l| l.local_addr().ok()) {
        settings.port = bound.port();
    }
    let secrets = Secrets::load_or_create(&settings.root).map_err(|e| {
        anyhow::anyhow!(
            "cannot read or create {}: {e}",
            secret_file(&settings.root).display()
        )
    })?;
    let started = Instant::now();
    let definition = load()?;
    let store = crate::local::open_store(&settings.root)?;
    if !crate::local::access_change_confirmed(
        &settings.root,
        &definition.backend,
        &store.keys(),
        args.yes,
        &ui,
    ) {
        return Err(UsageError::new(
            "not applied: the rules take access away from objects that exist; nothing was changed",
        )
        .hint("confirm on a terminal, or pass --yes to apply them")
        .into());
    }
    crate::local::apply(&settings.root, &definition)?;
    crate::local::record_access(&settings.root, &definition.backend)?;
    let file = crate::local::write_outputs(
        &definition,
        &settings.outputs_dir,
        &settings.region,
        settings.port,
        settings.format,
        settings.version,
    )?;
    ui.say(&format!(
        "[Sandbox] Local buckets ready in {:.1} ms; File written: {}",
        started.elapsed().as_secs_f64() * 1000.0,
        file.display()
    ));
    let Some(listener) = listener else {
        return Ok(Exit::Done);
    };
    let rules = watch_rules(
        args,
        &project,
        cwd,
        &settings
            .outputs_dir
            .join(settings.format.file_name(settings.version)),
    )?;
    let ready = crate::local::Ready {
        listener,
        secrets,
        store,
        first: definition,
    };
    crate::local::serve_and_watch(&settings, ready, &rules, &load, &ui).await?;
    Ok(Exit::Done)
}

/// What `sandbox --local` refuses before it does anything.
fn refuse_for_local(args: &SandboxArgs) -> Result<(), UsageError> {
    if args.action.is_some() {
        return Err(UsageError::new(
            "`sandbox status` describes the cloud sandbox; the local one is in .amplify/local",
        )
        .hint(
            "the local sandbox runs in the foreground (`ampx-rs sandbox --local`); \
             `ampx-rs sandbox env --local` prints its endpoint and credentials",
        ));
    }
    if args.once && args.port == 0 {
        return Err(UsageError::new(
            "--once writes outputs for a later server: --port 0 names no port",
        )
        .hint("give the port the sandbox will serve on, or leave --port out for 20005"));
    }
    Ok(())
}

/// `sandbox delete --local`: the local data and the outputs file, after asking.
fn delete_local(
    args: &SandboxArgs,
    project: &Project,
    outputs_dir: &Path,
    ui: &TerminalUi,
) -> anyhow::Result<Exit> {
    if !confirmed_delete(ui, "all the data of your local sandbox", args.yes)? {
        return Ok(Exit::Failed);
    }
    let existed = crate::local::delete(&project.root)?;
    let file = outputs_dir.join(args.outputs_format.file_name(args.outputs_version));
    if file.exists() {
        std::fs::remove_file(&file)?;
    }
    ui.say(if existed {
        "[Sandbox] Local sandbox deleted."
    } else {
        "[Sandbox] There is no local sandbox data; nothing to delete."
    });
    Ok(Exit::Done)
}

/// The local sandbox's settings from its flags.
fn local_settings(
    args: &SandboxArgs,
    global: &GlobalArgs,
    project: &Project,
    outputs_dir: PathBuf,
) -> crate::local::LocalSettings {
    crate::local::LocalSettings {
        root: project.root.clone(),
        port: args.port,
        allow_origins: args.allow_origin.clone(),
        region: local_region(global),
        outputs_dir,
        format: args.outputs_format,
        version: args.outputs_version,
        user_pool: crate::local::cognito::Settings {
            token_seconds: args.token_lifetime,
            auto_confirm: args.auto_confirm,
        },
        explain_denials: !global.quiet,
        yes: args.yes,
    }
}

async fn start(
    args: &SandboxArgs,
    aws: &Aws,
    project: &Project,
    settings: &Settings,
    cwd: &Path,
    (ui, printer): (&TerminalUi, Printer),
) -> anyhow::Result<Exit> {
    let _lock = sandbox::lock(&project.root, &settings.identifier)?;
    ui.say(&format!(
        "Amplify Sandbox (ampx-rs)\n  Identifier: {}\n  Stack: {}\n  Region: {}",
        settings.identifier, settings.stack, settings.region
    ));
    if args.identifier.is_none() {
        ui.say("  To specify a different sandbox identifier, use --identifier");
    }
    sandbox::ensure_placeholder(settings)?;
    let load = left_out::loader(
        &project.root,
        cwd,
        "deploys",
        !args.without_left_out,
        printer,
    );
    if args.once {
        let started = Instant::now();
        let definition = load()?;
        let checked = started.elapsed();
        let deploy_started = Instant::now();
        let cloud = CloudStack::new(aws, &settings.region);
        let outcome = sandbox::deploy(&cloud, settings, &definition, ui).await?;
        if let Outcome::Refused(why) = outcome {
            return Err(
                UsageError::new(format!("not deployed: {why}; nothing was changed"))
                    .hint("confirm on a terminal, or pass --yes to deploy anyway")
                    .into(),
            );
        }
        let deployed = deploy_started.elapsed();
        let write_started = Instant::now();
        let file = sandbox::write_outputs(&cloud, settings, ui).await?;
        ui.say(&format!(
            "[Sandbox] {}. Checked definition in {:.1} ms, deploy {:.1} s, outputs {:.0} ms. File written: {}",
            if outcome == Outcome::Deployed { "Deployment completed" } else { "No changes to deploy" },
            checked.as_secs_f64() * 1000.0,
            deployed.as_secs_f64(),
            write_started.elapsed().as_secs_f64() * 1000.0,
            file.display()
        ));
        return Ok(Exit::Done);
    }
    let rules = watch_rules(args, project, cwd, &settings.outputs_file())?;
    let cloud = CloudStack::new(aws, &settings.region);
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    sandbox::watch::run(&cloud, settings, &rules, &load, ui, ctrl_c).await?;
    Ok(Exit::Done)
}

/// `ampx`'s delete question on a terminal (default no); `--yes` is needed without one.
fn confirmed_delete(ui: &TerminalUi, what: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    let question = format!("Are you sure you want to delete {what} (This can't be undone)?");
    ui.confirm(&question).ok_or_else(|| {
        UsageError::new(
            "refusing to delete the sandbox without confirmation: standard input is not a terminal",
        )
        .hint("pass --yes to delete without asking")
        .into()
    })
}

/// What to watch: `--dir-to-watch` (which must exist) or the project's amplify/.
fn watch_rules(
    args: &SandboxArgs,
    project: &Project,
    cwd: &Path,
    outputs_file: &Path,
) -> anyhow::Result<WatchRules> {
    let dir = match &args.dir_to_watch {
        Some(d) => {
            let d = cwd.join(d);
            if !d.is_dir() {
                return Err(UsageError::new(format!(
                    "--dir-to-watch {} does not exist or is not a directory",
                    d.display()
                ))
                .into());
            }
            d
        }
        None => project.root.join("amplify"),
    };
    Ok(WatchRules::new(
        &project.root,
        &dir,
        cwd,
        &args.exclude,
        outputs_file,
    )?)
}

async fn delete(
    aws: &Aws,
    settings: &Settings,
    root: &Path,
    ui: &TerminalUi,
) -> anyhow::Result<Exit> {
    if !confirmed_delete(
        ui,
        "all the resources in your sandbox environment",
        settings.yes,
    )? {
        return Ok(Exit::Failed);
    }
    // Test users ampx-rs made for --as go first, while their pool still exists.
    let outputs = std::fs::read(settings.outputs_file())
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    if let Some(auth) = outputs
        .as_ref()
        .and_then(crate::buckets::DeployedAuth::from_outputs)
    {
        let n =
            crate::aws::app_users::delete_test_users(aws, &auth.region, &auth.user_pool_id, root)
                .await?;
        if n > 0 {
            ui.say(&format!(
                "[Sandbox] Deleted {n} test user(s) of --as from {}",
                auth.user_pool_id
            ));
        }
    }
    if sandbox::delete(&CloudStack::new(aws, &settings.region), settings, ui).await? {
        ui.say("[Sandbox] Finished deleting.");
    } else {
        ui.say(&format!(
            "[Sandbox] There is no sandbox stack {}; nothing to delete.",
            settings.stack
        ));
    }
    Ok(Exit::Done)
}

/// What `sandbox status` reports, gathered once and rendered as text or JSON.
#[derive(Debug, serde::Serialize)]
struct StackStatus {
    identifier: String,
    stack: String,
    region: String,
    status: Option<String>,
    status_reason: Option<String>,
    managed_by_ampx_rs: Option<bool>,
    last_deploy: Option<String>,
    buckets: Vec<StackBucket>,
}

#[derive(Debug, serde::Serialize)]
struct StackBucket {
    logical_id: String,
    bucket_name: String,
}

impl StackStatus {
    async fn gather(aws: &Aws, settings: &Settings) -> anyhow::Result<StackStatus> {
        use crate::sandbox::StackApi as _;
        let cloud = CloudStack::new(aws, &settings.region);
        let existing = cloud.describe(&settings.stack).await?;
        let (last, reason) = cloud
            .details(&settings.stack)
            .await?
            .unwrap_or((None, None));
        let buckets = match &existing {
            Some(_) => cloud
                .resources(&settings.stack)
                .await?
                .into_iter()
                .filter(|r| r.resource_type == "AWS::S3::Bucket")
                .map(|r| StackBucket {
                    logical_id: r.logical_id,
                    bucket_name: r.physical_id,
                })
                .collect(),
            None => Vec::new(),
        };
        Ok(StackStatus {
            identifier: settings.identifier.clone(),
            stack: settings.stack.clone(),
            region: settings.region.clone(),
            status: existing.as_ref().map(|e| e.status.clone()),
            status_reason: reason,
            managed_by_ampx_rs: existing.as_ref().map(|e| e.ours()),
            last_deploy: last
                .and_then(|s| jiff::Timestamp::from_second(s).ok())
                .map(|t| t.to_string()),
            buckets,
        })
    }

    fn text(&self) -> Vec<String> {
        let mut lines = vec![
            format!("identifier  {}", self.identifier),
            format!("stack       {}", self.stack),
            format!("region      {}", self.region),
        ];
        let Some(status) = &self.status else {
            lines.push("status      not deployed".into());
            return lines;
        };
        let foreign = if self.managed_by_ampx_rs == Some(false) {
            " (not created by ampx-rs)"
        } else {
            ""
        };
        lines.push(format!("status      {status}{foreign}"));
        lines.extend(self.last_deploy.iter().map(|l| format!("last deploy {l}")));
        lines.extend(
            self.buckets
                .iter()
                .map(|b| format!("bucket      {} ({})", b.bucket_name, b.logical_id)),
        );
        lines
    }
}

async fn status(
    aws: &Aws,
    settings: &Settings,
    as_json: bool,
    printer: Printer,
) -> anyhow::Result<Exit> {
    let status = StackStatus::gather(aws, settings).await?;
    if as_json {
        printer.out(serde_json::to_string(&status)?);
    } else {
        status.text().iter().for_each(|line| printer.out(line));
    }
    Ok(Exit::Done)
}
