//! Character references (`&amp;`, `&#20108;`, `&#x4E00;`) for HTML and the XML inside .docx.

/// Named references that report pages actually use, sorted by name for binary search.
const NAMED: [(&str, char); 58] = [
    ("AElig", 'Æ'),
    ("Alpha", 'Α'),
    ("Beta", 'Β'),
    ("Omega", 'Ω'),
    ("alpha", 'α'),
    ("amp", '&'),
    ("apos", '\''),
    ("beta", 'β'),
    ("bull", '•'),
    ("cent", '¢'),
    ("copy", '©'),
    ("darr", '↓'),
    ("deg", '°'),
    ("divide", '÷'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euro", '€'),
    ("ge", '≥'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iexcl", '¡'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("ne", '≠'),
    ("para", '¶'),
    ("permil", '‰'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sdot", '⋅'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("sup2", '²'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("uarr", '↑'),
    ("yen", '¥'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Names browsers accept without the closing `;` (the legacy ones pages still write).
const LEGACY: [&str; 7] = ["amp", "copy", "gt", "lt", "nbsp", "quot", "reg"];

/// Decodes the character reference at the start of `s` (which starts with `&`): the
/// character and how many bytes it used, or `None` when `&` is a literal ampersand.
/// `lenient` accepts the legacy names without `;`, as HTML does (XML never does).
pub(crate) fn decode(s: &str, lenient: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let n = b[digits_at.min(b.len())..]
            .iter()
            .take_while(|c| (*c).is_ascii_digit() || hex && c.is_ascii_hexdigit())
            .count();
        if n == 0 {
            return None;
        }
        let end = digits_at + n;
        let used = end + (b.get(end) == Some(&b';')) as usize;
        // A run of digits longer than any code point is out of range, like a too-big value.
        let value = if n > 8 { None } else { u32::from_str_radix(&s[digits_at..end], radix).ok() };
        return Some((numeric(value), used));
    }
    let n = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric()).take(10).count();
    let name = &s[1..1 + n];
    if b.get(1 + n) == Some(&b';') {
        if let Ok(i) = NAMED.binary_search_by_key(&name, |&(k, _)| k) {
            return Some((NAMED[i].1, n + 2));
        }
    }
    if lenient {
        // Longest legacy name that prefixes the run ("&ampx" → "&" + "x").
        for legacy in LEGACY {
            if name.starts_with(legacy) {
                let c = NAMED.iter().find(|&&(k, _)| k == legacy).map_or('&', |&(_, c)| c);
                return Some((c, 1 + legacy.len()));
            }
        }
    }
    None
}

/// The character a numeric reference stands for, as browsers read it: NUL, surrogates and
/// out-of-range values become U+FFFD; the C1 range is read as Windows-1252 (old pages wrote
/// `&#150;` for a dash).
fn numeric(value: Option<u32>) -> char {
    const CP1252: [(u32, char); 9] = [
        (0x80, '€'),
        (0x85, '…'),
        (0x91, '‘'),
        (0x92, '’'),
        (0x93, '“'),
        (0x94, '”'),
        (0x95, '•'),
        (0x96, '–'),
        (0x97, '—'),
    ];
    match value {
        Some(0) | None => '\u{FFFD}',
        Some(v @ 0x80..=0x9F) => CP1252.iter().find(|&&(k, _)| k == v).map_or('\u{FFFD}', |&(_, c)| c),
        Some(v) => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn references() {
        assert_eq!(decode("&amp;x", false), Some(('&', 5)));
        assert_eq!(decode("&#x4e00;", false), Some(('一', 8)));
        assert_eq!(decode("&#20108;", false), Some(('二', 8)));
        assert_eq!(decode("&#20108", false), Some(('二', 7)));
        assert_eq!(decode("&#0;", false), Some(('\u{FFFD}', 4)));
        assert_eq!(decode("&#xD800;", false), Some(('\u{FFFD}', 8)));
        assert_eq!(decode("&#150;", false), Some(('–', 6)));
        assert_eq!(decode(&format!("&#{};", "9".repeat(5000)), false), Some(('\u{FFFD}', 5003)));
        assert_eq!(decode("&nbsp", true), Some(('\u{A0}', 5)));
        assert_eq!(decode("&nbsp", false), None);
        assert_eq!(decode("&bogus;", true), None);
        assert_eq!(decode("&", true), None);
        assert_eq!(decode("&#", true), None);
        assert_eq!(decode("&#x;", true), None);
    }
}
