//! From positioned characters to text: lines by baseline, then page chrome (page numbers,
//! running headers and footers) left out, then the broken lines of a paragraph joined back.
//! Chinese has no hyphenation: a line that ends inside a sentence continues on the next, unless
//! the next is indented, is shaped like a heading, or the line stops short of the margin.

use std::collections::HashMap;

use crate::content::Glyph;

/// A line of text on a page.
#[derive(Clone, Debug)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The lines of one page, top to bottom.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| glyphs[i].size > 0.0).collect();
    order.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y).then(glyphs[a].x.total_cmp(&glyphs[b].x)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut base = f64::NAN;
    let mut base_size = 0.0;
    for i in order {
        let g = &glyphs[i];
        let tol = 0.5 * g.size.min(base_size).max(1.0);
        match groups.last_mut() {
            Some(line) if (base - g.y).abs() <= tol => line.push(i),
            _ => {
                groups.push(vec![i]);
                base = g.y;
                base_size = g.size;
            }
        }
    }
    let mut out = Vec::new();
    for mut group in groups {
        group.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        let mut sizes: Vec<f64> = Vec::new();
        let (mut x0, mut x1) = (f64::MAX, f64::MIN);
        for &i in &group {
            let g = &glyphs[i];
            if let Some(p) = prev {
                let gap = g.x - (p.x + p.adv);
                let size = p.size.max(g.size);
                // The same character drawn again a hair to the side: fake bold.
                if p.ch == g.ch && (g.x - p.x).abs() < 0.3 * size {
                    continue;
                }
                let pc = text.chars().last().unwrap_or(' ');
                let both_cjk = is_cjk(pc) && is_cjk(g.ch);
                let threshold = if both_cjk { 1.5 } else { 0.25 };
                if gap > threshold * size && pc != ' ' && g.ch != ' ' {
                    text.push(' ');
                }
            }
            if g.ch == ' ' && (text.is_empty() || text.ends_with(' ')) {
                prev = Some(g);
                continue;
            }
            text.push(g.ch);
            sizes.push(g.size);
            x0 = x0.min(g.x);
            x1 = x1.max(g.x + g.adv);
            prev = Some(g);
        }
        let text = text.trim_end().to_string();
        if text.is_empty() {
            continue;
        }
        sizes.sort_by(f64::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
        let y = glyphs[group[0]].y;
        out.push(Line { text, x0, x1, y, size });
    }
    out
}

/// A page number on its own: "3", "- 3 -", "— 3 —", "第3页", "第3页 共12页", "3/12", "Page 3".
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c: char| "-—–－_~·•|[]【】()（）".contains(c));
    let digits =
        |s: &str| !s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.split("of").next().unwrap_or(rest);
        return digits(rest);
    }
    // 第3页 / 第3页共12页 / 共12页第3页 / 第3页，共12页
    let mut s = t.replace(['，', ',', '/', '、'], "");
    for (open, close) in [("第", "页"), ("共", "页")] {
        if let Some(start) = s.find(open) {
            if let Some(len) = s[start..].find(close) {
                let inner = &s[start + open.len()..start + len];
                if digits(inner) {
                    s.replace_range(start..start + len + close.len(), "");
                }
            }
        }
    }
    s.is_empty() && t.contains('页')
}

/// A line shaped like a heading: 一、 （一） 1. （1） 第一部分 ① …
pub fn is_heading(text: &str) -> bool {
    let t = text.trim_start();
    let cn = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let mut chars = t.chars().peekable();
    let Some(first) = chars.next() else { return false };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    if first == '第' {
        let rest: String = chars.clone().take(8).collect();
        let n = rest.chars().take_while(|&c| cn(c) || c.is_ascii_digit()).count();
        let after: String = rest.chars().skip(n).take(2).collect();
        return n > 0 && ["部分", "章", "节", "篇", "条"].iter().any(|k| after.starts_with(k));
    }
    if first == '（' || first == '(' {
        let n = chars.clone().take_while(|&c| cn(c) || c.is_ascii_digit()).count();
        let close = chars.clone().nth(n);
        return n > 0 && n <= 3 && matches!(close, Some('）' | ')'));
    }
    if cn(first) {
        let n = chars.clone().take_while(|&c| cn(c)).count();
        return matches!(chars.clone().nth(n), Some('、' | '．')) && n < 3;
    }
    if first.is_ascii_digit() {
        let n = chars.clone().take_while(char::is_ascii_digit).count();
        if n >= 2 {
            return false;
        }
        let mut rest = chars.skip(n);
        return match rest.next() {
            Some('、' | '．') => true,
            Some('.') => rest.next().is_some_and(|c| !c.is_ascii_digit()),
            _ => false,
        };
    }
    false
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| "”’\"'」』》〉】".contains(c) || c.is_whitespace());
    t.ends_with(|c: char| "。！？!?：:；;…".contains(c))
}

