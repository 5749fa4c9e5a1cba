//! The page's JSON API: one route per operation, each a thin layer over what the file
//! commands use — `FilesContext` for buckets and clients, the transfer engine and the
//! planned jobs of `cp`/`mv`/`rm`, and `access::decide` for "view as".

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt as _;
use serde::Deserialize;
use serde_json::{Value, json};

use super::guard::OBJECT_POLICY;
use crate::access::{self, Caller, Place, Request};
use crate::aws::s3::{S3, S3Error};
use crate::aws::transfer::{Engine, Progress, Target, TransferConfig};
use crate::buckets::{Resolved, S3Uri};
use crate::cli::exit::Exit;
use crate::cli::files::{FilesContext, Who};
use crate::cli::jobs::{self, Job};
use crate::cli::settings::GlobalArgs;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::local::cognito::users::Users;
use crate::model::{Action, Backend, Storage};
use crate::source::Sources;
use crate::transfer_plan::{Ask, Location, folder_prefix};

use crate::buckets::MAX_KEY_BYTES;

/// What every request shares.
pub(super) struct Browser {
    /// As the developer: full access, as `cp` has.
    pub owner: Arc<FilesContext>,
    /// The local sandbox's clients per app user ("view as"), made on first use.
    as_users: Mutex<HashMap<String, Arc<FilesContext>>>,
    pub global: GlobalArgs,
    pub cwd: PathBuf,
    /// The definition's storage rules and groups, for the access panel and "view as".
    pub backend: Option<Backend>,
    /// The definition's files, for refusals that point at its rules.
    sources: Sources,
    pub engine: Engine,
    /// `--bucket`: this bucket first.
    pub first: Option<String>,
}

impl Browser {
    /// `global` as the server uses it: quiet, as nothing is printed per object.
    pub(super) fn new(
        owner: FilesContext,
        global: GlobalArgs,
        cwd: PathBuf,
        definition: Option<(Backend, Sources)>,
        first: Option<String>,
    ) -> Browser {
        let (backend, sources) = match definition {
            Some((backend, sources)) => (Some(backend), sources),
            None => (None, Sources::default()),
        };
        Browser {
            owner: Arc::new(owner),
            as_users: Mutex::new(HashMap::new()),
            global,
            cwd,
            backend,
            sources,
            engine: Engine::new(TransferConfig {
                concurrency: 16,
                ..TransferConfig::default()
            }),
            first,
        }
    }

    fn local(&self) -> bool {
        self.owner.catalog.local_endpoint.is_some()
    }

    /// The local sandbox's project, where its users live.
    fn local_root(&self) -> Option<PathBuf> {
        self.local()
            .then(|| crate::project::Project::discover(&self.cwd).ok())
            .flatten()
            .map(|p| p.root)
    }

    /// `as`: who the page views as (absent: the developer): a role, or `user:LOGIN`, a
    /// user of the local user pool with their identity id and groups.
    fn caller(&self, who: Option<&str>) -> Result<Option<Caller>, ApiError> {
        let Some(who) = who.filter(|w| !w.is_empty()) else {
            return Ok(None);
        };
        let login = match who.parse().map_err(ApiError::bad)? {
            Who::Role(caller) => return Ok(Some(caller)),
            Who::User(login) => login,
        };
        let root = self.local_root().ok_or_else(|| {
            ApiError::bad(format!(
                "{login} is a user of the local sandbox; browse it with --local"
            ))
        })?;
        let region = self
            .owner
            .catalog
            .buckets
            .first()
            .map_or("us-east-1", |b| b.region.as_str());
        crate::local::cognito::user_caller(&root, region, &login, &self.groups())
            .map(Some)
            .map_err(ApiError::from_anyhow)
    }

    /// The definition's groups, in precedence order.
    fn groups(&self) -> Vec<String> {
        self.backend
            .iter()
            .flat_map(|d| d.auth.iter())
            .flat_map(|a| a.groups.clone())
            .collect()
    }

