//! `ampx-rs sandbox users`: the local user pool's users from the shell.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::printer::Printer;
use super::settings::GlobalArgs;
use crate::error::UsageError;
use crate::local::cognito::identity::identity_id_for;
use crate::local::cognito::users::{Status, User, Users, new_uuid, now};
use crate::local::cognito::{check_password, password_record};
use crate::local::credentials::Secrets;
use crate::project::{self, Project};

#[derive(Debug, clap::Args)]
pub(super) struct UsersArgs {
    #[command(subcommand)]
    what: UsersCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UsersCommand {
    /// Add a confirmed user (email verified) who can sign in at once
    ///
    /// Without --password, a temporary password is printed and the user must choose a
    /// new one at first sign-in (Cognito's FORCE_CHANGE_PASSWORD).
    Add {
        /// The user's email address (or phone number, +15555550100)
        #[arg(value_name = "EMAIL")]
        login: String,
        /// The password, held to the pool's policy: 8 characters with upper and lower
        /// case, a number and a symbol
        #[arg(long, value_name = "P")]
        password: Option<String>,
        /// A group of the definition to put the user in (repeatable)
        #[arg(long = "group", value_name = "G")]
        groups: Vec<String>,
        /// Another attribute, e.g. name=Alice or custom:team=red (repeatable)
        #[arg(long = "attribute", value_name = "K=V", value_parser = attribute)]
        attributes: Vec<(String, String)>,
    },
    /// List the users: login, status, groups, identity id
    List {
        /// Print one JSON object per line: {login, sub, status, groups, identity_id}
        #[arg(long)]
        json: bool,
    },
    /// Remove a user (their files stay)
    Remove {
        #[arg(value_name = "EMAIL")]
        login: String,
    },
    /// Put a user in a group, or take them out
    Group {
        #[command(subcommand)]
        change: GroupChange,
    },
}

#[derive(Debug, clap::Subcommand)]
enum GroupChange {
    /// Put EMAIL in GROUP
    Add {
        #[arg(value_name = "EMAIL")]
        login: String,
        #[arg(value_name = "GROUP")]
        group: String,
    },
    /// Take EMAIL out of GROUP
    Remove {
        #[arg(value_name = "EMAIL")]
        login: String,
        #[arg(value_name = "GROUP")]
        group: String,
    },
}

fn attribute(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("'{text}' is not NAME=VALUE, e.g. name=Alice")),
    }
}

/// The region identity ids are made in: as `sandbox --local` chooses it.
fn region(global: &GlobalArgs) -> String {
    super::settings::local_region(global)
}

pub(super) fn run(args: &UsersArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let project = Project::discover(cwd)?;
    let local = crate::local::local_dir(&project.root);
    let users = Users::new(&local);
    let printer = Printer::new(global);
    let groups = defined_groups(&project.root, cwd);
    match &args.what {
        UsersCommand::Add {
            login,
            password,
            groups: wanted,
            attributes,
        } => add(
            &users,
            (login, password.as_deref()),
            wanted,
            attributes,
            &groups,
            printer,
        )?,
        UsersCommand::List { json } => {
            let secrets = Secrets::load_or_create(&project.root)?;
            let region = region(global);
            for user in users.list()? {
                let identity = identity_id_for(&secrets, &region, &user.sub);
                if *json {
                    printer.out(json!({
                        "login": user.display_name(),
                        "sub": user.sub,
                        "status": user.status.as_str(),
                        "groups": user.groups,
                        "identity_id": identity,
                    }));
                } else {
                    let groups = if user.groups.is_empty() {
                        "-".to_string()
                    } else {
                        user.groups.join(",")
                    };
                    printer.out(format_args!(
                        "{}  {}  groups: {groups}  identity: {identity}",
                        crate::shown::shown(user.display_name()),
                        user.status.as_str()
                    ));
                }
            }
        }
        UsersCommand::Remove { login } => {
            let user = found(&users, login)?;
            users.remove(&user.sub)?;
            printer.out(format_args!("Removed {login}"));
        }
        UsersCommand::Group { change } => {
            let (login, group, add) = match change {
                GroupChange::Add { login, group } => (login, group, true),
                GroupChange::Remove { login, group } => (login, group, false),
            };
            let mut user = found(&users, login)?;
            if add {
                check_group(group, &groups)?;
                if !user.groups.contains(group) {
                    user.groups.push(group.clone());
                }
            } else {
                user.groups.retain(|g| g != group);
            }
            user.modified = now();
            users.save(&user)?;
            printer.out(format_args!(
                "{login} is in: {}",
                if user.groups.is_empty() {
                    "no group".into()
                } else {
                    user.groups.join(", ")
                }
            ));
        }
    }
    Ok(Exit::Done)
}

