//! The page's Content-Security-Policy: where the policy is in the HTML, and the hashes that
//! allow exactly the inline scripts and styles a page carries (Trunk's loader in `dist/`,
//! everything in the single file), so the policy never needs 'unsafe-inline'.

use std::fs;
use std::path::Path;

use crate::files::node_eval;
use crate::Result;

/// Adds the sha256 of each inline `<script>` (Trunk's loader) to the page's CSP `script-src`,
/// so the policy can stay free of 'unsafe-inline'.
pub fn hash_inline_scripts(index: &Path) -> Result {
    let html = fs::read_to_string(index)?;
    let mut hashes = Vec::new();
    for body in inline_scripts(&html) {
        hashes.push(csp_hash(body)?);
    }
    match add_script_hashes(&html, &hashes) {
        Some(patched) => fs::write(index, patched)?,
        None if hashes.is_empty() => {}
        None => eprintln!("xtask: warning: index.html has inline scripts but no CSP meta with script-src"),
    }
    Ok(())
}

/// The text of every `<script>` element without a `src` attribute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else { break };
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else { break };
        if !rest[start..open_end].contains(" src=") {
            out.push(&rest[open_end..close]);
        }
        rest = &rest[close..];
    }
    out
}

/// `html` with `hashes` appended to the `script-src` directive of its CSP meta tag, or `None`
/// when there is no such directive.
fn add_script_hashes(html: &str, hashes: &[String]) -> Option<String> {
    let std::ops::Range { start: content, end: content_end } = csp_range(html)?;
    let policy = &html[content..content_end];
    let directive = policy.find("script-src")?;
    let directive_end = policy[directive..].find(';').map_or(policy.len(), |i| directive + i);
    let mut patched = String::with_capacity(html.len() + 64 * hashes.len());
    patched.push_str(&html[..content + directive_end]);
    for h in hashes.iter().filter(|h| !policy[directive..directive_end].contains(h.as_str())) {
        patched.push(' ');
        patched.push_str(h);
    }
    patched.push_str(&html[content + directive_end..]);
    Some(patched)
}

/// Where the policy (the `content` value of the CSP meta tag) is in `html`.
pub fn csp_range(html: &str) -> Option<std::ops::Range<usize>> {
    let meta = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let tag_start = html[..meta].rfind("<meta")?;
    let tag_end = meta + html[meta..].find('>')?;
    let content = tag_start + html[tag_start..tag_end].find("content=\"")? + "content=\"".len();
    let content_end = content + html[content..tag_end].find('"')?;
    Some(content..content_end)
}

/// The CSP source expression (`'sha256-…'`) that allows an inline element with this text.
pub fn csp_hash(text: &str) -> Result<String> {
    Ok(format!("'sha256-{}'", node_eval(SHA256_JS, &[], text.as_bytes())?))
}

const SHA256_JS: &str = "const c=require('crypto');\
    process.stdout.write(c.createHash('sha256').update(require('fs').readFileSync(0)).digest('base64'))";

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
<script src="./a.js"></script></head><body><script type="module">import init from './x.js';</script></body></html>"#;

    #[test]
    fn finds_only_inline_scripts() {
        assert_eq!(inline_scripts(PAGE), vec!["import init from './x.js';"]);
    }

    #[test]
    fn adds_hash_to_script_src_once() {
        let h = vec!["'sha256-abc='".to_string()];
        let once = add_script_hashes(PAGE, &h).unwrap();
        assert!(once.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; style-src 'self'"));
        assert_eq!(add_script_hashes(&once, &h).unwrap(), once);
        assert_eq!(add_script_hashes("<html></html>", &h), None);
    }
}
