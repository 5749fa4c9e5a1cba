//! `ampx-rs ls`: the configured buckets, or the objects under a prefix, as `aws s3 ls`
//! prints them (or JSON Lines).

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, block_on};
use super::printer::{Printer, human_size, shown};
use super::settings::GlobalArgs;
use crate::aws::s3::ObjectInfo;
use crate::buckets::{Catalog, S3Uri, find_outputs};

/// List the configured buckets, or the objects in one
///
/// Without an argument: every bucket amplify_outputs.json configures, with its physical
/// name, region and access paths. With s3://NAME[/PREFIX]: folders (PRE) and objects
/// under the prefix, as `aws s3 ls` prints them.
#[derive(Debug, clap::Args)]
pub(super) struct LsArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// s3://NAME[/PREFIX] to list; omit to list the configured buckets
    #[arg(value_name = "S3URI")]
    pub uri: Option<S3Uri>,

    /// List every object under the prefix, not just one level
    #[arg(short, long)]
    pub recursive: bool,

    /// Show sizes as KiB, MiB, GiB…
    #[arg(short = 'H', long)]
    pub human_readable: bool,

    /// End with the number of objects and their total size
    #[arg(long)]
    pub summarize: bool,

    /// Print JSON Lines (one object per line; fields in docs/ls.md)
    #[arg(long)]
    pub json: bool,
}

/// `2024-05-01 13:45:10` in local time, as `aws s3 ls` prints dates.
fn local_time(epoch_seconds: Option<i64>) -> String {
    let Some(secs) = epoch_seconds else {
        return " ".repeat(19);
    };
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => " ".repeat(19),
    }
}

fn rfc3339(epoch_seconds: Option<i64>) -> serde_json::Value {
    epoch_seconds
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or(serde_json::Value::Null, |t| json!(t.to_string()))
}

pub(super) fn run(args: &LsArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    match &args.uri {
        None => list_buckets(args, global, cwd),
        Some(uri) => block_on(async move {
            let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
            list_objects(&ctx, args, uri).await
        }),
    }
}

/// The configured buckets: read from the outputs file alone, no AWS call.
fn list_buckets(args: &LsArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let printer = Printer::new(global);
    let catalog = match find_outputs(global.outputs.as_deref(), cwd) {
        Some(path) => Catalog::load(&path)?,
        None => Catalog::default(),
    };
    if catalog.buckets.is_empty() {
        return Err(crate::error::UsageError::new("no buckets are configured")
            .hint(catalog.known_names())
            .into());
    }
    for b in &catalog.buckets {
        if args.json {
            printer.out(
                json!({ "name": b.name, "bucket_name": b.bucket_name, "region": b.region, "default": b.is_default, "paths": b.paths }),
            );
            continue;
        }
        printer.out(format_args!(
            "{}{}  {}  {}",
            b.name,
            if b.is_default { " (default)" } else { "" },
            b.bucket_name,
            b.region
        ));
        for (path, who) in b.paths.iter().flatten() {
            let grants: Vec<String> = who
                .as_object()
                .into_iter()
                .flatten()
                .map(|(principal, actions)| {
                    let actions: Vec<&str> = actions
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|a| a.as_str())
                        .collect();
                    format!("{}: {}", principal_label(principal), actions.join(","))
                })
                .collect();
            let path = crate::buckets::definition_form(path);
            printer.out(format_args!("    {path}  {}", grants.join("; ")));
        }
    }
    Ok(Exit::Done)
}

/// `groupsadmin` → `group admin`, `entityidentity` → `owner`.
fn principal_label(key: &str) -> String {
    if key == "entityidentity" {
        "owner".into()
    } else if let Some(group) = key.strip_prefix("groups") {
        format!("group {group}")
    } else {
        key.to_string()
    }
}

async fn list_objects(ctx: &FilesContext, args: &LsArgs, uri: &S3Uri) -> anyhow::Result<Exit> {
    let (resolved, s3) = ctx.bucket(uri)?;
    let delimiter = (!args.recursive).then_some("/");
    let mut token = None;
    let (mut count, mut total) = (0u64, 0u64);
    loop {
        let (page, next) = s3
            .list_page(&resolved.bucket, &uri.key, delimiter, token)
            .await
            .map_err(|e| ctx.explain(uri, e))?;
        let mut out = String::new();
        for prefix in &page.prefixes {
            if args.json {
                out.push_str(&json!({ "prefix": prefix }).to_string());
            } else {
                let name = prefix[prefix[..prefix.len() - 1].rfind('/').map_or(0, |i| i + 1)..]
                    .to_string();
                out.push_str(&format!("{:>30} {}", "PRE", shown(&name)));
            }
            out.push('\n');
        }
        for object in &page.objects {
            count += 1;
            total += object.size;
            out.push_str(&object_line(args, object));
            out.push('\n');
        }
        ctx.printer.out_block(&out)?;
        match next {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    if args.summarize {
        if args.json {
            ctx.printer
                .out(json!({ "total_objects": count, "total_size": total }));
        } else {
            let size = if args.human_readable {
                human_size(total)
            } else {
                format!("{total} Bytes")
            };
            ctx.printer.out(format_args!(
                "\nTotal Objects: {count}\n   Total Size: {size}"
            ));
        }
    }
    Ok(Exit::Done)
}

fn object_line(args: &LsArgs, object: &ObjectInfo) -> String {
    if args.json {
        return json!({
            "key": object.key,
            "size": object.size,
            "last_modified": rfc3339(object.last_modified),
            "etag": object.etag.as_deref().map(|e| e.trim_matches('"')),
            "storage_class": object.storage_class,
        })
        .to_string();
    }
    let size = if args.human_readable {
        human_size(object.size)
    } else {
        object.size.to_string()
    };
    let name = if args.recursive {
        object.key.as_str()
    } else {
        object.key.rsplit('/').next().unwrap_or(&object.key)
    };
    format!(
        "{} {size:>10} {}",
        local_time(object.last_modified),
        shown(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_read_naturally() {
        assert_eq!(principal_label("groupsadmin"), "group admin");
        assert_eq!(principal_label("entityidentity"), "owner");
        assert_eq!(principal_label("guest"), "guest");
    }
}
