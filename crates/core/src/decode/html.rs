//! Saved web pages → their visible text, in one forward pass.
//!
//! Not an HTML5 parser: a tokenizer that knows which elements hide their content (scripts,
//! styles, templates, `hidden`/`display:none` elements…), which ones break lines (blocks,
//! `<br>`, table rows) and how entities decode. Nothing is ever fetched or executed: tags are
//! only read for their names and two attributes.

use super::encoding::Declared;
use super::entity;

/// True when `text` (or its first bytes) starts like an HTML document.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let mut rest = head;
    // Skip whitespace, a UTF-8 BOM and leading comments ("<!-- saved from url=… -->").
    loop {
        while let [b' ' | b'\t' | b'\r' | b'\n' | 0x0C, tail @ ..] = rest {
            rest = tail;
        }
        if let [0xEF, 0xBB, 0xBF, tail @ ..] = rest {
            rest = tail;
            continue;
        }
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    continue;
                }
                None => return false,
            }
        }
        if rest.starts_with(b"<?xml") {
            match find(rest, b"?>") {
                Some(i) => {
                    rest = &rest[i + 2..];
                    continue;
                }
                None => return false,
            }
        }
        break;
    }
    const OPENERS: [&[u8]; 6] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title"];
    OPENERS.iter().any(|o| rest.len() >= o.len() && rest[..o.len()].eq_ignore_ascii_case(o))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The encoding a page declares in its first 4 KB (`<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`), if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<Declared> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let end = (j..lower.len())
            .find(|&k| !(lower[k].is_ascii_alphanumeric() || matches!(lower[k], b'-' | b'_' | b'.' | b':')))
            .unwrap_or(lower.len());
        if let Some(enc) = Declared::from_label(&lower[j..end]) {
            return Some(enc);
        }
    }
    None
}

/// What an element does to the text inside it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Content is raw text up to the matching end tag, never shown (script, style…).
    RawHidden,
    /// Content is markup that is never shown (template, svg, select…).
    Hidden,
    /// A block: starts and ends a line.
    Block,
    /// A table cell: separated from its neighbours by a tab.
    Cell,
    /// `<br>`: a line break.
    Break,
    /// `<pre>`: keeps its whitespace.
    Pre,
    /// Anything else: inline, text flows through.
    Inline,
}

fn kind(name: &str) -> Kind {
    match name {
        "script" | "style" | "noscript" | "iframe" | "noembed" | "noframes" | "xmp" | "textarea" | "title"
        | "plaintext" => Kind::RawHidden,
        "template" | "svg" | "math" | "select" | "object" | "video" | "audio" | "canvas" | "map" | "datalist" => {
            Kind::Hidden
        }
        "br" => Kind::Break,
        "td" | "th" => Kind::Cell,
        "pre" | "listing" => Kind::Pre,
        "address" | "article" | "aside" | "blockquote" | "center" | "dd" | "details" | "dialog" | "dir" | "div"
        | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5"
        | "h6" | "header" | "hgroup" | "hr" | "li" | "main" | "menu" | "nav" | "ol" | "p" | "section" | "summary"
        | "table" | "tbody" | "thead" | "tfoot" | "tr" | "ul" | "caption" | "body" | "html" | "legend" | "option"
        | "frameset" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
            | "image"
    )
}

/// The text being built: collapses whitespace the way a browser renders it.
struct Out {
    text: String,
    /// A space is owed before the next visible character.
    space: bool,
    /// A line break is owed before the next visible character.
    newline: bool,
    /// A cell separator is owed.
    tab: bool,
}

impl Out {
    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    fn flush(&mut self) {
        if self.newline {
            if !self.at_line_start() {
                self.text.push('\n');
            }
        } else if self.tab {
            if !self.at_line_start() {
                self.text.push('\t');
            }
        } else if self.space && !self.at_line_start() {
            self.text.push(' ');
        }
        self.newline = false;
        self.tab = false;
        self.space = false;
    }

    /// Text as it appears in the source, whitespace collapsed unless `pre`.
    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            self.char(c, pre);
        }
    }

    fn char(&mut self, c: char, pre: bool) {
        match c {
            '\n' if pre => {
                self.flush();
                self.text.push('\n');
            }
            ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}' => self.space = true,
            // Soft hyphens and zero-width spaces are invisible.
            '\u{AD}' | '\u{200B}' => {}
            _ => {
                self.flush();
                self.text.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        self.newline = true;
    }

    /// `<br>`: breaks even an empty line (two `<br>`s leave a blank line, as in a browser).
    fn hard_break(&mut self) {
        self.space = false;
        self.tab = false;
        self.newline = false;
        self.text.push('\n');
    }
}