    /// Refuses any bucket but a configured friendly name.
    fn known(&self, name: &str) -> Result<(), ApiError> {
        match self.owner.catalog.friendly(name) {
            Some(_) => Ok(()),
            None => Err(ApiError::bad(format!(
                "unknown bucket '{name}'; {}",
                self.owner.catalog.known_names()
            ))),
        }
    }

    /// The context a request acts in: the developer's, or an app user's, whose requests
    /// the local sandbox or the deployed IAM also checks.
    async fn context(&self, who: Option<&Caller>) -> Result<Arc<FilesContext>, ApiError> {
        // On the cloud, an app user acts through the deployed identity pool (a guest or
        // a test user, `crate::aws::app_users`) where the outputs name one.
        let acts_as_user = self.local() || self.owner.catalog.auth.is_some();
        let Some(caller) = who.filter(|_| acts_as_user) else {
            return Ok(self.owner.clone());
        };
        let key = caller.to_string();
        if let Some(ctx) = self.as_users.lock().expect("lock").get(&key) {
            return Ok(ctx.clone());
        }
        let ctx = Arc::new(
            FilesContext::new(&self.global, Some(&Who::Role(caller.clone())), &self.cwd)
                .await
                .map_err(ApiError::from_anyhow)?,
        );
        self.as_users.lock().expect("lock").insert(key, ctx.clone());
        Ok(ctx)
    }

    /// The definition's rules for a bucket (friendly name), when the definition was read.
    fn storage(&self, bucket: &str) -> Option<&Storage> {
        self.backend
            .as_ref()?
            .storages
            .iter()
            .find(|s| s.name == bucket)
    }

    /// Refuses what `who` may not do, as the app's users are refused: by the same
    /// decision `access check` and the local sandbox make. The developer (`None`)
    /// may do everything.
    fn allow(
        &self,
        bucket: &str,
        who: Option<&Caller>,
        requests: &[Request],
    ) -> Result<(), ApiError> {
        let Some(caller) = who else { return Ok(()) };
        let storage = self.storage(bucket).ok_or_else(|| {
            ApiError::bad("\"view as\" needs the definition of this bucket (amplify/backend.ts)")
        })?;
        let refused = requests.iter().find_map(|request| {
            let why = access::why::explain(storage, caller, request);
            (!why.allowed).then_some((why, request))
        });
        match refused {
            None => Ok(()),
            Some((why, request)) => {
                let label = match self.local_root() {
                    Some(root) => crate::local::cognito::label(&root, caller),
                    None => caller.to_string(),
                };
                Err(ApiError {
                    status: StatusCode::FORBIDDEN,
                    code: "AccessDenied".into(),
                    message: access::why::render(&why, &label, request, &self.sources),
                })
            }
        }
    }
}

/// An answer the page shows as an error: `{error, message}` with an HTTP status.
#[derive(Debug)]
pub(super) struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "BadRequest".into(),
            message: message.into(),
        }
    }

    fn usage(e: UsageError) -> ApiError {
        let mut message = e.to_string();
        if let Some(hint) = &e.hint {
            message.push_str(&format!(" ({hint})"));
        }
        ApiError::bad(message)
    }

    fn from_anyhow(e: anyhow::Error) -> ApiError {
        match e.downcast::<UsageError>() {
            Ok(usage) => ApiError::usage(usage),
            Err(e) => match e.downcast::<S3Error>() {
                Ok(s3) => s3.into(),
                Err(e) => ApiError {
                    status: StatusCode::BAD_GATEWAY,
                    code: "Failed".into(),
                    message: format!("{e:#}"),
                },
            },
        }
    }
}

impl From<S3Error> for ApiError {
    fn from(e: S3Error) -> ApiError {
        let status = match e.code.as_deref() {
            Some("AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch") => {
                StatusCode::FORBIDDEN
            }
            Some("NoSuchKey" | "NoSuchBucket" | "NotFound") => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_GATEWAY,
        };
        let code = match (&e.code, e.unreachable) {
            (Some(code), _) => code.clone(),
            (None, true) => "Unreachable".into(),
            (None, false) => "Failed".into(),
        };
        ApiError {
            status,
            code,
            message: e.message,
        }
    }
}

