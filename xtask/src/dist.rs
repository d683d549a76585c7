//! Shipping beyond a plain `dist/`: the service worker that keeps a served app working offline,
//! and `fazhi-lens.html`, the whole app in one file for shared drives and USB sticks.
//!
//! `cargo xtask dist` builds `dist/` (which already has the service worker: every release build
//! adds it, see `build`) and then the single file.
//!
//! - Service worker: `www/service-worker.js` becomes `dist/sw.js` with the list of `dist/`'s
//!   files and a version hashed from their contents, so each release has a new worker with a new
//!   cache. `www/sw-register.js` registers it; it is copied under a content-hashed name and
//!   loaded by `dist/index.html` (a file of its own: the CSP allows no inline script).
//! - Single file: browsers will not fetch a `.wasm` (or a module script) from `file://`, so the
//!   page carries everything inline: the stylesheet in `<style>`, and one module script with the
//!   wasm-bindgen glue, the `.wasm` in base64 and Trunk's start-up. Its CSP allows exactly those
//!   two elements by hash, plus WebAssembly, and nothing from anywhere (`default-src 'none'`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::csp::{csp_hash, csp_range};
use crate::files::{fnv1a, kib, name, only_file, over_budget, sizes, walk, DIST_GZIP_BUDGET};
use crate::pdf::{self, PDF_GZIP_BUDGET};
use crate::{err, root, target_dir, Result};

/// The service worker's name in `dist/`. Fixed: browsers look for updates at the same URL.
const SW: &str = "sw.js";
/// The registration script's name in `dist/` starts with this, then a content hash and `.js`.
const REGISTER: &str = "sw-register-";

/// Adds the service worker and its registration to a release `dist/`. Idempotent: it first
/// removes what an earlier run added.
pub fn add_service_worker(dist: &Path) -> Result {
    let www = root().join("www");
    let template = fs::read_to_string(www.join("service-worker.js"))?;
    let register = fs::read(www.join("sw-register.js"))?;
    for entry in fs::read_dir(dist)? {
        let file = entry?.path();
        let n = name(&file);
        if n == SW || (n.starts_with(REGISTER) && n.ends_with(".js")) {
            fs::remove_file(file)?;
        }
    }
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index)?;
    let register_name = format!("{REGISTER}{:016x}.js", fnv1a(&[&register]));
    fs::write(dist.join(&register_name), &register)?;
    let tag = format!("<script src=\"./{register_name}\" defer></script>");
    let html = remove_elements(&html, "<script", "</script>", |t| t.contains(&format!("src=\"./{REGISTER}")));
    let head_end = html.find("</head>").ok_or_else(|| err!("{}: no </head>", index.display()))?;
    fs::write(&index, format!("{}{tag}\n{}", &html[..head_end], &html[head_end..]))?;

    let mut files = Vec::new();
    walk(dist, &mut files)?;
    let mut entries = Vec::new();
    for file in files.iter().filter(|f| name(f) != SW) {
        let rel = file.strip_prefix(dist).unwrap_or(file).to_string_lossy().replace('\\', "/");
        // The page is cached under the directory's URL, the one users open.
        let url = if rel == "index.html" { "./".to_string() } else { format!("./{rel}") };
        entries.push((url, fs::read(file)?));
    }
    entries.sort();
    let parts: Vec<&[u8]> = entries.iter().flat_map(|(u, bytes)| [u.as_bytes(), b"\0", bytes.as_slice()]).collect();
    let version = format!("{:016x}", fnv1a(&parts));
    let list: Vec<String> = entries.iter().map(|(u, _)| json_string(u)).collect();
    let worker = fill(&template, "'__FAZHI_VERSION__'", &json_string(&version))
        .and_then(|t| fill(&t, "__FAZHI_FILES__", &format!("[{}]", list.join(", "))))
        .ok_or_else(|| err!("www/service-worker.js lacks '__FAZHI_VERSION__' or __FAZHI_FILES__"))?;
    fs::write(dist.join(SW), worker)?;
    eprintln!("xtask: service worker {SW}: version {version}, {} files cached", entries.len());
    Ok(())
}

/// `template` with its one `placeholder` replaced; `None` unless there is exactly one.
fn fill(template: &str, placeholder: &str, value: &str) -> Option<String> {
    (template.matches(placeholder).count() == 1).then(|| template.replacen(placeholder, value, 1))
}

