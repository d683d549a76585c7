//! The web app's PDF module (issue 17): `crates/pdf-web` compiled for wasm32 with the same small
//! std as the app (`build::smallest_std`), finished by wasm-bindgen (`--target web`) and
//! wasm-opt, and put into `dist/` beside the app, under a content-hashed name:
//!
//! - `fazhi-pdf-<hash>.wasm`, the module;
//! - `fazhi-pdf-<hash>.js`, wasm-bindgen's glue plus one line ([`hook`]) that sets
//!   `globalThis.__fazhiPdf = {load, read}`, which both a worker's `import()` and a page's
//!   `<script type="module">` can reach (the page cannot `import()` without a script of its own);
//! - `<meta name="fazhi-pdf" content="./fazhi-pdf-<hash>.js">` in `index.html`, where the app
//!   finds it (src/platform/pdf.rs).
//!
//! Nothing loads it before a PDF is opened. It has its own gzip budget ([`PDF_GZIP_BUDGET`]);
//! the single file carries it inline (see `dist`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::files::{fnv1a, name};
use crate::install::{WebTools, WASM_TARGET};
use crate::{cargo, err, root, run, Result};

/// The PDF module's gzip budget (script and .wasm together, KB = 1000 bytes). Measured 71,063
/// bytes on 2026-12-07 (.wasm 68,299, script 2,764) since the module decodes GBK and Big5 CMap
/// codes with the browser's `TextDecoder` instead of encoding_rs's tables (190,511 before):
/// about 10 % headroom.
pub const PDF_GZIP_BUDGET: u64 = 78_000;

/// Names of the module's files in `dist/` start with this.
const PREFIX: &str = "fazhi-pdf-";

/// Where [`hook`] starts in the module's script: what the single file cuts off.
const HOOK_START: &str = "\n// fazhi-lens: the PDF module's hook\n";

/// The line that makes the module reachable as `globalThis.__fazhiPdf`; `source` is a JavaScript
/// expression for what `__wbg_init` instantiates (a URL, or bytes).
pub fn hook(source: &str) -> String {
    format!(
        "{HOOK_START}globalThis.__fazhiPdf = {{ load: () => __wbg_init({{ module_or_path: {source} }}), read: read_pdf }};\n"
    )
}

/// The module's files in `dist/`: `(script, wasm)`.
pub fn files(dist: &Path) -> Result<(PathBuf, PathBuf)> {
    let mut found = (None, None);
    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        let n = name(&path);
        if n.starts_with(PREFIX) && n.ends_with(".js") {
            found.0 = Some(path);
        } else if n.starts_with(PREFIX) && n.ends_with(".wasm") {
            found.1 = Some(path);
        }
    }
    match found {
        (Some(js), Some(wasm)) => Ok((js, wasm)),
        _ => Err(err!("no PDF module ({PREFIX}*.js and .wasm) in {}", dist.display())),
    }
}

/// wasm-bindgen's glue of the module's script in `dist/` (without [`hook`]).
pub fn glue(script: &str) -> &str {
    script.split(HOOK_START).next().unwrap_or(script)
}

/// Builds the module in `target` (a wasm target directory) and adds it to `dist`, replacing an
/// earlier one, and names it in `dist/index.html`. `std_env` sets the environment that builds
/// the app's small std (the release build's), so both modules are built alike.
pub fn add(tools: &WebTools, target: &Path, dist: &Path, std_env: fn(&mut Command) -> &mut Command) -> Result {
    let mut build = cargo();
    build
        .args(["build", "--offline", "-p", "fazhi-pdf-web", "--target", WASM_TARGET, "--profile", "web-release"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(root());
    run(std_env(&mut build))?;
    let built = target.join(WASM_TARGET).join("web-release").join("fazhi_pdf_web.wasm");
    let out = target.join("pdf-bindgen");
    let _ = fs::remove_dir_all(&out);
    run(Command::new(&tools.bindgen).args(["--target", "web", "--no-typescript", "--out-dir"]).arg(&out).arg(&built))?;
    let glue = fs::read_to_string(out.join("fazhi_pdf_web.js"))?;
    let optimized = out.join("optimized.wasm");
    // As Trunk runs it for the app (index.html: data-wasm-opt="z", --low-memory-unused).
    run(Command::new(&tools.wasm_opt)
        .arg(out.join("fazhi_pdf_web_bg.wasm"))
        .args(["-Oz", "--low-memory-unused", "-o"])
        .arg(&optimized))?;
    let wasm = fs::read(&optimized)?;

    for entry in fs::read_dir(dist)? {
        let path = entry?.path();
        if name(&path).starts_with(PREFIX) {
            fs::remove_file(path)?;
        }
    }
    let stem = format!("{PREFIX}{:016x}", fnv1a(&[glue.as_bytes(), &wasm]));
    fs::write(dist.join(format!("{stem}.wasm")), &wasm)?;
    let source = format!("new URL(\"./{stem}.wasm\", import.meta.url)");
    fs::write(dist.join(format!("{stem}.js")), format!("{glue}{}", hook(&source)))?;
    let index = dist.join("index.html");
    let html = without_meta(&fs::read_to_string(&index)?);
    let head_end = html.find("</head>").ok_or_else(|| err!("{}: no </head>", index.display()))?;
    let meta = format!("<meta name=\"fazhi-pdf\" content=\"./{stem}.js\">\n");
    fs::write(&index, format!("{}{meta}{}", &html[..head_end], &html[head_end..]))?;
    Ok(())
}

/// `html` without the meta tag naming the PDF module (the single file has no module to name).
pub fn without_meta(html: &str) -> String {
    let Some(start) = html.find("<meta name=\"fazhi-pdf\"") else { return html.to_string() };
    let end = html[start..].find('>').map_or(html.len(), |i| start + i + 1);
    let end = if html[end..].starts_with('\n') { end + 1 } else { end };
    format!("{}{}", &html[..start], &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_is_cut_off_again() {
        let glue_js = "let wasm;\nexport function read_pdf(b) {}\nexport { initSync, __wbg_init as default };\n";
        let script = format!("{glue_js}{}", hook("\"x.wasm\""));
        assert!(script.contains("globalThis.__fazhiPdf = { load: () => __wbg_init({ module_or_path: \"x.wasm\" })"));
        assert_eq!(glue(&script), glue_js);
    }

    #[test]
    fn the_meta_tag_is_removed() {
        let html = "<head>\n<meta charset=\"utf-8\">\n<meta name=\"fazhi-pdf\" content=\"./fazhi-pdf-1.js\">\n</head>";
        assert_eq!(without_meta(html), "<head>\n<meta charset=\"utf-8\">\n</head>");
        assert_eq!(without_meta("<head></head>"), "<head></head>");
    }
}