impl From<crate::aws::transfer::TransferError> for ApiError {
    fn from(e: crate::aws::transfer::TransferError) -> ApiError {
        match e {
            crate::aws::transfer::TransferError::S3(s3) => s3.into(),
            other => ApiError {
                status: StatusCode::BAD_GATEWAY,
                code: "Failed".into(),
                message: other.to_string(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.code, "message": self.message });
        (self.status, Json(body)).into_response()
    }
}

type Shared = State<Arc<Browser>>;
type Answer = Result<Json<Value>, ApiError>;

fn checked_key(key: &str) -> Result<(), ApiError> {
    if key.is_empty() {
        return Err(ApiError::bad("the key is empty"));
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(ApiError::bad(format!(
            "the key is {} bytes long; S3 keys are at most {MAX_KEY_BYTES}",
            key.len()
        )));
    }
    Ok(())
}

fn rfc3339(secs: Option<i64>) -> Value {
    secs.and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or(Value::Null, |t| json!(t.to_string()))
}

/// `GET /api/session`: the buckets (the default first), the mode and who the page may
/// view as.
pub(super) async fn session(State(b): Shared) -> Answer {
    let mut buckets = b.owner.catalog.buckets.clone();
    buckets.sort_by_key(|c| (b.first.as_deref() != Some(c.name.as_str()), !c.is_default));
    let mut view_as = Vec::new();
    if b.backend.is_some() {
        view_as.extend(["guest".to_string(), "authenticated".to_string()]);
        let groups = b
            .backend
            .iter()
            .flat_map(|d| d.auth.iter())
            .flat_map(|a| &a.groups);
        view_as.extend(groups.map(|g| format!("group:{g}")));
    }
    // The local user pool's users, by name.
    if let Some(root) = b.local_root() {
        let users = Users::new(&crate::local::local_dir(&root))
            .list()
            .unwrap_or_default();
        view_as.extend(users.iter().map(|u| format!("user:{}", u.display_name())));
    }
    Ok(Json(json!({
        "buckets": buckets.iter().map(|c| json!({
            "name": c.name, "bucket_name": c.bucket_name, "region": c.region, "default": c.is_default,
        })).collect::<Vec<_>>(),
        "local": b.local(),
        "view_as": view_as,
    })))
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    bucket: String,
    #[serde(default)]
    prefix: String,
    token: Option<String>,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// `GET /api/list`: one page of a folder (sub-folders and objects), the continuation
/// token of the next, and what the viewer may do in the folder.
pub(super) async fn list(State(b): Shared, Query(q): Query<ListQuery>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::list(q.prefix.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (_, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let (page, next) = s3
        .list_page(&resolved.bucket, &q.prefix, Some("/"), q.token)
        .await?;
    // What the viewer may do in this folder, decided once for the whole page.
    let allowed: Option<Vec<Action>> = who.as_ref().map(|caller| {
        b.storage(&q.bucket).map_or_else(Vec::new, |storage| {
            access::actions_at(storage, caller, &Place::Folder(&q.prefix))
        })
    });
    // Every action by its name, so a new action reaches the page without a change here.
    let may: serde_json::Map<String, serde_json::Value> = Action::ALL
        .into_iter()
        .map(|action| {
            let may = allowed.as_ref().is_none_or(|a| a.contains(&action));
            (action.as_str().to_string(), json!(may))
        })
        .collect();
    Ok(Json(json!({
        "prefixes": page.prefixes,
        "objects": page.objects.iter().map(|o| json!({
            "key": o.key, "size": o.size, "modified": rfc3339(o.last_modified),
        })).collect::<Vec<_>>(),
        "next": next,
        "may": may,
    })))
}

/// A client for `bucket` in `ctx` (the viewer's).
fn client_in(ctx: &FilesContext, bucket: &str) -> Result<(S3Uri, Resolved, S3), ApiError> {
    let uri = S3Uri {
        bucket: bucket.to_string(),
        key: String::new(),
    };
    let (resolved, s3) = ctx.bucket(&uri).map_err(ApiError::usage)?;
    Ok((uri, resolved, s3))
}

#[derive(Deserialize)]
pub(super) struct ObjectQuery {
    bucket: String,
    key: String,
    #[serde(rename = "as")]
    who: Option<String>,
    /// Shown in the page (an image's thumbnail or viewer) rather than downloaded.
    #[serde(default)]
    inline: bool,
}

/// Raster images the page may show inline; anything else (SVG and HTML included) is
/// only ever downloaded.
fn inline_image_type(key: &str) -> Option<&'static str> {
    let ext = key.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        _ => return None,
    })
}

/// `filename*=UTF-8''…` of the key's last segment: RFC 5987 encoding, so no byte of a
/// key can end the header or name a path.
fn content_disposition(kind: &str, key: &str) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    let name = key
        .rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("download");
    format!(
        "{kind}; filename*=UTF-8''{}",
        utf8_percent_encode(name, NON_ALPHANUMERIC)
    )
}

