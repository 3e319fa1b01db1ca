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
        if name != "src/ids.rs" {
            assert!(!text.contains("getrandom::"), "{name} calls getrandom; randomness comes only from IdSource");
        }
    }
}
