//! Word documents (.docx) → their paragraph text, in document order.
//!
//! Only `word/document.xml` is read, with a forward scan of its tags: `<w:t>` holds text,
//! `<w:p>` ends a line, `<w:tab/>` and `<w:br/>` inside runs are a tab and a line break.
//! Deleted revisions (`<w:delText>`), field codes (`<w:instrText>`) and the legacy fallback
//! copies of text boxes (`<mc:Fallback>`) are not text a reader sees, so they are skipped.

use super::entity;

/// The part holding the main document in every .docx writer we know.
pub(crate) const MAIN_PART: &str = "word/document.xml";

/// The text of a WordprocessingML main document part.
pub(crate) fn to_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 4);
    let mut in_text = false; // inside <w:t>
    let mut in_run = 0usize; // depth of <w:r>
    let mut fallback = 0usize; // depth of <mc:Fallback>
    let mut i = 0;
    while i < xml.len() {
        let rest = &xml[i..];
        if !rest.starts_with('<') {
            let stop = rest.find('<').unwrap_or(rest.len());
            if in_text && fallback == 0 {
                push_text(&mut out, &rest[..stop]);
            }
            i += stop;
            continue;
        }
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |j| j + 3);
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").unwrap_or(rest.len());
            if in_text && fallback == 0 {
                out.push_str(&rest[9.min(end)..end]);
            }
            i += (end + 3).min(rest.len());
            continue;
        }
        let (tag, close) = match rest.find('>') {
            Some(j) => (&rest[1..j], j + 1),
            None => (&rest[1..], rest.len()),
        };
        i += close;
        let end = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let self_closing = body.ends_with('/');
        let name = body.split(|c: char| c.is_ascii_whitespace() || c == '/').next().unwrap_or("");
        match (name, end) {
            ("mc:Fallback", false) if !self_closing => fallback += 1,
            ("mc:Fallback", true) => fallback = fallback.saturating_sub(1),
            _ if fallback > 0 => {}
            ("w:t", false) => in_text = !self_closing,
            ("w:t", true) => in_text = false,
            ("w:r", false) if !self_closing => in_run += 1,
            ("w:r", true) => in_run = in_run.saturating_sub(1),
            ("w:p", true) | ("w:p", false) if end || self_closing => out.push('\n'),
            // Tab stops in paragraph properties are also <w:tab>; only a run's tab is text.
            ("w:tab" | "w:ptab", false) if in_run > 0 => out.push('\t'),
            ("w:br" | "w:cr", false) if in_run > 0 => out.push('\n'),
            ("w:noBreakHyphen", false) if in_run > 0 => out.push('-'),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Appends XML character data, decoding references.
fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(j) = rest.find('&') {
        out.push_str(&rest[..j]);
        let (c, used) = entity::decode(&rest[j..], false).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[j + used..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = format!(
            "{HEAD}<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">总体 情况</w:t></w:r></w:p>\
             <w:p/><w:p><w:r><w:t>共</w:t><w:tab/><w:t>12件</w:t><w:br/><w:t>A&amp;B&lt;</w:t></w:r></w:p>\
             </w:body></w:document>"
        );
        assert_eq!(to_text(&xml), "一、总体 情况\n\n共\t12件\nA&B<");
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_skipped() {
        let xml = format!(
            "{HEAD}<w:p><w:r><w:delText>删掉的</w:delText></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
             <w:r><w:t>保留</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p>\
             </w:txbxContent></mc:Choice><mc:Fallback><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:p>\
             </w:body></w:document>"
        );
        assert_eq!(to_text(&xml), "保留框");
    }

    #[test]
    fn truncated_xml_does_not_panic() {
        for s in ["<w:p><w:r><w:t>半", "<", "<w:t", "<![CDATA[x", "<w:t>&#", "<w:t>&"] {
            let _ = to_text(s);
        }
        assert_eq!(to_text("<w:p><w:r><w:t>半"), "半");
    }
}