/// `GET /api/object`: the object's bytes, streamed; a download, or a raster image
/// for the page (`inline`), never anything the browser would render as a page.
pub(super) async fn download(
    State(b): Shared,
    Query(q): Query<ObjectQuery>,
) -> Result<Response, ApiError> {
    let who = b.caller(q.who.as_deref())?;
    checked_key(&q.key)?;
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::get(q.key.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (_, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let Some(info) = s3.head(&resolved.bucket, &q.key).await? else {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "NoSuchKey".into(),
            message: format!("s3://{}/{} does not exist", q.bucket, q.key),
        });
    };
    let image = inline_image_type(&q.key).filter(|_| q.inline);
    let (reader, writer) = tokio::io::duplex(256 * 1024);
    // An engine of its own: a download lasts as long as the browser reads, and must not
    // hold one of the shared permits that uploads and moves wait for.
    let engine = Engine::new(b.engine.config);
    let key = q.key.clone();
    tokio::spawn(async move {
        let from = Target {
            s3: &s3,
            bucket: &resolved.bucket,
            key: &key,
        };
        // A failure ends the body short of its length: the browser reports it.
        let _ = engine.download_to(from, writer, "", &NoProgress).await;
    });
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(reader));
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    let header = |v: String| HeaderValue::from_str(&v).map_err(|e| ApiError::bad(e.to_string()));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(image.unwrap_or("application/octet-stream")),
    );
    headers.insert(header::CONTENT_LENGTH, header(info.size.to_string())?);
    let kind = if image.is_some() {
        "inline"
    } else {
        "attachment"
    };
    headers.insert(
        header::CONTENT_DISPOSITION,
        header(content_disposition(kind, &q.key))?,
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(OBJECT_POLICY),
    );
    Ok(response)
}

struct NoProgress;
impl Progress for NoProgress {
    fn bytes(&self, _: u64) {}
}