/// A JSON (and JavaScript) string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the single file is written.
pub fn single_file_path() -> PathBuf {
    target_dir().join("fazhi-lens.html")
}

/// What the single file may weigh after gzip: the budgets of `dist/` and of the PDF module,
/// plus base64's 4/3 on top (base64 text compresses about as well as the bytes it encodes,
/// which are already compact).
pub const SINGLE_FILE_GZIP_BUDGET: u64 = (DIST_GZIP_BUDGET + PDF_GZIP_BUDGET) * 4 / 3;

/// Writes `fazhi-lens.html` from a release `dist/`, prints its size and fails over budget.
pub fn single_file(dist: &Path) -> Result<PathBuf> {
    let wasm = only_file(dist, "_bg.wasm")?;
    let stem = name(&wasm);
    let stem = stem.strip_suffix("_bg.wasm").unwrap_or(&stem);
    let glue = fs::read_to_string(dist.join(format!("{stem}.js")))?;
    let glue = inline_snippets(&glue, |path| {
        fs::read_to_string(dist.join(path.trim_start_matches("./"))).map_err(|e| err!("{path}: {e}"))
    })?;
    let html = pdf::without_meta(&fs::read_to_string(dist.join("index.html"))?);
    let (pdf_js, pdf_wasm) = pdf::files(dist)?;
    let pdf_script = pdf_script(&fs::read_to_string(pdf_js)?, &fs::read(pdf_wasm)?);

    let mut styles = Vec::new();
    let page = without_loading(&html, |href| {
        let css = fs::read_to_string(dist.join(href.trim_start_matches("./"))).map_err(|e| err!("{href}: {e}"))?;
        let loads =
            css.match_indices("url(").any(|(i, _)| !css[i + 4..].trim_start_matches(['"', '\'']).starts_with("data:"));
        if loads || css.to_ascii_lowercase().contains("</style") {
            return Err(err!("{href}: cannot inline a stylesheet with </style or url() loads"));
        }
        styles.push(css.clone());
        Ok(css)
    })?;
    check_self_contained(&page)?;
    let script = app_script(&glue, &fs::read(&wasm)?)?;

    let mut style_hashes = Vec::new();
    for css in &styles {
        style_hashes.push(csp_hash(css)?);
    }
    let policy = format!(
        "default-src 'none'; script-src {} {} 'wasm-unsafe-eval'; style-src {}; img-src data:; object-src 'none'; \
         base-uri 'none'; form-action 'none'",
        csp_hash(&pdf_script)?,
        csp_hash(&script)?,
        if style_hashes.is_empty() { "'none'".to_string() } else { style_hashes.join(" ") },
    );
    let csp = csp_range(&page).ok_or_else(|| err!("dist/index.html has no Content-Security-Policy meta tag"))?;
    let head_end = page.find("</head>").ok_or_else(|| err!("dist/index.html: no </head>"))?;
    if head_end < csp.end {
        return Err(err!("dist/index.html: the CSP meta tag is not in <head>"));
    }
    // The PDF module's script first: it only defines `__fazhiPdf`, which the app needs once the
    // user opens a PDF; its module scope keeps its names apart from the app's glue.
    let out = format!(
        "{}{policy}{}<script type=\"module\">{pdf_script}</script>\n<script type=\"module\">{script}</script>\n{}",
        &page[..csp.start],
        &page[csp.end..head_end],
        &page[head_end..]
    );
    let path = single_file_path();
    fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    fs::write(&path, out)?;
    let (raw, gz) = sizes(std::slice::from_ref(&path))?.first().copied().unwrap_or_default();
    eprintln!("xtask: single file {}: {} raw, {} gzip", path.display(), kib(raw), kib(gz));
    over_budget("the single file", gz, SINGLE_FILE_GZIP_BUDGET)?;
    Ok(path)
}

