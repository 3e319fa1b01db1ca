//! The engine against the real libraries: every walk recorded by
//! `make verify-real` (tests/real/<library>/<walk>.json) is played in the
//! engine with the matching preset, and each step is compared with the
//! recording: the response's status, its headers (exact, in order) and the
//! store operations (exact, in order). Random parts are placeholders on
//! both sides, numbered and shape-checked the same way.
//!
//! Where the playground simplifies on purpose, or does not match yet,
//! tests/real/differences.md says so, step by step, with the reason. The
//! test knows that list: an unlisted difference fails, and so does a listed
//! one that no longer differs (the list must stay true).

use serde_json::Value;
use session_playground::crypto::hmac_sha256;
use session_playground::encoding::{base64_unpadded, decode_uri_component};
use session_playground::ids::IdFormat;
use session_playground::preset::{preset, EXPRESS_SECRET};
use session_playground::Direction;
use session_playground::{Action, Scenario, Trace, World};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The libraries recorded on this machine, and Spring Session, read from its source.
const LIBRARIES: [&str; 5] = ["express", "django", "php", "tower", "spring"];

/// One step as both sides are compared: what the server answered and what its store did.
#[derive(Debug, PartialEq, Eq, Default)]
struct Observed {
    status: Option<String>,
    headers: Vec<String>,
    store: Vec<String>,
}

/// A listed difference: which steps of which walk, which part, and why.
struct Listed {
    library: String,
    walk: String,
    steps: Option<BTreeSet<usize>>,
    part: String,
    used: bool,
}

struct Differences {
    ignored_headers: Vec<String>,
    listed: Vec<Listed>,
}

/// Reads tests/real/differences.md: its table of headers not compared and
/// its table of steps that differ.
fn differences() -> Differences {
    let text = fs::read_to_string("tests/real/differences.md").expect("tests/real/differences.md");
    let mut ignored_headers = Vec::new();
    let mut listed = Vec::new();
    let mut section = "";
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = if heading.starts_with("Headers not compared") {
                "headers"
            } else if heading.starts_with("Steps that differ") {
                "steps"
            } else {
                ""
            };
            continue;
        }
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        if !line.starts_with('|') || cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':')) {
            continue;
        }
        match section {
            "headers" if cells[0] != "header" => ignored_headers.push(cells[0].trim_matches('`').to_ascii_lowercase()),
            "steps" if cells[0] != "library" => {
                assert!(cells.len() >= 6, "differences.md: a row needs 6 cells: {line}");
                assert!(
                    ["deliberate", "not yet matched"].contains(&cells[4]),
                    "differences.md: the kind is \"deliberate\" or \"not yet matched\": {line}"
                );
                assert!(!cells[5].is_empty(), "differences.md: every difference needs its reason: {line}");
                let steps = (cells[2] != "*").then(|| {
                    cells[2].split(',').map(|n| n.trim().parse().expect("differences.md: step numbers")).collect()
                });
                listed.push(Listed {
                    library: cells[0].to_owned(),
                    walk: cells[1].to_owned(),
                    steps,
                    part: cells[3].to_owned(),
                    used: false,
                });
            }
            _ => {}
        }
    }
    Differences { ignored_headers, listed }
}

/// Names IDs `<id1>`, `<id2>`… in order of first appearance, as the recorder does.
#[derive(Default)]
struct Names {
    known: Vec<String>,
    named: Vec<String>,
}

impl Names {
    fn learn(&mut self, id: &str) {
        if !id.is_empty() && !self.known.iter().any(|k| k == id) {
            self.known.push(id.to_owned());
        }
    }

    /// Names every known ID in `text`, first come first named, and replaces it.
    fn apply(&mut self, text: &str) -> String {
        let mut found: Vec<(usize, String)> = Vec::new();
        for id in &self.known {
            for (at, _) in text.match_indices(id.as_str()) {
                found.push((at, id.clone()));
            }
        }
        found.sort();
        for (_, id) in &found {
            if !self.named.contains(id) {
                self.named.push(id.clone());
            }
        }
        let mut out = text.to_owned();
        let mut by_length: Vec<(usize, &String)> = self.named.iter().enumerate().collect();
        by_length.sort_by_key(|(_, id)| std::cmp::Reverse(id.len()));
        for (i, id) in by_length {
            out = out.replace(id.as_str(), &format!("<id{}>", i + 1));
        }
        out
    }
}