/// `PUT /api/object`: the request body becomes the object, through the transfer
/// engine (`cp -`'s path: one request, or parts when it is big). An upload the
/// browser abandons leaves no object and no open multipart upload.
pub(super) async fn upload(State(b): Shared, Query(q): Query<ObjectQuery>, body: Body) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    checked_key(&q.key)?;
    if q.key.ends_with('/') {
        return Err(ApiError::bad("a file's key cannot end with '/'"));
    }
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::write(q.key.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (uri, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let stream = body.into_data_stream().map_err(std::io::Error::other);
    let reader = tokio_util::io::StreamReader::new(stream);
    let content_type = mime_guess::from_path(&q.key).first_raw();
    // On a task of its own: a browser that goes away drops this handler, not the
    // upload, whose body then fails and whose multipart upload the engine aborts.
    let (browser, bucket, key) = (b.clone(), resolved.bucket.clone(), q.key.clone());
    let upload = tokio::spawn(async move {
        let to = Target {
            s3: &s3,
            bucket: &bucket,
            key: &key,
        };
        browser
            .engine
            .upload_reader(reader, to, content_type, &NoProgress)
            .await
    });
    upload.await.map_err(|e| ApiError::bad(e.to_string()))??;
    Ok(Json(json!({
        "uri": uri.with_key(q.key.as_str()).to_string(),
        "warning": unreachable_warning(&resolved, &q.bucket, &q.key),
    })))
}

/// What `cp` warns about a key outside every access path, for the page to show.
fn unreachable_warning(resolved: &Resolved, bucket: &str, key: &str) -> Option<String> {
    resolved
        .unreachable_write(key)
        .map(|paths| crate::cli::files::outside_every_path(key, bucket, &paths.join(", ")))
}

#[derive(Deserialize)]
pub(super) struct FolderBody {
    bucket: String,
    prefix: String,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// `POST /api/folder`: an empty `name/` object, as the console creates folders.
pub(super) async fn create_folder(State(b): Shared, Json(q): Json<FolderBody>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    let key = folder_prefix(&q.prefix);
    checked_key(&key)?;
    if key
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err(ApiError::bad("a folder name cannot be '.' or '..'"));
    }
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::write(key.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (uri, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let to = Target {
        s3: &s3,
        bucket: &resolved.bucket,
        key: &key,
    };
    b.engine
        .upload_reader(&[][..], to, None, &NoProgress)
        .await?;
    Ok(Json(json!({
        "uri": uri.with_key(key.as_str()).to_string(),
        "warning": unreachable_warning(&resolved, &q.bucket, &key),
    })))
}

#[derive(Deserialize)]
pub(super) struct PrefixQuery {
    bucket: String,
    prefix: String,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// Every key under a folder (`prefix/…`, never `prefix-other/…`), page by page.
async fn keys_under(s3: &S3, bucket: &str, prefix: &str) -> Result<Vec<String>, ApiError> {
    Ok(s3
        .list_all(bucket, prefix)
        .await?
        .into_iter()
        .map(|o| o.key)
        .collect())
}

/// A folder as the page names it: never the whole bucket.
fn folder_of(prefix: &str) -> Result<String, ApiError> {
    let prefix = folder_prefix(prefix);
    if prefix.is_empty() {
        return Err(ApiError::bad("name a folder; the bucket's top is not one"));
    }
    Ok(prefix)
}

/// `GET /api/count`: how many objects a folder holds, for the delete confirmation.
pub(super) async fn count(State(b): Shared, Query(q): Query<PrefixQuery>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    let prefix = folder_of(&q.prefix)?;
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::list(prefix.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (_, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let mut token = None;
    let mut objects = 0usize;
    loop {
        let (page, next) = s3.list_page(&resolved.bucket, &prefix, None, token).await?;
        objects += page.objects.len();
        match next {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    Ok(Json(json!({ "prefix": prefix, "objects": objects })))
}

#[derive(Deserialize)]
pub(super) struct DeleteBody {
    bucket: String,
    /// One object…
    key: Option<String>,
    /// …or a whole folder, whose object count the user confirmed.
    prefix: Option<String>,
    expected: Option<usize>,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// `POST /api/delete`: one object, or every object of a folder — only when it still
/// holds the number of objects the user confirmed.
pub(super) async fn delete(State(b): Shared, Json(q): Json<DeleteBody>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    b.known(&q.bucket)?;
    let ctx = b.context(who.as_ref()).await?;
    let (_, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let keys = match (&q.key, &q.prefix) {
        (Some(key), None) => {
            checked_key(key)?;
            vec![key.clone()]
        }
        (None, Some(prefix)) => {
            let prefix = folder_of(prefix)?;
            let keys = keys_under(&s3, &resolved.bucket, &prefix).await?;
            if q.expected != Some(keys.len()) {
                return Err(ApiError {
                    status: StatusCode::CONFLICT,
                    code: "Changed".into(),
                    message: format!(
                        "{prefix} now holds {} objects, not the {} confirmed; nothing was deleted",
                        keys.len(),
                        q.expected.map_or("(none)".into(), |n| n.to_string())
                    ),
                });
            }
            keys
        }
        _ => return Err(ApiError::bad("give either key or prefix")),
    };
    let requests: Vec<Request> = keys.iter().map(|k| Request::delete(k.clone())).collect();
    b.allow(&q.bucket, who.as_ref(), &requests)?;
    let failed = jobs::delete_objects(&ctx.printer, &s3, &resolved.bucket, &keys, str::to_string)
        .await
        .map_err(|e| ApiError::bad(e.to_string()))?;
    Ok(Json(json!({
        "deleted": keys.len() - failed.len(),
        "failed": failed.iter().map(|(k, why)| json!({"key": k, "message": why})).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
pub(super) struct MoveBody {
    bucket: String,
    /// A key, or a folder (`…/`) to move with everything in it.
    from: String,
    /// The new key, or the new folder (`…/`).
    to: String,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// `POST /api/move`: `mv` within a bucket — a server-side copy, then the source is
/// deleted once its copy succeeded.
pub(super) async fn move_objects(State(b): Shared, Json(q): Json<MoveBody>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    checked_key(&q.from)?;
    checked_key(&q.to)?;
    let folder = q.from.ends_with('/');
    if folder != q.to.ends_with('/') {
        return Err(ApiError::bad(
            "move a folder to a folder (…/) and a file to a key",
        ));
    }
    b.known(&q.bucket)?;
    let ctx = b.context(who.as_ref()).await?;
    let (uri, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let sources = if folder {
        keys_under(&s3, &resolved.bucket, &q.from).await?
    } else {
        vec![q.from.clone()]
    };
    let target = |key: &str| match folder {
        true => format!("{}{}", q.to, &key[q.from.len()..]),
        false => q.to.clone(),
    };
    let requests: Vec<Request> = sources
        .iter()
        .flat_map(|key| {
            [
                Request::get(key.clone()),
                Request::write(target(key)),
                Request::delete(key.clone()),
            ]
        })
        .collect();
    b.allow(&q.bucket, who.as_ref(), &requests)?;
    let (src, dst) = (
        uri.with_key(q.from.as_str()).to_string(),
        uri.with_key(q.to.as_str()).to_string(),
    );
    let filters = Filters::default();
    let ask = Ask {
        src: &src,
        dst: &dst,
        recursive: folder,
        filters: &filters,
    };
    let job = Job {
        verb: "move",
        concurrency: b.engine.config.concurrency,
        content_type: None,
        progress: false,
        lines: false,
        json: false,
        remove_sources: true,
    };
    let (src_loc, dst_loc) = (
        Location::parse(&src).map_err(ApiError::usage)?,
        Location::parse(&dst).map_err(ApiError::usage)?,
    );
    let exit = jobs::plan_and_run(&ctx, &b.engine, &job, &ask, false, &src_loc, &dst_loc)
        .await
        .map_err(ApiError::from_anyhow)?;
    if exit != Exit::Done {
        return Err(ApiError {
            status: StatusCode::BAD_GATEWAY,
            code: "Failed".into(),
            message: format!(
                "some objects could not be moved; their sources are in place under {src}"
            ),
        });
    }
    Ok(Json(json!({ "moved": sources.len(), "to": dst })))
}

#[derive(Deserialize)]
pub(super) struct PresignBody {
    bucket: String,
    key: String,
    /// Seconds, 1 to 604800 as for `presign`.
    expires_in: u64,
    #[serde(rename = "as")]
    who: Option<String>,
}

/// `POST /api/presign`: a GET URL for the object and when it expires.
pub(super) async fn presign(State(b): Shared, Json(q): Json<PresignBody>) -> Answer {
    let who = b.caller(q.who.as_deref())?;
    checked_key(&q.key)?;
    if !(1..=604_800).contains(&q.expires_in) {
        return Err(ApiError::bad("expires_in is 1 to 604800 seconds"));
    }
    b.known(&q.bucket)?;
    b.allow(&q.bucket, who.as_ref(), &[Request::get(q.key.clone())])?;
    let ctx = b.context(who.as_ref()).await?;
    let (_, resolved, s3) = client_in(&ctx, &q.bucket)?;
    let expires_in = Duration::from_secs(q.expires_in);
    let url = s3
        .presign(&resolved.bucket, &q.key, false, None, expires_in)
        .await?;
    let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(q.expires_in as i64);
    Ok(Json(json!({ "url": url, "expires": expires.to_string() })))
}

#[derive(Deserialize)]
pub(super) struct AccessQuery {
    bucket: String,
    /// A folder (`…/`, or empty for the top) or an object's key.
    #[serde(default)]
    path: String,
}

/// `GET /api/access`: who may read, list, write and delete at a folder or object,
/// decided by `access::decide` on the definition's rules.
pub(super) async fn who_may(State(b): Shared, Query(q): Query<AccessQuery>) -> Answer {
    b.known(&q.bucket)?;
    let Some(backend) = &b.backend else {
        return Ok(Json(json!({
            "available": false,
            "reason": "the definition (amplify/backend.ts) was not read; run browse inside the project",
        })));
    };
    let Some(storage) = backend.storages.iter().find(|s| s.name == q.bucket) else {
        return Ok(Json(json!({
            "available": false,
            "reason": format!("the definition has no storage named {}", q.bucket),
        })));
    };
    let place = if q.path.is_empty() || q.path.ends_with('/') {
        Place::Folder(&q.path)
    } else {
        Place::Object(&q.path)
    };
    let groups = backend
        .auth
        .iter()
        .flat_map(|a| a.groups.clone())
        .collect::<Vec<_>>();
    let rows = access::who_may(storage, &groups, &place)
        .into_iter()
        .map(|(who, actions)| {
            let names: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
            json!({ "who": who, "actions": names })
        })
        .collect::<Vec<_>>();
    let paths: Vec<&str> = storage
        .access
        .iter()
        .flatten()
        .map(|p| p.path.as_str())
        .collect();
    Ok(Json(
        json!({ "available": true, "rows": rows, "paths": paths }),
    ))
}

/// `GET /api/denials`: the local sandbox's latest explained denials, newest first.
pub(super) async fn denials(State(b): Shared) -> Answer {
    let denials = match b.local_root() {
        Some(root) => crate::local::denials::read_denials(&crate::local::local_dir(&root), 200),
        None => Vec::new(),
    };
    Ok(Json(json!({ "denials": denials })))
}

/// `GET /api/mail`: the codes the local user pool sent, newest first (none on the cloud).
pub(super) async fn mail(State(b): Shared) -> Answer {
    let mut mail = match b.local_root() {
        Some(root) => crate::local::cognito::notices::read_mail(&crate::local::local_dir(&root)),
        None => Vec::new(),
    };
    mail.reverse();
    Ok(Json(json!({ "mail": mail })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_raster_images_are_shown_inline() {
        assert_eq!(inline_image_type("a/b.PNG"), Some("image/png"));
        assert_eq!(inline_image_type("x.jpeg"), Some("image/jpeg"));
        for never in [
            "a.svg",
            "a.html",
            "a.htm",
            "a",
            "a.png.html",
            "a.xml",
            ".png/x",
        ] {
            assert_eq!(inline_image_type(never), None, "{never}");
        }
    }

    #[test]
    fn file_names_are_encoded_whole() {
        assert_eq!(
            content_disposition("attachment", "a/b c.txt"),
            "attachment; filename*=UTF-8''b%20c%2Etxt"
        );
        assert_eq!(
            content_disposition("attachment", "x/\"; filename=evil.html\r\n"),
            "attachment; filename*=UTF-8''%22%3B%20filename%3Devil%2Ehtml%0D%0A"
        );
        assert_eq!(
            content_disposition("inline", "dir/"),
            "inline; filename*=UTF-8''dir"
        );
        assert_eq!(
            content_disposition("attachment", ""),
            "attachment; filename*=UTF-8''download"
        );
    }

    #[test]
    fn keys_are_bounded_as_s3_bounds_them() {
        assert!(checked_key("a").is_ok());
        assert!(checked_key(&"é".repeat(512)).is_ok());
        assert!(checked_key(&"é".repeat(513)).is_err());
        assert!(checked_key("").is_err());
    }
}
