//! Tidy checks: the architecture's invariants, enforced under `cargo test`.
//!
//! Each check scans the source tree for something that must be absent, so a
//! change that breaks an invariant fails here with the file named.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = rust_files(&root.join("src"));
    files.extend(rust_files(&root.join("tests")));
    files.into_iter().map(|p| (p.clone(), fs::read_to_string(&p).unwrap())).collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string()
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    for (path, text) in sources() {
        assert!(text.starts_with("//!"), "{} must start with a //! paragraph saying what it is for", relative(&path));
    }
}

#[test]
fn only_src_wasm_rs_knows_wasm_bindgen() {
    for (path, text) in sources() {
        let name = relative(&path);
        if name == "src/wasm.rs" || name.starts_with("tests/") {
            continue;
        }
        for word in ["wasm_bindgen", "web_sys", "js_sys", "serde_wasm_bindgen"] {
            assert!(!text.contains(word), "{name} names {word}; only src/wasm.rs may know the browser");
        }
    }
}

#[test]
fn the_core_never_reads_a_real_clock_or_rng() {
    for (path, text) in sources() {
        let name = relative(&path);
        if !name.starts_with("src/") {
            continue;
        }
        for word in ["SystemTime", "std::time", "Date::now", "performance"] {
            assert!(!text.contains(word), "{name} names {word}; time must come from the virtual clock");
        }
        if name != "src/base/ids.rs" {
            assert!(!text.contains("getrandom::"), "{name} calls getrandom; randomness comes only from IdSource");
        }
    }
}

/// The layers of `src/`, lowest first, each with the folders it may name.
/// A folder names only folders below it; `scenario` and `labs` stand side by
/// side on the simulation and name neither each other. `lib.rs` and `wasm.rs`
/// sit on top and may name anything.
const LAYERS: [(&str, &[&str]); 10] = [
    ("base", &[]),
    ("browser", &["base"]),
    ("session", &["base"]),
    ("library", &["base", "browser", "session"]),
    ("text", &["base", "browser", "session", "library"]),
    ("trace", &["base", "browser", "session", "library", "text"]),
    ("server", &["base", "browser", "session", "library", "text", "trace"]),
    ("sim", &["base", "browser", "session", "library", "text", "trace", "server"]),
    ("scenario", &["base", "browser", "session", "library", "text", "trace", "server", "sim"]),
    ("labs", &["base", "browser", "session", "library", "text", "trace", "server", "sim"]),
];

/// The code of a file without its unit tests (`#[cfg(test)] mod tests` closes
/// each file): a test may set a scene with a higher layer's help.
fn code_of(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests").map_or(text, |at| &text[..at])
}

/// Every folder a file's code names through `crate::`: the first segment of
/// each `crate::...` path, in `use` lines, inline paths and doc links alike.
fn folders_named(code: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let segment: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if segment.is_empty() {
            // `crate::{a, b}`: every name in the braces is a folder named.
            let group = rest.strip_prefix('{').and_then(|g| g.split('}').next()).unwrap_or("");
            named.extend(group.split(',').map(|n| n.trim().split("::").next().unwrap_or("").to_owned()));
        } else {
            named.push(segment);
        }
    }
    named
}

#[test]
fn every_folder_of_src_is_a_layer_and_only_lib_and_wasm_sit_on_top() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            assert!(
                name == "bin" || LAYERS.iter().any(|(layer, _)| *layer == name),
                "src/{name}/ is not in tests/native/tidy.rs's LAYERS: place it in the layer graph (and ARCHITECTURE.md's)"
            );
        } else {
            assert!(
                name == "lib.rs" || name == "wasm.rs",
                "src/{name} sits outside the layers: move it into the folder of its layer"
            );
        }
    }
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (layer, below) in LAYERS {
        for path in rust_files(&src.join(layer)) {
            let text = fs::read_to_string(&path).unwrap();
            for named in folders_named(code_of(&text)) {
                assert!(
                    named == layer || below.contains(&named.as_str()),
                    "{} (layer {layer}) names crate::{named}; {layer} may name only itself and {below:?} \
                     (a root re-export such as crate::World hides the layer: write its full path)",
                    relative(&path)
                );
            }
        }
    }
}