/// A start or end tag as read from the source.
struct Tag {
    /// Lower-cased name.
    name: String,
    end: bool,
    /// `<x/>`.
    self_closing: bool,
    /// Has the `hidden` attribute or an inline style that hides it.
    hidden: bool,
}

/// Reads the tag starting at `s[0] == '<'`; returns it and its length, or `None` when `<`
/// does not open a tag (then it is literal text). An unterminated tag runs to the end.
fn read_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    let end = b.get(1) == Some(&b'/');
    let name_start = 1 + end as usize;
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = (name_start..b.len())
        .find(|&i| matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>'))
        .unwrap_or(b.len());
    // Quotes only matter in attribute values (after `=`); elsewhere they are literal.
    let mut i = name_end;
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    let close = loop {
        let Some(&c) = b.get(i) else { break b.len() };
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => break i + 1,
                b'"' | b'\'' if after_eq => quote = Some(c),
                b'=' => {
                    after_eq = true;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\n' | b'\r' => {
                    i += 1;
                    continue;
                }
                _ => {}
            },
        }
        after_eq = false;
        i += 1;
    };
    let name = s[name_start..name_end].to_ascii_lowercase();
    let attrs = &s[name_end..close];
    let self_closing = attrs.trim_end_matches('>').trim_end().ends_with('/');
    let hidden = !end && hides(attrs);
    Some((Tag { name, end, self_closing, hidden }, close))
}

/// True when the attribute text hides its element (`hidden`, `display:none`,
/// `visibility:hidden`, `aria-hidden` does not hide visually and is ignored).
fn hides(attrs: &str) -> bool {
    if attrs.len() < 6 {
        return false;
    }
    let lower = attrs.to_ascii_lowercase();
    let squeezed: String = lower.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if squeezed.contains("display:none") || squeezed.contains("visibility:hidden") {
        return true;
    }
    // A bare `hidden` attribute (not part of `type="hidden"` or a class name).
    lower
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .any(|w| w == "hidden" || w.starts_with("hidden=") && !w.starts_with("hidden=\"false"))
}

