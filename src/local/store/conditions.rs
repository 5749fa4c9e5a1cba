//! Conditional requests as S3 evaluates them: If-Match and If-None-Match on writes,
//! and on reads (and a copy's source) the ETag and date conditions with their 412 and
//! 304 answers.

use s3s::dto::*;
use s3s::{S3Result, s3_error};

use super::objects::Head;
use super::{Entry, timestamp};

/// Checks If-Match / If-None-Match against the current object, as S3 does for writes.
pub(super) fn check_write_conditions(
    current: Option<&Entry>,
    if_match: Option<&ETagCondition>,
    if_none_match: Option<&ETagCondition>,
) -> S3Result<()> {
    if let Some(condition) = if_none_match
        && current.is_some_and(|c| {
            condition.is_any()
                || matches!(condition, ETagCondition::ETag(e) if e.value() == c.e_tag)
        })
    {
        return Err(s3_error!(
            PreconditionFailed,
            "At least one of the pre-conditions you specified did not hold"
        ));
    }
    if let Some(condition) = if_match {
        // S3: a conditional write over nothing has no object to match.
        let Some(current) = current else {
            return Err(s3_error!(NoSuchKey, "The specified key does not exist."));
        };
        let holds = condition.is_any()
            || matches!(condition, ETagCondition::ETag(e) if e.value() == current.e_tag);
        if !holds {
            return Err(s3_error!(
                PreconditionFailed,
                "At least one of the pre-conditions you specified did not hold"
            ));
        }
    }
    Ok(())
}

/// The conditions of a read (GET, HEAD) or of a copy's source.
pub(super) struct ReadConditions<'a> {
    pub(super) if_match: Option<&'a ETagCondition>,
    pub(super) if_none_match: Option<&'a ETagCondition>,
    pub(super) if_modified_since: Option<&'a Timestamp>,
    pub(super) if_unmodified_since: Option<&'a Timestamp>,
}

/// The conditions of a read, as S3 (RFC 9110) evaluates them: If-Match, else
/// If-Unmodified-Since, fails with 412; If-None-Match, else If-Modified-Since, answers
/// 304 Not Modified, with the object's ETag and Last-Modified as S3 sends them. Times
/// compare in whole seconds, as `Last-Modified` has no finer grain.
pub(super) fn check_read_conditions(head: &Head, conditions: &ReadConditions<'_>) -> S3Result<()> {
    let matches = |c: &ETagCondition| {
        c.is_any() || matches!(c, ETagCondition::ETag(e) if e.value() == head.e_tag)
    };
    let modified = head.last_modified / 1000;
    let since = |t: &Timestamp| epoch_seconds(t).is_some_and(|t| modified > t);
    let precondition_failed = match conditions.if_match {
        Some(c) => !matches(c),
        None => conditions.if_unmodified_since.is_some_and(since),
    };
    if precondition_failed {
        return Err(s3_error!(
            PreconditionFailed,
            "At least one of the pre-conditions you specified did not hold"
        ));
    }
    let not_modified = match conditions.if_none_match {
        Some(c) => matches(c),
        None => conditions.if_modified_since.is_some_and(|t| !since(t)),
    };
    if not_modified {
        let mut error = s3_error!(NotModified);
        let mut headers = hyper::HeaderMap::new();
        if let Ok(etag) = hyper::header::HeaderValue::from_str(&format!("\"{}\"", head.e_tag)) {
            headers.insert(hyper::header::ETAG, etag);
        }
        if let Some(date) = http_date(&timestamp(head.last_modified))
            .and_then(|d| hyper::header::HeaderValue::from_str(&d).ok())
        {
            headers.insert(hyper::header::LAST_MODIFIED, date);
        }
        error.set_headers(headers);
        return Err(error);
    }
    Ok(())
}

/// A timestamp as an HTTP date (`Expires` is kept and returned in that form).
pub(super) fn http_date(time: &Timestamp) -> Option<String> {
    let mut out = Vec::new();
    time.format(TimestampFormat::HttpDate, &mut out).ok()?;
    String::from_utf8(out).ok()
}

/// Seconds since the Unix epoch of a timestamp (conditions compare whole seconds).
pub(super) fn epoch_seconds(time: &Timestamp) -> Option<u64> {
    let mut out = Vec::new();
    time.format(TimestampFormat::EpochSeconds, &mut out).ok()?;
    std::str::from_utf8(&out)
        .ok()?
        .split('.')
        .next()?
        .parse()
        .ok()
}
