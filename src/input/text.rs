//! Text helpers of the input panel: a long paste held outside the paste area, the core's
//! bilingual messages, sizes as people read them.

/// Texts at least this long (UTF-8 bytes) are held by the input panel instead of being put
/// into its paste area: a browser lays out a textarea's whole text at once, about 0.6 ms per
/// KB here, so a 2 MB paste would freeze the page for over a second. 150 KB is ten times a
/// typical report and stays under 100 ms.
pub const HELD_TEXT_BYTES: usize = 150_000;

/// `value` with its UTF-16 range `start..end` (a textarea's selection, as the DOM counts it)
/// replaced by `pasted`: what a paste would have made of the paste area. Offsets past the end
/// or inside a character are clamped, and a reversed range counts as empty.
pub fn splice_utf16(value: &str, start: u32, end: u32, pasted: &str) -> String {
    let byte_at = |units: u32| {
        let mut seen = 0u32;
        for (i, c) in value.char_indices() {
            if seen >= units {
                return i;
            }
            seen += c.len_utf16() as u32;
        }
        value.len()
    };
    let a = byte_at(start);
    let b = byte_at(end.max(start)).max(a);
    let mut out = String::with_capacity(value.len() - (b - a) + pasted.len());
    out.push_str(&value[..a]);
    out.push_str(pasted);
    out.push_str(&value[b..]);
    out
}

/// A byte count as people read it: "2.0 MB", "156 KB", and below 1 KB the exact count in
/// `small` ("512 字节", from `Strings::size_bytes`), where "1 KB" would overstate a short text.
pub fn format_size(bytes: usize, small: &str) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        crate::i18n::fill(small, &[&bytes.to_string()])
    }
}

/// Splits "中文 (English (with parentheses))" at the parenthesis matching the final ")".
pub fn split_bilingual(message: &str) -> (&str, Option<&str>) {
    let Some(body) = message.strip_suffix(')') else { return (message, None) };
    let mut depth = 0usize;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => return (body[..i].trim_end(), Some(&body[i + 1..])),
            _ => {}
        }
    }
    (message, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16() {
        assert_eq!(splice_utf16("", 0, 0, "报告"), "报告");
        assert_eq!(splice_utf16("甲乙丙", 1, 2, "X"), "甲X丙");
        assert_eq!(splice_utf16("甲乙丙", 3, 3, "丁"), "甲乙丙丁");
        // "𝄞" is two UTF-16 units; an offset between them does not split it.
        assert_eq!(splice_utf16("a𝄞b", 1, 3, "-"), "a-b");
        assert_eq!(splice_utf16("a𝄞b", 2, 2, "-"), "a𝄞-b");
        assert_eq!(splice_utf16("ab", 9, 99, "c"), "abc");
        assert_eq!(splice_utf16("abc", 2, 1, "-"), "ab-c");
    }

    #[test]
    fn sizes_read_as_kb_and_mb() {
        assert_eq!(format_size(2_000_000, "{} B"), "2.0 MB");
        assert_eq!(format_size(155_200, "{} B"), "156 KB");
        assert_eq!(format_size(1000, "{} B"), "1 KB");
        // A short text: its exact size, never "0 KB".
        assert_eq!(format_size(999, "{} 字节"), "999 字节");
        assert_eq!(format_size(0, "{} bytes"), "0 bytes");
    }

    #[test]
    fn bilingual_messages_split_at_the_matching_parenthesis() {
        assert_eq!(
            split_bilingual("暂不支持 PDF，请复制文本后粘贴 (PDF is not supported)"),
            ("暂不支持 PDF，请复制文本后粘贴", Some("PDF is not supported"))
        );
        assert_eq!(
            split_bilingual("暂不支持 Word (.doc)，请另存 (Word (.doc) is not supported)"),
            ("暂不支持 Word (.doc)，请另存", Some("Word (.doc) is not supported"))
        );
        assert_eq!(split_bilingual("只有中文"), ("只有中文", None));
        assert_eq!(split_bilingual("x)"), ("x)", None));
    }
}
