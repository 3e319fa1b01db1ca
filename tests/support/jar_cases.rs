//! Runs "jar-cases" files (the cookie test format of the shared cookie
//! suite) against the playground's jar: a fresh jar per case, each
//! `Set-Cookie` string applied at its step's instant, then one read-out
//! compared byte for byte with the expectation.
//!
//! Shared by the `jar_conformance` example (a command) and the
//! `jar_conformance` test.

use serde_json::Value;
use session_playground::jar::{Api, Context, CookieJar, JarChange, Url};
use std::collections::BTreeMap;

/// One case's result.
pub struct CaseResult {
    pub id: String,
    pub passed: bool,
    pub expected: Option<String>,
    pub got: Option<String>,
    /// What the jar decided, step by step, for a failure report.
    pub reasons: Vec<String>,
}

/// Unix milliseconds of an RFC 3339 UTC instant `YYYY-MM-DDThh:mm:ss[.fff]Z`.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let bad = || format!("not an RFC 3339 UTC instant: {text}");
    let body = text.strip_suffix('Z').ok_or_else(bad)?;
    let (date, time) = body.split_once('T').ok_or_else(bad)?;
    let d: Vec<i64> = date.split('-').map(|p| p.parse().map_err(|_| bad())).collect::<Result<_, _>>()?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let t: Vec<i64> = hms.split(':').map(|p| p.parse().map_err(|_| bad())).collect::<Result<_, _>>()?;
    if d.len() != 3 || t.len() != 3 {
        return Err(bad());
    }
    let millis: i64 = format!("{frac:0<3}")[..3].parse().map_err(|_| bad())?;
    let days = session_playground::clock::days_from_civil(d[0], d[1], d[2]);
    Ok(((days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2]) * 1000) + millis)
}

/// A URL parsed by the WHATWG rules (the `url` crate: IDNA, lower case, default path).
pub fn parse_url(text: &str) -> Result<Url, String> {
    let parsed = url::Url::parse(text).map_err(|e| format!("bad URL {text}: {e}"))?;
    Ok(Url {
        scheme: parsed.scheme().to_owned(),
        host: parsed.host_str().unwrap_or("").to_owned(),
        path: if parsed.path().is_empty() { "/".to_owned() } else { parsed.path().to_owned() },
    })
}

fn context(api: &str) -> Context {
    if api == "script" {
        Context::SCRIPT
    } else {
        Context::SAME_SITE
    }
}

fn field<'a>(value: &'a Value, key: &str) -> Result<&'a Value, String> {
    value.get(key).ok_or_else(|| format!("missing \"{key}\""))
}

fn string<'a>(value: &'a Value, key: &str) -> Result<&'a str, String> {
    field(value, key)?.as_str().ok_or_else(|| format!("\"{key}\" is not a string"))
}

/// Runs one case.
pub fn run_case(case: &Value) -> Result<CaseResult, String> {
    let id = string(case, "id")?.to_owned();
    let mut jar = CookieJar::new();
    let mut reasons = Vec::new();
    for step in field(case, "steps")?.as_array().ok_or("\"steps\" is not an array")? {
        let at = parse_instant(string(step, "at")?)?;
        let url = parse_url(string(step, "url")?)?;
        let ctx = context(string(step, "api")?);
        for header in field(step, "set_cookie")?.as_array().ok_or("\"set_cookie\" is not an array")? {
            let header = header.as_str().ok_or("a set_cookie entry is not a string")?;
            let change = jar.set_cookie(header, &url, ctx, at);
            let what = match &change {
                JarChange::Rejected { reason } => reason.to_string(),
                other => format!("{other:?}"),
            };
            reasons.push(format!("set {header:?} at {}: {what}", url.path));
        }
    }
    let request = field(case, "request")?;
    let at = parse_instant(string(request, "at")?)?;
    let url = parse_url(string(request, "url")?)?;
    let (got, decisions) = jar.cookie_string(&url, context(string(request, "api")?), at);
    for d in decisions {
        reasons.push(format!("{}={}{}: {}", d.name, d.domain, d.path, d.reason));
    }
    let expected = field(case, "expect")?.as_str().map(str::to_owned);
    Ok(CaseResult { passed: got == expected, id, expected, got, reasons })
}

/// Reads a known-differences file: one `id<TAB or space>reason` per line, `#` comments.
pub fn known_differences(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (id.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

/// Runs every case of a jar-cases file.
pub fn run_file(text: &str) -> Result<Vec<CaseResult>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if doc.get("format").and_then(Value::as_str) != Some("jar-cases")
        || doc.get("version").and_then(Value::as_u64) != Some(1)
    {
        return Err("not a jar-cases version 1 file".to_owned());
    }
    let cases = doc.get("cases").and_then(Value::as_array).ok_or("no \"cases\" array")?;
    cases.iter().enumerate().map(|(i, case)| run_case(case).map_err(|e| format!("case {i}: {e}"))).collect()
}

/// The same case id with `Api::Http` unused warnings silenced when a caller
/// only runs HTTP cases.
#[allow(dead_code)]
pub const HTTP: Api = Api::Http;