/// An offset from now, as the recorder writes it.
fn offset(secs: i64) -> String {
    format!("<now+{secs}s>")
}

/// Unix seconds of an HTTP date such as `Tue, 16 Mar 2026 09:00:00 GMT` (dashes allowed).
fn http_date_secs(text: &str) -> Option<i64> {
    session_playground::cookie::parse_cookie_date(text)
}

/// Unix seconds of an SQL timestamp `2026-03-16 09:00:00(.ffffff)`.
fn sql_secs(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(' ')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>());
    let (y, m, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut t = time.split(['.', ':']).map(|p| p.parse::<i64>());
    let (hh, mm, ss) = (t.next()?.ok()?, t.next()?.ok()?, t.next()?.ok()?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// A `Set-Cookie` value with its random parts replaced: express's signature
/// (checked first), and an `Expires` date as an offset from now.
fn placeholder_set_cookie(value: &str, now: i64) -> String {
    let mut parts: Vec<String> = value.split("; ").map(str::to_owned).collect();
    if let Some((name, val)) = parts[0].split_once('=') {
        if let Some(signed) = val.strip_prefix("s%3A") {
            if let Some((id, sig)) = signed.rsplit_once('.') {
                let expected = base64_unpadded(&hmac_sha256(EXPRESS_SECRET.as_bytes(), id.as_bytes()));
                if decode_uri_component(sig).as_deref() == Some(expected.as_str()) {
                    parts[0] = format!("{name}=s%3A{id}.<signature>");
                }
            }
        }
    }
    for part in parts.iter_mut().skip(1) {
        if let Some((label, date)) = part.split_once('=') {
            if label.eq_ignore_ascii_case("expires") {
                if let Some(at) = http_date_secs(date) {
                    if (at - now).abs() <= 400 * 86_400 {
                        *part = format!("{label}={}", offset(at - now));
                    }
                }
            }
        }
    }
    parts.join("; ")
}

/// A Redis command line split into its arguments (single quotes group), with
/// unix timestamps near now as offsets.
fn redis_argv(line: &str, now: i64) -> String {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    args.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        args.push(current);
    }
    args.iter()
        .map(|a| match a.parse::<i64>() {
            Ok(n) if a.len() == 10 && (n - now).abs() < 400 * 86_400 => offset(n - now),
            _ => millis_offset(a, now),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Unix milliseconds near now, alone or ending a key (Spring Session's
/// `creationTime 1772442000000`, `spring:session:expirations:1772443860000`),
/// as an offset in milliseconds.
fn millis_offset(arg: &str, now: i64) -> String {
    let (head, digits) = arg.rsplit_once(':').map_or(("", arg), |(h, d)| (h, d));
    match digits.parse::<i64>() {
        Ok(ms) if digits.len() == 13 && (ms - now * 1000).abs() < 400 * 86_400_000 => {
            let sep = if head.is_empty() { "" } else { ":" };
            format!("{head}{sep}<now+{}ms>", ms - now * 1000)
        }
        _ => arg.to_owned(),
    }
}

/// A Django SQL statement reduced to what it does to which key: the engine
/// writes Django's statements in a short form of its own, so the comparison
/// is of their verbs, keys and expiry dates, not of the ORM's spelling.
fn sql_summary(sql: &str, now: i64) -> String {
    let keys: Vec<&str> = sql
        .split('\'')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with("<id") || s.len() == 32 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect();
    let keys = keys.join(",");
    let expiry = |after: &str| {
        sql.split_once(after).and_then(|(_, rest)| {
            let value = rest.split('\'').nth(1)?;
            if let Some(rel) = value.strip_prefix("<now+") {
                return Some(format!("<now+{rel}"));
            }
            sql_secs(value).map(|at| offset(at - now))
        })
    };
    let upper = sql.to_ascii_uppercase();
    if upper.starts_with("SELECT 1") || upper.starts_with("SELECT (1)") {
        format!("exists {keys}")
    } else if upper.starts_with("SELECT") && keys.is_empty() {
        "select every live session".to_owned()
    } else if upper.starts_with("SELECT") && upper.contains("EXPIRE_DATE\" >") || upper.contains("EXPIRE_DATE >") {
        format!("load {keys} (unexpired)")
    } else if upper.starts_with("SELECT") {
        format!("get {keys}")
    } else if upper.starts_with("INSERT") {
        let expires = sql.rsplit('\'').nth(1).map(|v| {
            v.strip_prefix("<now+").map(|r| format!("<now+{r}")).or_else(|| sql_secs(v).map(|at| offset(at - now)))
        });
        format!("insert {keys} expires {}", expires.flatten().unwrap_or_default())
    } else if upper.starts_with("UPDATE") {
        format!(
            "update {keys} expires {}",
            expiry("expire_date\" =").or_else(|| expiry("expire_date =")).unwrap_or_default()
        )
    } else if upper.starts_with("DELETE") && keys.is_empty() {
        "delete every expired session".to_owned()
    } else if upper.starts_with("DELETE") {
        format!("delete {keys}")
    } else {
        sql.to_owned()
    }
}

/// What the engine did in one action, with the same placeholders as a recording.
fn engine_step(
    library: &str,
    trace: &Trace,
    action: &Action,
    names: &mut Names,
    ignored: &[String],
) -> (Observed, bool) {
    let now = trace.steps.last().map_or(0, |s| s.state.now.unix_secs() as i64);
    if let Action::GuessTicket { id, .. } = action {
        names.learn(id.as_str());
    }
    for step in &trace.steps {
        if let Some(op) = &step.store_op {
            for id in op.id.iter().chain(op.old_id.iter()).chain(op.removed.iter()) {
                names.learn(id.as_str());
            }
        }
    }
    let request = trace.steps.iter().find_map(|s| s.message.as_ref().filter(|m| m.direction == Direction::ToServer));
    let response =
        trace.steps.iter().rev().find_map(|s| s.message.as_ref().filter(|m| m.direction == Direction::ToBrowser));
    // The session cookie's ID, from the request and from each Set-Cookie.
    // (Spring's cookie holds the ID in base64: its IDs come from the store operations.)
    let cookie_ids = |text: &str| -> Vec<String> {
        if library == "spring" {
            return Vec::new();
        }
        text.split([';', ' ', '='])
            .map(|t| t.trim_start_matches("s%3A").split('.').next().unwrap_or("").to_owned())
            .filter(|t| t.len() >= 20)
            .collect()
    };
    if let Some(request) = request {
        for h in request.headers.iter().filter(|h| h.name == "Cookie") {
            for id in cookie_ids(&h.value) {
                names.learn(&id);
            }
            names.apply(&h.value);
        }
    }
    let mut observed = Observed::default();
    for step in &trace.steps {
        let Some(op) = &step.store_op else { continue };
        for line in op.command.iter() {
            let line = names.apply(line);
            // PHP's files handler checks for a session file with stat(),
            // which inotify does not report: the recording cannot show it.
            if library == "php" && line.starts_with("stat ") {
                continue;
            }
            observed.store.push(match library {
                "django" => sql_summary(&line, now),
                "php" => line,
                _ => redis_argv(&line, now),
            });
        }
    }
    let http = response.is_some();
    if let Some(response) = response {
        observed.status = response.status.map(|s| s.to_string());
        for h in &response.headers {
            if ignored.contains(&h.name.to_ascii_lowercase()) {
                continue;
            }
            let value = if h.name.eq_ignore_ascii_case("set-cookie") {
                if let Some((_, v)) = h.value.split(';').next().unwrap_or("").split_once('=') {
                    for id in cookie_ids(v) {
                        names.learn(&id);
                    }
                }
                let text = names.apply(&placeholder_set_cookie(&h.value, now));
                spring_cookie(library, &text, names)
            } else {
                names.apply(&h.value)
            };
            observed.headers.push(format!("{}: {value}", h.name.to_ascii_lowercase()));
        }
    }
    (observed, http)
}

/// Spring Session's cookie carries the ID in base64: named `<base64 of idN>`.
fn spring_cookie(library: &str, text: &str, names: &mut Names) -> String {
    if library != "spring" {
        return text.to_owned();
    }
    let Some((pair, rest)) = text.split_once(';') else { return text.to_owned() };
    let Some((name, value)) = pair.split_once('=') else { return text.to_owned() };
    let decoded = session_playground::encoding::base64_decode(value).and_then(|b| String::from_utf8(b).ok());
    match decoded {
        Some(id) if !value.is_empty() => {
            let named = names.apply(&id);
            format!("{name}=<base64 of {}>;{rest}", named.trim_start_matches('<').trim_end_matches('>'))
        }
        _ => text.to_owned(),
    }
}

/// What the recording says one step did, in the comparison's terms.
fn recorded_step(library: &str, step: &Value, ignored: &[String]) -> Observed {
    let mut observed = Observed::default();
    // A step whose store operations were not read from the source (Spring).
    if step.get("response").is_some() && step["store"].is_null() {
        observed.store.push("(not read from source)".to_owned());
    }
    for op in step["store"].as_array().into_iter().flatten() {
        observed.store.push(match (library, op) {
            ("django", Value::String(sql)) => sql_summary(sql, 0),
            (_, Value::String(text)) => text.clone(),
            (_, Value::Array(argv)) => argv.iter().map(|a| a.as_str().unwrap_or("")).collect::<Vec<_>>().join(" "),
            _ => panic!("{library}: a store operation is text or a list of arguments: {op}"),
        });
    }
    let response = &step["response"];
    if let Some(timed_out) = response["timedOut"].as_str() {
        observed.status = Some(format!("({timed_out})"));
    } else if let Some(status) = response["status"].as_u64() {
        observed.status = Some(status.to_string());
        for pair in response["headers"].as_array().into_iter().flatten() {
            let name = pair[0].as_str().unwrap_or("").to_ascii_lowercase();
            if !ignored.contains(&name) {
                observed.headers.push(format!("{name}: {}", pair[1].as_str().unwrap_or("")));
            }
        }
    }
    observed
}

/// The shape of the IDs a preset draws, in the recorder's words.
fn preset_shape(format: IdFormat) -> String {
    match format {
        IdFormat::Base64Url { bytes } => format!("{} base64url", (bytes * 8).div_ceil(6)),
        IdFormat::Hex { bytes } => format!("{} hex", bytes * 2),
        IdFormat::Base32 { len } => format!("{len} 0-9a-v"),
        IdFormat::LowerAlnum { len } => format!("{len} a-z0-9"),
        IdFormat::Uuid => "36 uuid".to_owned(),
    }
}

/// Whether IDs seen with the recorded shape could come from a preset of
/// `shape`: the same length, and an alphabet inside the preset's (a few IDs
/// may happen to use only part of their alphabet: 32 characters of a-z0-9
/// can all fall within 0-9a-v).
fn shape_fits(seen: &str, shape: &str) -> bool {
    const NESTED: [&str; 4] = ["hex", "0-9a-v", "a-z0-9", "base64url"];
    let (Some((seen_len, seen_abc)), Some((len, abc))) = (seen.split_once(' '), shape.split_once(' ')) else {
        return false;
    };
    let rank = |a: &str| NESTED.iter().position(|n| *n == a);
    seen_len == len && (seen_abc == abc || matches!((rank(seen_abc), rank(abc)), (Some(a), Some(b)) if a <= b))
}

/// Every recording, played in the engine and compared step by step.
fn compare_all(diffs: &mut Differences) -> (usize, Vec<String>) {
    let mut compared = 0;
    let mut failures = Vec::new();
    let mut listed = |library: &str, walk: &str, step: usize, part: &str| -> bool {
        let mut hit = false;
        for entry in diffs.listed.iter_mut() {
            if entry.library == library
                && entry.walk == walk
                && entry.part == part
                && entry.steps.as_ref().is_none_or(|s| s.contains(&step))
            {
                entry.used = true;
                hit = true;
            }
        }
        hit
    };
    let ignored = diffs.ignored_headers.clone();
    for library in LIBRARIES {
        let dir = Path::new("tests/real").join(library);
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        files.sort();
        for file in files {
            let recording: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
            let walk = recording["walk"].as_str().expect("a recording names its walk").to_owned();
            let preset_key = recording["preset"].as_str().expect("a recording names its preset");
            let preset = preset(preset_key).expect("a recording's preset exists");
            assert!(recording["versions"].is_object(), "{library}/{walk}: a recording lists its versions");
            // The IDs' shape: length and alphabet.
            let shape = preset_shape(preset.id_format);
            for seen in recording["idShapes"].as_array().into_iter().flatten() {
                if !shape_fits(seen.as_str().unwrap_or(""), &shape) && !listed(library, &walk, 0, "ids") {
                    failures.push(format!("{library}/{walk}: the real IDs are {seen}, the preset's are {shape}"));
                }
            }
            // The walk, played in the engine with the library's preset.
            let mut scenario: Value =
                serde_json::from_str(&fs::read_to_string(format!("tests/real/walks/{walk}.json")).unwrap()).unwrap();
            let object = scenario.as_object_mut().unwrap();
            object.remove("libraries");
            let mut settings = object.remove("settings").unwrap_or_else(|| serde_json::json!({}));
            settings["preset"] = preset_key.into();
            settings["seed"] = 1.into();
            object.insert("settings".into(), settings);
            let scenario =
                Scenario::from_json(&scenario.to_string()).unwrap_or_else(|e| panic!("{library}/{walk}: {e}"));
            let mut world = World::from_settings(scenario.settings.clone());
            let mut names = Names::default();
            let steps = recording["steps"].as_array().unwrap();
            assert_eq!(steps.len(), scenario.steps.len(), "{library}/{walk}: the recording has every step of the walk");
            for (i, (step, real)) in scenario.steps.iter().zip(steps).enumerate() {
                let number = i + 1;
                let trace = world.apply(&step.action).expect("the walk's action runs");
                let (engine, http) = engine_step(library, &trace, &step.action, &mut names, &ignored);
                let real = recorded_step(library, real, &ignored);
                compared += 1;
                let parts: [(&str, bool); 3] = [
                    ("status", engine.status != real.status),
                    ("headers", engine.headers != real.headers),
                    ("store", engine.store != real.store),
                ];
                for (part, differs) in parts {
                    if differs && !listed(library, &walk, number, part) {
                        let mut text =
                            format!("{library}/{walk} step {number} ({}), {part}:\n  real:   ", step.action.label());
                        let show = |o: &Observed| match part {
                            "status" => format!("{:?}", o.status),
                            "headers" => o.headers.join("\n          "),
                            _ => o.store.join("\n          "),
                        };
                        let _ = write!(text, "{}\n  engine: {}", show(&real), show(&engine));
                        failures.push(text);
                    }
                }
                let _ = http;
            }
        }
    }
    (compared, failures)
}

#[test]
fn the_engine_walks_each_recorded_walk_as_the_real_library_did() {
    let mut diffs = differences();
    let (compared, mut failures) = compare_all(&mut diffs);
    assert!(compared > 100, "the recordings hold every walk's steps ({compared} compared)");
    for entry in diffs.listed.iter().filter(|e| !e.used) {
        failures.push(format!(
            "differences.md lists {}/{} steps {:?} ({}) but they do not differ (or do not exist): remove the row",
            entry.library, entry.walk, entry.steps, entry.part
        ));
    }
    assert!(failures.is_empty(), "{} unlisted difference(s):\n\n{}", failures.len(), failures.join("\n\n"));
}