/// `users add`: a confirmed user (email verified) with a password, or a temporary one.
fn add(
    users: &Users,
    (login, password): (&str, Option<&str>),
    wanted: &[String],
    attributes: &[(String, String)],
    groups: &Option<Vec<String>>,
    printer: Printer,
) -> anyhow::Result<()> {
    if users.find(login)?.is_some() {
        return Err(
            UsageError::new(format!("the local user pool has a user '{login}' already"))
                .hint("remove it first with `ampx-rs sandbox users remove`")
                .into(),
        );
    }
    for group in wanted {
        check_group(group, groups)?;
    }
    let (password, temporary) = match password {
        Some(p) => (p.to_string(), false),
        None => (temporary_password(), true),
    };
    check_password(&password)
        .map_err(|e| UsageError::new(e.message).hint("pass another --password"))?;
    let sub = new_uuid();
    let (salt, verifier) = password_record(&sub, &password);
    let contact = if login.contains('@') {
        "email"
    } else {
        "phone_number"
    };
    let mut attrs: BTreeMap<String, String> = attributes.iter().cloned().collect();
    attrs.insert(contact.to_string(), login.to_string());
    attrs.insert(format!("{contact}_verified"), "true".into());
    users.save(&User {
        groups: wanted.to_vec(),
        ..User::new(
            sub,
            if temporary {
                Status::ForceChangePassword
            } else {
                Status::Confirmed
            },
            attrs,
            (salt, verifier),
        )
    })?;
    if temporary {
        printer.out(format_args!("Added {login}; temporary password: {password} (a new one is asked for at first sign-in)"));
    } else {
        printer.out(format_args!("Added {login}"));
    }
    Ok(())
}

/// The definition's groups, when it loads (users can be managed while it has errors).
fn defined_groups(root: &Path, cwd: &Path) -> Option<Vec<String>> {
    project::load(root, cwd)
        .ok()?
        .backend
        .auth
        .map(|a| a.groups)
}

fn check_group(group: &str, defined: &Option<Vec<String>>) -> Result<(), UsageError> {
    match defined {
        Some(groups) if !groups.iter().any(|g| g == group) => Err(UsageError::new(format!(
            "the definition has no group '{group}'"
        ))
        .hint(match groups.is_empty() {
            true => {
                "add it to defineAuth({ groups: [...] }) in amplify/auth/resource.ts".to_string()
            }
            false => format!("its groups are: {}", groups.join(", ")),
        })),
        _ => Ok(()),
    }
}

fn found(users: &Users, login: &str) -> anyhow::Result<User> {
    users.find(login)?.ok_or_else(|| {
        UsageError::new(format!(
            "the local user pool has no user '{}'",
            crate::shown::shown(login)
        ))
        .hint("`ampx-rs sandbox users list` lists them")
        .into()
    })
}

/// A temporary password that meets the policy, as Cognito's invitations carry.
fn temporary_password() -> String {
    let mut bytes = [0u8; 9];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    format!(
        "Tmp-{}9a",
        data_encoding::BASE32_NOPAD
            .encode(&bytes)
            .to_lowercase()
            .replace(['0', '1'], "x")
    )
}