#[test]
fn the_layer_check_sees_use_lines_groups_inline_paths_and_doc_links() {
    let code = "use crate::base::clock::Instant;\nuse crate::{sim, trace::Step};\n\
                /// See [`World`](crate::World).\nfn f() { crate::server::human(); }\n\
                #[cfg(test)]\nmod tests { use crate::labs; }";
    assert_eq!(folders_named(code_of(code)), ["base", "sim", "trace", "World", "server"]);
}

#[test]
fn a_source_file_over_about_500_lines_says_at_its_top_why_it_is_one_file() {
    for (path, text) in sources() {
        let name = relative(&path);
        if !name.starts_with("src/") || text.lines().count() <= 520 {
            continue;
        }
        let doc: String = text.lines().take_while(|l| l.starts_with("//!")).collect::<Vec<_>>().join("\n");
        assert!(
            doc.contains("Why one file of this length"),
            "{name} has {} lines: split it, or say in its //! paragraph why it is one file (\"Why one file of this length: …\")",
            text.lines().count()
        );
    }
}

/// The page's modules of data and rules: no DOM, no engine import (the
/// engine, a storage or a clock is passed in), so node's test runner covers
/// them without a browser (`tests/unit/`).
const PURE_PAGE_MODULES: [&str; 5] =
    ["www/timeline.js", "www/tour.js", "www/announce.js", "www/replay.js", "www/prefs.js"];

/// A page module's code without its comments (whole-line `//` and `/** … */` lines).
fn js_code(text: &str) -> String {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("//") || line.starts_with("/*") || line.starts_with('*'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pages_pure_modules_touch_no_dom_and_import_no_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in PURE_PAGE_MODULES {
        let code = js_code(&fs::read_to_string(root.join(name)).unwrap());
        for word in [
            "document",
            "window",
            "querySelector",
            "addEventListener",
            "HTMLElement",
            "./core.js",
            "./pkg/",
            "./view.js",
            "./dom.js",
            "./player.js",
        ] {
            assert!(
                !code.contains(word),
                "{name} names {word:?}: it is one of the page's modules without DOM or engine (pass it in instead)"
            );
        }
    }
    assert!(
        js_code("// document\n  /** window */\n  * querySelector\nlet a = 1;") == "let a = 1;",
        "comments are not code"
    );
}

#[test]
fn a_page_module_over_about_500_lines_says_at_its_top_why_it_is_one_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in fs::read_dir(root.join("www")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        if text.lines().count() <= 520 {
            continue;
        }
        let head: String = text.lines().take_while(|l| l.starts_with("//")).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains("Why one file of this length"),
            "{} has {} lines: split it, or say in its opening comment why it is one file (\"Why one file of this length: …\")",
            relative(&path),
            text.lines().count()
        );
    }
}

/// The string literals of some Rust code, comments left out: plain, byte and
/// raw strings, each as written between its quotes (escapes left as they are),
/// with the code just before it.
fn string_literals(code: &str) -> Vec<(String, String)> {
    let bytes = code.as_bytes();
    let mut literals = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &code[at..];
        if rest.starts_with("//") {
            at += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            at += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if let Some(tick) = rest.strip_prefix('\'') {
            // A char literal ('x', '\'', '\u{201c}'), or a lifetime's tick.
            let close = match tick.chars().next() {
                Some('\\') => tick[1..].find('\'').map(|end| end + 3),
                Some(c) if tick[c.len_utf8()..].starts_with('\'') => Some(c.len_utf8() + 2),
                _ => None,
            };
            at += close.unwrap_or(1);
        } else if let Some(hashes) = raw_string_start(code, at) {
            let open = rest.find('"').unwrap() + 1;
            let end = "\"".to_owned() + &"#".repeat(hashes);
            let close = rest[open..].find(&end).map_or(rest.len(), |c| open + c);
            literals.push((code[..at].to_owned(), rest[open..close].to_owned()));
            at += close + end.len();
        } else if rest.starts_with('"') {
            let mut end = 1;
            while end < rest.len() && !rest[end..].starts_with('"') {
                end += if rest[end..].starts_with('\\') { 2 } else { rest[end..].chars().next().unwrap().len_utf8() };
            }
            literals.push((code[..at].to_owned(), rest[1..end.min(rest.len())].to_owned()));
            at += end + 1;
        } else {
            at += rest.chars().next().unwrap().len_utf8();
        }
    }
    literals
}