/// Finds the end tag `</name` (any case) in `s`; returns where it starts.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("</")) {
        let at = from + i;
        let n = b.get(at + 2..at + 2 + name.len())?;
        let after = b.get(at + 2 + name.len()).copied();
        if n.eq_ignore_ascii_case(name.as_bytes())
            && after.is_none_or(|c| matches!(c, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0C'))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The visible text of an HTML document: one line per block, entities decoded, script and
/// hidden content dropped.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = Out { text: String::with_capacity(html.len() / 2), space: false, newline: false, tab: false };
    // Hidden subtree being skipped: its element name and nesting depth.
    let mut hidden: Option<(String, usize)> = None;
    let mut pre_depth = 0usize;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        // Text up to the next `<` (or `&`, which needs decoding).
        let stop = rest.find(['<', '&']).unwrap_or(rest.len());
        if stop > 0 {
            if hidden.is_none() {
                out.text(&rest[..stop], pre_depth > 0);
            }
            i += stop;
            continue;
        }
        if rest.starts_with('&') {
            let (c, used) = entity::decode(rest, true).unwrap_or(('&', 1));
            if hidden.is_none() {
                out.char(c, pre_depth > 0);
            }
            i += used;
            continue;
        }
        // `rest` starts with '<'.
        if let Some(comment) = rest.strip_prefix("<!--") {
            i += comment.find("-->").map_or(rest.len(), |j| 4 + j + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</>") {
            // Doctype, CDATA, processing instruction: all bogus comments to a browser.
            i += rest.find('>').map_or(rest.len(), |j| j + 1);
            continue;
        }
        let Some((tag, len)) = read_tag(rest) else {
            if hidden.is_none() {
                out.char('<', pre_depth > 0);
            }
            i += 1;
            continue;
        };
        i += len;
        if let Some((name, depth)) = &mut hidden {
            if *name == tag.name && !is_void(&tag.name) {
                if tag.end {
                    *depth -= 1;
                    if *depth == 0 {
                        hidden = None;
                    }
                } else if !tag.self_closing {
                    *depth += 1;
                }
            } else if !tag.end && kind(&tag.name) == Kind::RawHidden {
                i = skip_raw(html, i, &tag.name);
            }
            continue;
        }
        let k = kind(&tag.name);
        if tag.end {
            match k {
                Kind::Block | Kind::Pre => out.line_break(),
                Kind::Cell => out.tab = true,
                Kind::Break => out.hard_break(), // `</br>` is a `<br>` to browsers
                _ => {}
            }
            if k == Kind::Pre {
                pre_depth = pre_depth.saturating_sub(1);
            }
            continue;
        }
        if k == Kind::RawHidden {
            if !tag.self_closing || tag.name != "iframe" && tag.name != "script" {
                i = skip_raw(html, i, &tag.name);
            }
            continue;
        }
        if (k == Kind::Hidden || tag.hidden) && !is_void(&tag.name) && !tag.self_closing {
            hidden = Some((tag.name, 1));
            continue;
        }
        match k {
            Kind::Block => out.line_break(),
            Kind::Pre => {
                out.line_break();
                pre_depth += 1;
            }
            Kind::Cell => out.tab = true,
            Kind::Break => out.hard_break(),
            _ => {}
        }
    }
    let mut text = out.text;
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    text
}

/// Where the raw-text content of `name` starting at `from` ends (past its end tag).
fn skip_raw(html: &str, from: usize, name: &str) -> usize {
    let rest = &html[from..];
    match find_end_tag(rest, name) {
        Some(j) => {
            let after = &rest[j..];
            from + j + after.find('>').map_or(after.len(), |k| k + 1)
        }
        None => html.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_dropped() {
        let html = "<!DOCTYPE html><html><head><title>标题栏</title><style>p{color:red}</style>\
            <script>var s = '</p>不可见';</script></head><body><!-- 注释 --><p>第一段。</p>\
            <noscript>请启用脚本</noscript><p>第二段<script type=\"x\">alert(1)</script>继续。</p></body></html>";
        assert_eq!(to_text(html), "第一段。\n第二段继续。");
    }

    #[test]
    fn blocks_break_lines_and_inline_flows() {
        let html = "<div><h1>一、总体情况</h1><p>共<b>12</b>件，<span>同比</span>增长。</p>\
            <ul><li>甲</li><li>乙</li></ul>行一<br>行二<br/><br>行四</div>";
        assert_eq!(to_text(html), "一、总体情况\n共12件，同比增长。\n甲\n乙\n行一\n行二\n\n行四");
    }

    #[test]
    fn whitespace_collapses() {
        let html = "<p>\n   甲  乙\n\t丙   </p>\n\n   <p>  丁 </p>";
        assert_eq!(to_text(html), "甲 乙 丙\n丁");
    }

    #[test]
    fn pre_keeps_lines() {
        assert_eq!(to_text("<pre>一\n二\n</pre>三"), "一\n二\n三");
    }

    #[test]
    fn tables_become_rows() {
        let html = "<table><tr><th>项目</th><th>数量</th></tr><tr><td>复议</td><td>93</td></tr></table>";
        assert_eq!(to_text(html), "项目\t数量\n复议\t93");
    }

    #[test]
    fn entities() {
        let html = "<p>A&amp;B &lt;tag&gt; &quot;q&quot; &#x4E00;&#20108;&nbsp;三 &copy; &unknown; &amp</p>";
        assert_eq!(to_text(html), "A&B <tag> \"q\" 一二 三 © &unknown; &");
    }

    #[test]
    fn hidden_elements_and_embeds() {
        let html = "<p>可见</p><div style=\"display: none\"><div>藏</div>也藏</div>\
            <p hidden>藏</p><iframe src=\"http://x\">框架内容</iframe><img src=\"http://x/a.png\" alt=\"图\">\
            <svg><text>图中字</text></svg><template><p>模板</p></template><input type=\"hidden\" value=\"v\">\
            <p>尾</p>";
        assert_eq!(to_text(html), "可见\n尾");
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(to_text("<p>a < b > c <3 </p>"), "a < b > c <3");
        assert_eq!(to_text("甲<"), "甲<");
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for s in ["<script>never closed", "<!-- open", "<p class=\"x", "<", "&#", "&#x", "&#99999999999;", "<a href='>"]
        {
            let _ = to_text(s);
        }
        assert_eq!(to_text("正文<script>never closed"), "正文");
    }

    #[test]
    fn sniffing() {
        assert!(sniff(b"  <!DOCTYPE HTML PUBLIC"));
        assert!(sniff(b"\xEF\xBB\xBF<html lang=zh>"));
        assert!(sniff(b"<!-- saved from url=(0042)http://x/ -->\n<html>"));
        assert!(!sniff(b"<p>just a fragment"));
        assert!(!sniff("一、总体情况".as_bytes()));
    }

    #[test]
    fn charset_declarations() {
        use super::super::encoding::Legacy;
        let gbk = declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">");
        assert_eq!(gbk, Some(Declared::Legacy(Legacy::Gb18030)));
        assert_eq!(declared_charset(b"<meta charset='Big5'>"), Some(Declared::Legacy(Legacy::Big5)));
        assert_eq!(declared_charset(b"<meta charset=\"bogus\">"), None);
    }
}
