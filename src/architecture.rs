//! The app's two structural rules, checked on its source (a native test, `cargo test -p
//! fazhi-lens-web`; ARCHITECTURE.md states them):
//!
//! - every analysis goes through the worker: only `platform/worker.rs` calls the core's
//!   `fazhi_lens::analyze…` (the UI asks `worker::Analyzer`, the JS API `worker::timed_analyze`);
//! - no import circles: each area imports only the areas below it ([`MAY_IMPORT`]), and no
//!   files import each other in a loop.
//!
//! Imports are read from the text: `crate::area::file` and `super::file` paths outside comments
//! and outside the `#[cfg(test)]` part of each file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Each area and the areas it may import, from the top down: the shell draws the areas, views
/// use models (the comparison picks from the library), everything may use the strings and the
/// platform, which uses nothing of the app.
const MAY_IMPORT: [(&str, &[&str]); 7] = [
    ("shell", &["input", "library", "report", "compare", "i18n", "platform"]),
    ("compare", &["library", "i18n", "platform"]),
    ("input", &["i18n", "platform"]),
    ("library", &["i18n", "platform"]),
    ("report", &["i18n", "platform"]),
    ("i18n", &[]),
    ("platform", &[]),
];

/// The one file that runs the analyser.
const ANALYSER: &str = "platform/worker.rs";

/// Every `.rs` file of the app's areas, as a path relative to `src/` ("report/view.rs"), with
/// its code up to its tests.
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .iter()
        .filter_map(|path| {
            let name = path.strip_prefix(&src).ok()?.to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(path).ok()?;
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            // Comments name other modules without importing them.
            let code: Vec<&str> = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
            let code = code.join("\n");
            Some((name, code))
        })
        // This file is a test of the others; `main.rs` is the entry, above every area.
        .filter(|(name, _)| name != "architecture.rs" && name != "main.rs")
        .collect()
}

/// The area of a file: its folder, or its own name beside `main.rs` ("i18n").
fn area(file: &str) -> &str {
    file.split('/').next().unwrap_or(file).trim_end_matches(".rs")
}

/// The files of the app that `file` imports (`crate::a::b`, `super::b`), as `sources` names them.
fn imports(file: &str, code: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    for (prefix, in_area) in [("crate::", false), ("super::", true)] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let first = ident(rest);
            let target = if in_area {
                // `super::` of a file in a folder is the folder's module (in `mod.rs` or beside
                // `main.rs` it is the crate: nothing of the app's own areas).
                match file.rsplit_once('/') {
                    Some((dir, name)) if name != "mod.rs" => format!("{dir}/{first}.rs"),
                    _ => continue,
                }
            } else if files.contains_key(&format!("{first}.rs")) {
                format!("{first}.rs")
            } else {
                let second = ident(rest[first.len()..].trim_start_matches("::"));
                format!("{first}/{second}.rs")
            };
            if files.contains_key(&target) && target != file && !out.contains(&target) {
                out.push(target);
            }
        }
    }
    out
}

#[test]
fn only_the_worker_module_runs_the_analyser() {
    let files = sources();
    assert!(files.contains_key(ANALYSER), "{ANALYSER} is where the analyser runs");
    let runs_it = |(name, code): &(&String, &String)| *name != ANALYSER && code.contains("fazhi_lens::analyze");
    let callers: Vec<&String> = files.iter().filter(runs_it).map(|(name, _)| name).collect();
    assert!(callers.is_empty(), "analysis outside {ANALYSER} (use platform::worker::Analyzer): {callers:?}");
}

/// The web build compiles `Debug` to nothing (`-Zfmt-debug=none`, see xtask/src/build.rs): app
/// code formatting a value with `{:?}` would show users an empty string.
#[test]
fn no_debug_formatting_outside_tests() {
    let files = sources();
    let uses: Vec<&String> =
        files.iter().filter(|(_, code)| code.contains(":?}") || code.contains(":#?}")).map(|(name, _)| name).collect();
    assert!(uses.is_empty(), "Debug formatting in the app (spell the text out): {uses:?}");
}

#[test]
fn areas_import_only_the_areas_below_them() {
    let files = sources();
    let mut wrong = Vec::new();
    for (file, code) in &files {
        let from = area(file);
        let allowed = MAY_IMPORT.iter().find(|(a, _)| *a == from).map(|(_, may)| *may);
        let Some(allowed) = allowed else {
            wrong.push(format!("{file}: area `{from}` is not in MAY_IMPORT"));
            continue;
        };
        for target in imports(file, code, &files) {
            let to = area(&target);
            if to != from && !allowed.contains(&to) {
                wrong.push(format!("{file} -> {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering of ARCHITECTURE.md: {wrong:#?}");
}

/// Each file with the files it imports.
type Graph = BTreeMap<String, Vec<String>>;

/// A circle of imports that `file` starts or reaches, depth first; `path` holds the files on the
/// way there, `done` those known to reach no circle.
fn circle_from(file: &str, graph: &Graph, path: &mut Vec<String>, done: &mut Vec<String>) -> Option<String> {
    if let Some(at) = path.iter().position(|f| f == file) {
        return Some(format!("{} -> {file}", path[at..].join(" -> ")));
    }
    if done.iter().any(|f| f == file) {
        return None;
    }
    path.push(file.to_string());
    for next in graph.get(file).into_iter().flatten() {
        if let Some(circle) = circle_from(next, graph, path, done) {
            return Some(circle);
        }
    }
    path.pop();
    done.push(file.to_string());
    None
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let files = sources();
    let graph: Graph = files.iter().map(|(file, code)| (file.clone(), imports(file, code, &files))).collect();
    let mut done = Vec::new();
    for file in graph.keys() {
        let circle = circle_from(file, &graph, &mut Vec::new(), &mut done);
        assert_eq!(circle, None, "files that import each other in a circle");
    }
}

#[test]
fn the_checks_see_the_imports() {
    let files = sources();
    let view = imports("compare/view.rs", &files["compare/view.rs"], &files);
    for expected in ["compare/model.rs", "library/data.rs", "platform/worker.rs", "i18n.rs"] {
        assert!(view.contains(&expected.to_string()), "compare/view.rs imports {expected}: {view:?}");
    }
}