/// With `r"`, `r#"`, `br"` starting at `at` (not inside a name): how many `#`s.
fn raw_string_start(code: &str, at: usize) -> Option<usize> {
    let before = code[..at].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let rest = code[at..].strip_prefix('b').unwrap_or(&code[at..]);
    let hashes = rest.strip_prefix('r')?.chars().take_while(|&c| c == '#').count();
    rest[1 + hashes..].starts_with('"').then_some(hashes)
}

/// Whether a literal reads as English for a reader: a sentence's start (a
/// capital, a lower-case letter, and a space later on) or four words in a row.
fn reads_as_english(literal: &str) -> bool {
    let mut chars = literal.chars();
    let sentence = matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase())
        && literal.contains(' ');
    let words = literal
        .split(|c: char| !c.is_ascii_lowercase() && c != ' ')
        .any(|run| run.split(' ').filter(|w| !w.is_empty()).count() >= 4 && !run.contains("  "));
    sentence || words
}

/// Files outside `src/text/` whose literals read as English but are not the
/// reader's text: the protocols' and the stores' own words. A listed file
/// with no such words left fails the check until it leaves the list.
const NOT_READER_TEXT: [(&str, &str); 5] = [
    ("src/base/http.rs", "HTTP's reason phrases (Bad Request) and the Bearer scheme's name are the protocol's words"),
    ("src/server/cookies.rs", "the removal cookie's date is HTTP's"),
    ("src/session/commands.rs", "store commands as the real store runs them"),
    ("src/session/refresh_commands.rs", "refresh tokens' and token versions' commands as the real store runs them"),
    ("src/server/php.rs", "PHP's file operations, as a store command"),
];

#[test]
fn english_is_written_only_in_src_text() {
    let listed = |name: &str| NOT_READER_TEXT.iter().any(|(file, _)| *file == name);
    let mut found = Vec::new();
    let mut english_in = std::collections::BTreeSet::new();
    for (path, text) in sources() {
        let name = relative(&path);
        if !name.starts_with("src/") {
            continue;
        }
        for (before, literal) in string_literals(code_of(&text)) {
            // A panic's message (`expect`) is for the developer, not the reader.
            if !reads_as_english(&literal) || before.trim_end().ends_with("expect(") {
                continue;
            }
            english_in.insert(name.clone());
            if !name.starts_with("src/text/") && !listed(&name) {
                found.push(format!("{name}: \"{literal}\""));
            }
            // Inside src/text/, a sentence belongs to a language (en/), not to the ids or a helper.
            if name.starts_with("src/text/") && !name.starts_with("src/text/en/") {
                found.push(format!("{name}: \"{literal}\" (write it in src/text/en/, rendering a Message variant)"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English outside src/text/: say it with a message of the catalogue (src/text/message/, rendered in \
         src/text/en/), or list the file in tests/native/tidy.rs with why it is not reader text:\n{}",
        found.join("\n")
    );
    // The list only names files that still need it.
    for (file, _) in NOT_READER_TEXT {
        assert!(english_in.contains(file), "{file} writes no such words any more: take it off NOT_READER_TEXT");
    }
}

#[test]
fn the_english_check_sees_sentences_and_word_runs_but_not_names_or_comments() {
    let code = "// A comment says Hello there.\nlet a = \"The server answers 200 OK.\";\n\
                let b = \"fills in the login form\"; let c = \"Set-Cookie\"; let d = 'x';\n\
                let e = r#\"Raw strings count too\"#; let f = \"HttpOnly\"; fn g<'a>(x: &'a str) {}\n\
                let h = \"sess:{id}\"; /* Block comments do not. */ let i = \"it is \\\"quoted\\\" and that is all\";";
    let english: Vec<String> =
        string_literals(code).into_iter().map(|(_, l)| l).filter(|l| reads_as_english(l)).collect();
    assert_eq!(
        english,
        [
            "The server answers 200 OK.",
            "fills in the login form",
            "Raw strings count too",
            "it is \\\"quoted\\\" and that is all"
        ]
    );
}