/// `html` without what loads other files: every `<script>`, `<link rel=preload|modulepreload>`
/// goes, and each `<link rel=stylesheet href>` becomes a `<style>` with what `css(href)` gives.
fn without_loading(html: &str, mut css: impl FnMut(&str) -> Result<String>) -> Result<String> {
    let html = remove_elements(html, "<script", "</script>", |_| true);
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<link") {
        let end = rest[start..].find('>').map_or(rest.len(), |i| start + i + 1);
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        match attr(tag, "rel") {
            Some("stylesheet") => {
                let href = attr(tag, "href").ok_or_else(|| err!("a stylesheet link without href: {tag}"))?;
                out.push_str(&format!("<style>{}</style>", css(href)?));
            }
            Some("preload" | "modulepreload") => {}
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `html` without the elements from `open` to `close` whose opening tag satisfies `drop`.
fn remove_elements(html: &str, open: &str, close: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let tag_end = rest[start..].find('>').map_or(rest.len(), |i| start + i + 1);
        let end = rest[start..].find(close).map_or(rest.len(), |i| start + i + close.len());
        out.push_str(&rest[..start]);
        let dropped = drop(&rest[start..tag_end]);
        if !dropped {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
        // The line break after the element goes with it (`add_service_worker` adds one).
        if dropped {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

/// The value of a double-quoted attribute in one tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Fails if any `src` or `href` left in the page would load something.
fn check_self_contained(page: &str) -> Result {
    for key in [" src=\"", " href=\""] {
        for (i, _) in page.match_indices(key) {
            let value = &page[i + key.len()..];
            if !value.starts_with("data:") && !value.starts_with('#') {
                let shown: String = value.chars().take(60).collect();
                return Err(err!("the single file would still load {key}{shown}…"));
            }
        }
    }
    Ok(())
}

/// The one module script of the single file: the wasm-bindgen glue as it is (an inline module
/// may keep its `export`s), then what Trunk's loader does, with the `.wasm` from base64.
fn app_script(glue: &str, wasm: &[u8]) -> Result<String> {
    if !glue.contains("__wbg_init") {
        return Err(err!("the wasm-bindgen glue has no __wbg_init: not `--target web` output?"));
    }
    let exports = exported_names(glue);
    let bindings: Vec<String> = exports
        .iter()
        .map(|(local, exported)| if local == exported { local.clone() } else { format!("{exported}: {local}") })
        .collect();
    Ok(format!(
        "{glue}\n\
         const __fazhi_bytes = {BYTES_OF_BASE64}(\"{b64}\");\n\
         const __fazhi_wasm = await __wbg_init({{ module_or_path: __fazhi_bytes }});\n\
         window.wasmBindings = {{ {bindings} }};\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{ detail: {{ wasm: __fazhi_wasm }} }}));\n",
        glue = escape_script(glue),
        b64 = base64(wasm),
        bindings = bindings.join(", "),
    ))
}

/// The single file's script of the PDF module: its glue and the hook (see `pdf`), the `.wasm`
/// in base64, decoded only when the module is first loaded (when a PDF is opened).
fn pdf_script(served: &str, wasm: &[u8]) -> String {
    let glue = escape_script(pdf::glue(served));
    let source = format!("{}(\"{}\")", BYTES_OF_BASE64, base64(wasm));
    format!("{glue}{}", pdf::hook(&source))
}

/// A JavaScript function expression: the bytes of a base64 string.
const BYTES_OF_BASE64: &str = "((b64) => { const s = atob(b64); const b = new Uint8Array(s.length); \
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; })";

/// The glue with each import of a wasm-bindgen snippet (`#[wasm_bindgen(module = …)]`, copied
/// by Trunk to `dist/snippets/`) replaced by the snippet itself, run once in a function of its
/// own that returns its exports (wasm-bindgen imports one module several times, by name and as
/// `import * as importN`: all share that one instance and its state). The single file then loads
/// no module. `snippet(path)` reads one. A snippet must be a plain module: no imports of its own,
/// exports only as `export function`, `export async function`, `export class`, `export const` or
/// `export let` at a line's start.
fn inline_snippets(glue: &str, mut snippet: impl FnMut(&str) -> Result<String>) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    let mut seen: Vec<String> = Vec::new();
    for line in glue.split_inclusive('\n') {
        let trimmed = line.trim();
        let Some(path) = trimmed
            .strip_prefix("import ")
            .and_then(|rest| rest.split_once(" from "))
            .map(|(_, from)| from.trim_end_matches(';').trim_matches(['\'', '"']))
            .filter(|from| from.starts_with("./snippets/"))
        else {
            out.push_str(line);
            continue;
        };
        let what = trimmed["import ".len()..trimmed.find(" from ").unwrap_or(0)].trim();
        let binding = match what.strip_prefix("* as ") {
            Some(name) => name.trim().to_string(),
            None if what.starts_with('{') => what.replace(" as ", ": "),
            None => return Err(err!("{path}: cannot inline `import {what}`")),
        };
        let index = match seen.iter().position(|p| p == path) {
            Some(i) => i,
            None => {
                out.push_str(&format!(
                    "const __fazhi_snippet{} = {};\n",
                    seen.len(),
                    snippet_module(path, &snippet(path)?)?
                ));
                seen.push(path.to_string());
                seen.len() - 1
            }
        };
        out.push_str(&format!("const {binding} = __fazhi_snippet{index};\n"));
    }
    Ok(out)
}

/// A snippet module as an expression: a function run at once that returns its exports.
fn snippet_module(path: &str, js: &str) -> Result<String> {
    if js.lines().any(|l| l.trim_start().starts_with("import ")) {
        return Err(err!("{path}: a snippet with imports of its own cannot be inlined"));
    }
    let exports: Vec<String> = exported_names(&js.replace("export async function", "export function"))
        .into_iter()
        .map(|(local, exported)| if local == exported { local } else { format!("{exported}: {local}") })
        .collect();
    let body = js
        .lines()
        .map(|l| {
            l.strip_prefix("export async ")
                .map_or_else(|| l.strip_prefix("export ").unwrap_or(l).to_string(), |r| format!("async {r}"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    Ok(format!("(() => {{\n{body}\nreturn {{ {} }};\n}})()", exports.join(", ")))
}

/// `(local, exported)` names of a wasm-bindgen module's exports: `export function f`,
/// `export class C`, `export const c` and `export { a, b as c };`.
fn exported_names(js: &str) -> Vec<(String, String)> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect::<String>();
    let mut out = Vec::new();
    for line in js.lines() {
        let Some(rest) = line.strip_prefix("export ") else { continue };
        if let Some(list) = rest.strip_prefix('{') {
            for item in list.split('}').next().unwrap_or("").split(',') {
                let mut words = item.split_whitespace();
                if let Some(local) = words.next() {
                    let exported = if words.next() == Some("as") { words.next().unwrap_or(local) } else { local };
                    out.push((local.to_string(), exported.to_string()));
                }
            }
        } else if let Some(decl) = ["function ", "class ", "const ", "let "].iter().find_map(|k| rest.strip_prefix(k)) {
            let n = ident(decl.trim_start_matches('*').trim_start());
            if !n.is_empty() {
                out.push((n.clone(), n));
            }
        }
    }
    out
}

/// JavaScript made safe inside `<script>`: `</script` and `<!--` can only occur in strings,
/// comments, templates and regexes there, where `<\/` and `<\!` mean the same.
fn escape_script(js: &str) -> String {
    let lower = js.to_ascii_lowercase();
    let mut out = String::with_capacity(js.len());
    let mut last = 0;
    let mut i = 0;
    while let Some(pos) = lower[i..].find('<').map(|p| i + p) {
        let after = &lower[pos + 1..];
        if after.starts_with("/script") || after.starts_with("!--") {
            out.push_str(&js[last..=pos]);
            out.push('\\');
            last = pos + 1;
        }
        i = pos + 1;
    }
    out.push_str(&js[last..]);
    out
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = "<html><head>\n\
        <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">\n\
        <link rel=\"icon\" href=\"data:,\">\n\
        <link rel=\"stylesheet\" href=\"./style-1.css\" integrity=\"sha384-x\"/>\n\
        <script type=\"module\">\nimport init from './app-1.js';\n</script>\n\
        <link rel=\"modulepreload\" href=\"./app-1.js\"><link rel=\"preload\" href=\"./app-1_bg.wasm\" as=\"fetch\">\
        </head><body></body></html>";

    #[test]
    fn inlines_styles_and_drops_loading() {
        let page = without_loading(TRUNK_PAGE, |href| Ok(format!("/* {href} */"))).unwrap();
        assert!(page.contains("<style>/* ./style-1.css */</style>"), "{page}");
        assert!(page.contains("<link rel=\"icon\" href=\"data:,\">"));
        assert!(!page.contains("<script") && !page.contains("preload") && !page.contains("./app-1"), "{page}");
        check_self_contained(&page).unwrap();
        assert!(check_self_contained(TRUNK_PAGE).is_err());
    }

    #[test]
    fn removes_only_chosen_elements() {
        let html = "<head>\n<script src=\"./sw-register-1.js\" defer></script>\n<script>keep</script></head>";
        let out = remove_elements(html, "<script", "</script>", |t| t.contains("sw-register"));
        assert_eq!(out, "<head>\n<script>keep</script></head>");
    }

    #[test]
    fn adds_the_service_worker_idempotently() {
        let dist = std::env::temp_dir().join(format!("xtask-dist-test-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(
            dist.join("index.html"),
            "<html><head>\n<link rel=\"preload\" href=\"./a_bg.wasm\"></head><body></body></html>",
        )
        .unwrap();
        fs::write(dist.join("a_bg.wasm"), b"\0asm").unwrap();
        let snapshot = || {
            let mut files = Vec::new();
            walk(&dist, &mut files).unwrap();
            files.sort();
            files.iter().map(|f| (name(f), fs::read_to_string(f).unwrap_or_default())).collect::<Vec<_>>()
        };
        add_service_worker(&dist).unwrap();
        let once = snapshot();
        add_service_worker(&dist).unwrap();
        let twice = snapshot();
        let _ = fs::remove_dir_all(&dist);
        assert_eq!(once, twice);
        let index = &once.iter().find(|(n, _)| n == "index.html").unwrap().1;
        assert!(
            index.contains("<script src=\"./sw-register-") && index.contains("defer></script>\n</head>"),
            "{index}"
        );
        let sw = &once.iter().find(|(n, _)| n == SW).unwrap().1;
        assert!(sw.contains(r#"const FILES = ["./", "./a_bg.wasm", "./sw-register-"#), "{sw}");
    }

    #[test]
    fn finds_wasm_bindgen_exports() {
        let js = "let wasm;\nexport function analyze(text) {\n}\nexport class Foo {}\n\
                  function __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        let names = exported_names(js);
        let pairs: Vec<(&str, &str)> = names.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(
            pairs,
            [("analyze", "analyze"), ("Foo", "Foo"), ("initSync", "initSync"), ("__wbg_init", "default")]
        );
    }

    #[test]
    fn inlines_snippets_once() {
        let glue = "import { libOpen, libList } from './snippets/app-0123/www/db.js';\n\
                    import * as import1 from \"./snippets/app-0123/www/db.js\"\nlet wasm;\n";
        let js = "const X = 1;\nexport async function libOpen() { return X; }\nexport function libList() {}\n";
        let mut reads = 0;
        let out = inline_snippets(glue, |path| {
            assert_eq!(path, "./snippets/app-0123/www/db.js");
            reads += 1;
            Ok(js.to_string())
        })
        .unwrap();
        assert_eq!(reads, 1);
        assert_eq!(
            out,
            "const __fazhi_snippet0 = (() => {\nconst X = 1;\nasync function libOpen() { return X; }\n\
             function libList() {}\nreturn { libOpen, libList };\n})();\n\
             const { libOpen, libList } = __fazhi_snippet0;\nconst import1 = __fazhi_snippet0;\nlet wasm;\n"
        );
        assert!(inline_snippets(glue, |_| Ok("import x from './y.js';".into())).is_err());
        assert_eq!(
            inline_snippets("import x from './z.js';\n", |_| unreachable!()).unwrap(),
            "import x from './z.js';\n"
        );
    }

    #[test]
    fn escapes_closing_tags_in_scripts() {
        assert_eq!(escape_script("a = '</SCRIPT>' + '<!--' + '<b>';"), "a = '<\\/SCRIPT>' + '<\\!--' + '<b>';");
    }

    #[test]
    fn encodes_base64() {
        for (raw, b64) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("\u{ff}\u{fe}", "w7/Dvg=="),
        ] {
            assert_eq!(base64(raw.as_bytes()), b64, "{raw:?}");
        }
    }

    #[test]
    fn fills_placeholders_once() {
        assert_eq!(fill("const V = 'X';", "'X'", "\"1\"").as_deref(), Some("const V = \"1\";"));
        assert_eq!(fill("no placeholder", "'X'", "1"), None);
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