/// The width in ems of what a line breaker could not have split off the start of `text`: its
/// first character with the closing punctuation that may not begin a line and a number glued
/// to it ("转)781" of "转)781件", "面。" of "面。进一步"). A line that stops short of the margin
/// by less than this (and a little) was full: that is what wrapped, in a document set ragged
/// (left-aligned, or printed by a browser that does not justify Chinese).
fn leading_chunk_ems(text: &str) -> f64 {
    let ems = |c: char| if (c as u32) < 0x2000 { 0.5 } else { 1.0 };
    let closing = |c: char| "，。、；：？！）)】》」』”’%．.,;:!?…".contains(c);
    let opening = |c: char| "（(【《「『“‘".contains(c);
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%');
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return 0.0 };
    let (mut width, mut last) = (ems(first), first);
    for c in chars {
        let glued = closing(c) || opening(last) || (word(c) && (word(last) || last == ')' || last == '）'));
        if !glued {
            break;
        }
        width += ems(c);
        last = c;
    }
    width
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// The digits of a header or footer varied: what is left identifies it across pages.
fn chrome_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Removes page chrome and joins the pages' lines into paragraphs.
pub fn text(pages: Vec<Vec<Line>>) -> String {
    let n = pages.len();
    // Running headers and footers: the same text (digits aside) among the first or last two
    // lines of many pages.
    let mut count: HashMap<(bool, String), usize> = HashMap::new();
    for lines in &pages {
        let mut seen = std::collections::HashSet::new();
        for (i, l) in lines.iter().enumerate() {
            let top = i < 2;
            if top || i + 2 >= lines.len() {
                let key = (top, chrome_key(&l.text));
                if seen.insert(key.clone()) {
                    *count.entry(key).or_default() += 1;
                }
            }
        }
    }
    let needed = if n >= 4 { (n * 2).div_ceil(5).max(3) } else { n.max(2) };
    let mut kept: Vec<Vec<Line>> = Vec::with_capacity(n);
    for lines in pages {
        let len = lines.len();
        let page: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .filter(|(i, l)| {
                let top = *i < 2;
                let edge = top || i + 2 >= len;
                if !edge {
                    return true;
                }
                if is_page_number(&l.text) {
                    return false;
                }
                count.get(&(top, chrome_key(&l.text))).is_none_or(|&c| c < needed)
            })
            .map(|(_, l)| l)
            .collect();
        kept.push(page);
    }
    let sizes: Vec<f64> = kept.iter().flatten().map(|l| l.size).collect();
    let body = percentile(sizes, 0.5).max(1.0);
    // Does the document mark paragraphs by indenting their first line? Then a full line that
    // ends a sentence, followed by one that is not indented, is one paragraph still.
    let (mut indented, mut flush) = (0usize, 0usize);
    for lines in &kept {
        let left = percentile(lines.iter().map(|l| l.x0).collect(), 0.1);
        let right = percentile(lines.iter().map(|l| l.x1).collect(), 0.9);
        for pair in lines.windows(2) {
            let (p, l) = (&pair[0], &pair[1]);
            if ends_sentence(&p.text) && p.x1 < right - 1.5 * p.size {
                if l.x0 > left + 0.8 * l.size {
                    indented += 1;
                } else {
                    flush += 1;
                }
            }
        }
    }
    let uses_indent = indented >= 3 && indented * 2 > indented + flush;
    let mut out = String::new();
    let mut prev: Option<(Line, f64, f64)> = None;
    for lines in &kept {
        let left = percentile(lines.iter().map(|l| l.x0).collect(), 0.1);
        let right = percentile(lines.iter().map(|l| l.x1).collect(), 0.9);
        for (i, l) in lines.iter().enumerate() {
            let join = match &prev {
                None => false,
                Some((p, _p_left, p_right)) => {
                    let size = p.size.max(l.size).max(body * 0.5);
                    let same_page = i > 0;
                    let same_size = (p.size - l.size).abs() <= 0.15 * p.size.max(l.size);
                    // A title set larger and centred that wraps: its lines centred under each
                    // other, the first not ending a sentence.
                    let center = (left + right) / 2.0;
                    let centred = |x: &Line| ((x.x0 + x.x1) / 2.0 - center).abs() <= x.size;
                    let title = same_page
                        && same_size
                        && p.size >= 1.15 * body
                        && centred(p)
                        && centred(l)
                        && !ends_sentence(&p.text)
                        && (p.y - l.y) <= 2.0 * size;
                    title
                        || ((uses_indent || !ends_sentence(&p.text))
                            && !is_heading(&l.text)
                            && l.x0 <= left + 0.8 * size
                            && p.x1 >= p_right - 1.5f64.max(leading_chunk_ems(&l.text) + 1.0) * size
                            && same_size
                            && (!same_page || (p.y - l.y) <= 2.0 * size))
                }
            };
            if prev.is_some() {
                if join {
                    let a = out.chars().last().unwrap_or(' ');
                    let b = l.text.chars().next().unwrap_or(' ');
                    if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                        out.push(' ');
                    }
                } else {
                    out.push('\n');
                }
            }
            out.push_str(&l.text);
            prev = Some((l.clone(), left, right));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["3", "- 3 -", "— 3 —", "－ 12 －", "第3页 共12页", "第 3 页", "3/12", "Page 3", "共12页 第3页"]
        {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023", "共办理案件12件", "第3页的内容", "一、总体情况"] {
            assert!(!is_page_number(t) || t == "2023", "{t}");
        }
    }

    #[test]
    fn headings() {
        for t in [
            "一、总体情况",
            "（一）加强领导",
            "(二)工作",
            "1.依法行政",
            "2、制度",
            "（3）案件",
            "第一部分 总体",
            "①落实",
        ] {
            assert!(is_heading(t), "{t}");
        }
        for t in ["1.5亿元投入", "2023年，全区", "一是加强", "其中一、二", "12.3%"] {
            assert!(!is_heading(t), "{t}");
        }
    }

    #[test]
    fn leading_chunks() {
        assert_eq!(leading_chunk_ems("转)781件"), 3.0);
        assert_eq!(leading_chunk_ems("面。进一步"), 2.0);
        assert_eq!(leading_chunk_ems("2025-02-12"), 2.0);
        assert_eq!(leading_chunk_ems("（一）加强"), 3.0);
        assert_eq!(leading_chunk_ems("全区"), 1.0);
    }

    /// A ragged line that wrapped because its next word did not fit joins the next line; one
    /// that stopped far shorter than that word does not.
    #[test]
    fn ragged_lines_join_when_the_next_word_did_not_fit() {
        let body = |short: f64| {
            vec![vec![
                line("新收行政复议案件960件，受理后办结（含上年结", 72.0, 520.0 - short, 700.0),
                line("转)781件，综合纠正率42.5%。", 72.0, 300.0, 680.0),
                line("一、总体情况", 96.0, 200.0, 660.0),
                line("全区坚持依法行政，全年办理行政复议案件25件，", 72.0, 520.0, 640.0),
                line("办结率达到百分之九十八。", 72.0, 400.0, 620.0),
            ]]
        };
        // 31 pt short: "转)781" (3 em, 36 pt) did not fit.
        assert!(text(body(31.0)).starts_with("新收行政复议案件960件，受理后办结（含上年结转)781件"));
        // 60 pt short: it would have fitted, so the line ended there on purpose.
        assert!(text(body(60.0)).starts_with("新收行政复议案件960件，受理后办结（含上年结\n转)781件"));
    }

    /// A larger centred title wrapped onto a second centred line is one line again; a centred
    /// line of body size after it is not part of it.
    #[test]
    fn a_wrapped_centred_title_joins() {
        let big = |text: &str, x0: f64, x1: f64, y: f64| Line { size: 22.0, ..line(text, x0, x1, y) };
        let page = vec![
            big("示例县人民政府2023年法治政府建设年度", 80.0, 520.0, 760.0),
            big("报告", 278.0, 322.0, 725.0),
            line("（2024年1月15日）", 250.0, 350.0, 700.0),
            line("全区坚持依法行政，全年办理行政复议案件25件，", 72.0, 528.0, 680.0),
            line("办结率达到百分之九十八。", 72.0, 400.0, 660.0),
        ];
        assert_eq!(
            text(vec![page]),
            "示例县人民政府2023年法治政府建设年度报告\n（2024年1月15日）\n全区坚持依法行政，全年办理行政复议案件25件，办结率达到百分之九十八。\n"
        );
    }

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line { text: text.to_string(), x0, x1, y, size: 12.0 }
    }

    #[test]
    fn joins_broken_lines_and_drops_chrome() {
        let page = |n: usize, body: Vec<Line>| {
            let mut v = vec![line("某某区2023年法治政府建设年度报告", 100.0, 400.0, 800.0)];
            v.extend(body);
            v.push(line(&format!("— {n} —"), 280.0, 320.0, 40.0));
            v
        };
        let pages = vec![
            page(
                1,
                vec![
                    line("一、总体情况", 72.0, 160.0, 700.0),
                    line("全区坚持依法行政，全年办理", 96.0, 520.0, 680.0),
                    line("行政复议案件25件。", 72.0, 200.0, 664.0),
                ],
            ),
            page(2, vec![line("（一）加强领导", 72.0, 160.0, 700.0), line("健全制度", 96.0, 520.0, 680.0)]),
            page(3, vec![line("继续推进", 96.0, 520.0, 700.0)]),
        ];
        assert_eq!(
            text(pages),
            "一、总体情况\n全区坚持依法行政，全年办理行政复议案件25件。\n（一）加强领导\n健全制度继续推进\n"
        );
    }
}
