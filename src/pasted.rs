//! An S3 request read back from text a developer pastes: a browser console line
//! (`PUT https://<bucket>.s3.<region>.amazonaws.com/<key>?... 403 (Forbidden)`), an
//! SDK or CLI error, or a bare URL — virtual-hosted, path-style, or the local sandbox's
//! `http://127.0.0.1:<port>/<bucket>/<key>`.

use percent_encoding::percent_decode_str;

use crate::access::Request;

/// What the text says was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    /// The bucket as the URL names it (the physical name).
    pub bucket: String,
    /// The request, when the text names its method (or it is a listing).
    pub request: Option<Request>,
    /// The object key, decoded (for a listing: empty).
    pub key: String,
    /// The access key a presigned URL was signed with (`X-Amz-Credential`).
    pub access_key: Option<String>,
}

const METHODS: [&str; 5] = ["GET", "HEAD", "PUT", "POST", "DELETE"];

/// The first S3 URL in `text`, with the method written before it, if any.
pub fn parse(text: &str) -> Option<Pasted> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url = text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == '>')
        .next()?;
    let method = text[..start]
        .split(|c: char| !c.is_ascii_alphabetic())
        .rev()
        .find(|w| !w.is_empty())
        .filter(|w| METHODS.contains(w));
    let rest = url.split_once("://")?.1;
    let (host, path_and_query) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let (bucket, key) = match host.split_once(".s3.").or_else(|| host.split_once(".s3-")) {
        Some((bucket, _)) if host.ends_with(".amazonaws.com") => {
            (bucket.to_string(), path.to_string())
        }
        _ => {
            let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
            (bucket.to_string(), key.to_string())
        }
    };
    if bucket.is_empty() {
        return None;
    }
    let decode = |s: &str| {
        percent_decode_str(&s.replace('+', "%20"))
            .decode_utf8_lossy()
            .into_owned()
    };
    let param = |name: &str| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            k.eq_ignore_ascii_case(name).then(|| decode(v))
        })
    };
    let key = percent_decode_str(&key).decode_utf8_lossy().into_owned();
    let listing = key.is_empty() && (param("list-type").is_some() || param("prefix").is_some());
    let request = match (method, listing) {
        (_, true) => Some(Request::list(param("prefix").unwrap_or_default())),
        (Some("GET" | "HEAD"), _) => Some(Request::get(key.clone())),
        (Some("PUT" | "POST"), _) => Some(Request::write(key.clone())),
        (Some("DELETE"), _) => Some(Request::delete(key.clone())),
        _ => None,
    };
    let access_key =
        param("X-Amz-Credential").and_then(|c| c.split('/').next().map(str::to_string));
    Some(Pasted {
        bucket,
        request,
        key,
        access_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_lines_sdk_errors_and_urls_are_read_back() {
        let console = "PUT https://amplify-app-bucket.s3.us-east-1.amazonaws.com/picture-submissions/a%20b.jpg?x-id=PutObject 403 (Forbidden)";
        assert_eq!(
            parse(console),
            Some(Pasted {
                bucket: "amplify-app-bucket".into(),
                request: Some(Request::write("picture-submissions/a b.jpg")),
                key: "picture-submissions/a b.jpg".into(),
                access_key: None,
            })
        );
        let listing =
            "GET https://b.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=profile-pictures%2F 403";
        assert_eq!(
            parse(listing).and_then(|p| p.request),
            Some(Request::list("profile-pictures/"))
        );
        let local =
            "DELETE http://127.0.0.1:20005/local-amplifyteamdrive/picture-submissions/a.jpg";
        let pasted = parse(local).expect("parsed");
        assert_eq!(
            (pasted.bucket.as_str(), pasted.request),
            (
                "local-amplifyteamdrive",
                Some(Request::delete("picture-submissions/a.jpg"))
            )
        );
        let presigned = "https://127.0.0.1:20005/local-x/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ampx%3Aguest%2F20261206%2Fus-east-1%2Fs3%2Faws4_request";
        let pasted = parse(presigned).expect("parsed");
        assert_eq!(
            (pasted.access_key.as_deref(), pasted.request),
            (Some("ampx:guest"), None)
        );
        let path_style = "AccessDenied when calling GetObject: GET https://s3.us-east-1.amazonaws.com/my-bucket/x/y.txt";
        assert_eq!(
            parse(path_style).map(|p| (p.bucket, p.key)),
            Some(("my-bucket".into(), "x/y.txt".into()))
        );
        assert_eq!(parse("no url here"), None);
        assert_eq!(parse("https://"), None);
    }
}
