//! Metadata: title, reporting body, region, report year, publication date, script.
//!
//! Sources, strongest first:
//! - **title**: a short line before the first heading that names a report on 法治 ("…年度报告",
//!   "关于…情况的报告"), or the same words opening a text that lost its line breaks;
//! - **body**: the signature after the report text ("某市某区司法局"), else the title's words before
//!   the year ("某区人民政府"), else the subject of the opening sentence ("2023年，某市坚持…" →
//!   某市人民政府). A district or county gets its city in front ("某市某区人民政府") when the text
//!   itself writes the two together;
//! - **region**: the last administrative unit of the body, in simplified script;
//! - **report_year**: the title's year, "现将2023年度…报告如下", the year opening the first
//!   paragraph, the year of the first measures heading, then the signing or publication date
//!   (a report signed from September on is about that year, earlier about the year before);
//! - **published**: a page-header date ("发布时间：…", "信息提供日期：…", kept as chrome), else the
//!   signing date.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;

use crate::normalize::Normalized;
use crate::report::{Meta, PartKind};
use crate::script::is_han;
use crate::sections::Outline;
use crate::text::numerals::{self, date_value};

/// Infers the report's metadata from its text and outline.
pub fn extract(view: &Normalized, outline: &Outline) -> Meta {
    let text = view.text.as_str();
    let preamble = clamp(text, outline.preamble.clone());
    let title_ranges = title_line(text, preamble.clone());
    let title_range = title_ranges.as_ref().map(|t| t.1.clone());
    // A title printed on two lines ("某区人民政府" / "2030年……报告") reads as one.
    let joined = |f: &dyn Fn(Range<usize>) -> String| {
        title_ranges.as_ref().map(|(head, line)| head.clone().map(f).unwrap_or_default() + &f(line.clone()))
    };
    let title_string = joined(&|r| text[r].to_string());
    let title_view = title_string.as_deref();
    let opening = opening_line(text, preamble.clone(), title_range.clone());

    let signer = outline.signer.clone().map(|r| clamp(text, r)).map(|r| text[r].trim().to_string());
    let opening_region = opening.and_then(opening_region);
    let mut body = signer
        .filter(|s| !s.is_empty())
        .or_else(|| title_view.and_then(title_body))
        .or_else(|| opening_region.map(|r| format!("{r}人民政府")));
    let mut region = body.as_deref().and_then(last_unit).or(opening_region).map(str::to_string);
    if let (Some(b), Some(r)) = (body.as_mut(), region.as_deref()) {
        if b.starts_with(r) && (r.ends_with('区') || r.ends_with('县') || r.ends_with('旗')) {
            if let Some(city) = city_of(text, r) {
                b.insert_str(0, &city);
            }
        }
    }
    if region.as_deref().is_some_and(str::is_empty) {
        region = None;
    }

    let signed = outline.signed.clone().map(|r| clamp(text, r)).and_then(|r| parse_date(&text[r]));
    let header = view
        .chrome_text
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(&text[preamble.clone()]))
        .flat_map(header_dates)
        .min_by_key(|d| d.0)
        .map(|d| d.1);
    // A date on a line of its own under the title ("（2031年3月1日）") dates the report too.
    let dated = text[preamble.clone()].lines().take(8).find_map(|l| {
        let t = l.trim().trim_start_matches('(').trim_end_matches(')').trim();
        // A whole-line date ends with 日; checking that first spares a search of a long line.
        t.ends_with('日')
            .then(|| res().date.find(t))
            .flatten()
            .filter(|m| m.start() == 0 && m.end() == t.len())
            .and_then(|m| parse_date(m.as_str()))
    });
    let published = header.or(signed).or(dated);

    let report_year = title_view
        .and_then(first_year)
        .or_else(|| res().report_as.captures(text).and_then(|c| c[1].parse().ok()))
        .or_else(|| opening.and_then(|o| res().leading_year.captures(o)).and_then(|c| c[1].parse().ok()))
        .or_else(|| {
            outline
                .sections
                .iter()
                .filter(|s| s.level == 1 && s.kind != Some(PartKind::Plans))
                .take(3)
                .find_map(|s| first_year(&crate::script::simplify_str(&s.title)))
        })
        .or_else(|| signed.or(published).map(|(y, m, _)| if m >= 9 { y } else { y - 1 }));

    Meta {
        title: joined(&|r| view.printed(r).trim().to_string()).filter(|t| !t.is_empty()),
        body,
        region,
        report_year,
        published: published.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        script: view.script,
    }
}

/// `r` limited to `text`, or empty when it does not fall on char boundaries.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let e = r.end.min(text.len());
    let s = r.start.min(e);
    if text.is_char_boundary(s) && text.is_char_boundary(e) {
        s..e
    } else {
        0..0
    }
}

/// The patterns meta reads.
struct Res {
    year: Pattern,
    cn_year: Pattern,
    report_as: Pattern,
    leading_year: Pattern,
    opening: Pattern,
    unit: Pattern,
    header_date: Pattern,
    date: Pattern,
}

/// The compiled patterns. Digits are `[0-9]`, not `\d`: the view holds ASCII digits only
/// (full-width ones are folded), and the Unicode class compiles to a far larger automaton
/// (about 0.3 ms of start-up per use).
fn res() -> &'static Res {
    static RES: OnceLock<Res> = OnceLock::new();
    let re = |p: &str| Pattern::new(p).expect("valid regex");
    RES.get_or_init(|| Res {
        year: re(r"(20[0-9][0-9]) {0,8}年"),
        cn_year: re(&format!(r"二[〇○零]({d})({d}) {{0,8}}年", d = numerals::DATE_DIGIT_CLASS)),
        report_as: re(r"现将(20[0-9][0-9]) {0,8}年"),
        leading_year: re(r"^(20[0-9][0-9]) {0,8}年"),
        opening: re(
            r"^20[0-9][0-9] {0,8}年(?:度)?(?:以来)?[, ]{0,8}(?:在[^。]{0,60}?(?:下|中),)?([\x{4e00}-\x{9fff}]{2,5}?(?:市|区|县|旗|州))",
        ),
        unit: re(r"^[\x{4e00}-\x{9fff}]{2,10}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗)"),
        header_date: re(
            r"(发布时间|发布日期|信息提供日期|公开日期|成文日期|日期|时间) {0,8}:? {0,8}([0-9]{4}) {0,8}[-/.年] {0,8}([0-9]{1,2}) {0,8}[-/.月] {0,8}([0-9]{1,2})",
        ),
        date: re(&numerals::written_date_pattern(true)),
    })
}

/// The title line: a short line before the first heading naming a report on 法治 work, with
/// the line before it when that only names the body ("某区人民政府" / "2030年……年度报告").
fn title_line(text: &str, preamble: Range<usize>) -> Option<(Option<Range<usize>>, Range<usize>)> {
    let head_of = |prev: Option<Range<usize>>, title: &str| {
        prev.filter(|p| {
            let h = &text[p.clone()];
            h.chars().count() <= 25
                && !h.contains(|c: char| c.is_ascii_punctuation() || c.is_ascii_digit() || "。、“”《》".contains(c))
                && title_body(title).is_none()
                && title_body(&format!("{h}{title}")).is_some()
        })
    };
    let mut prev: Option<Range<usize>> = None;
    let mut pos = preamble.start;
    let mut seen = 0;
    for line in text[preamble.clone()].split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 6 {
            break;
        }
        if t.contains(['>', '»']) {
            continue;
        }
        let at = start + (line.len() - line.trim_start().len());
        let about_law = |s: &str| s.contains("法治") || s.contains("依法行政") || s.contains("法制");
        if t.chars().count() <= 80 && !t.contains('。') && t.contains("报告") && about_law(t) && !t.contains("如下")
        {
            // A page title glued before the report's own ("…建设报告某区…2023年…年度报告"):
            // prefer the piece that carries a year.
            let mut from = 0;
            for (i, _) in t.match_indices("报告") {
                let piece = &t[from..i + "报告".len()];
                if from > 0 && first_year(piece).is_some() && about_law(piece) {
                    return Some((None, at + from..at + i + "报告".len()));
                }
                from = i + "报告".len();
            }
            return Some((head_of(prev, t), at..at + t.len()));
        }
        // A text that lost its line breaks: the title runs straight into the opening.
        if let Some(i) = t.find("报告") {
            let head = &t[..i + "报告".len()];
            if head.chars().count() <= 80 && !head.contains(['。', ',', ';', ':']) && about_law(head) {
                return Some((None, at..at + head.len()));
            }
        }
        prev = Some(at..at + t.len());
    }
    None
}

/// The opening paragraph: the first line of the preamble that is not the title.
fn opening_line(text: &str, preamble: Range<usize>, title: Option<Range<usize>>) -> Option<&str> {
    let after = title.map_or(preamble.start, |t| t.end.max(preamble.start));
    let rest = text[after.min(preamble.end)..preamble.end].trim_start();
    let line = rest.split('\n').find(|l| res().leading_year.is_match(l.trim()))?;
    Some(line.trim())
}

/// Characters that never belong to a place name taken from running text.
fn not_in_name(c: char) -> bool {
    "全本我该各在和与及对向的是为了将等由从把被经委政府党省区县市人".contains(c) || !is_han(c)
}

/// The region an opening sentence is about ("2023年，在…领导下，某区坚持…" → "某区").
fn opening_region(line: &str) -> Option<&str> {
    let c = res().opening.captures(line)?;
    let m = c.get(1)?.as_str();
    let name_len = m.len() - m.chars().next_back().map_or(0, char::len_utf8);
    (!m[..name_len].chars().any(not_in_name)).then_some(m)
}

/// The body named at the start of a title ("某区人民政府2023年…" → "某区人民政府").
fn title_body(title: &str) -> Option<String> {
    let cut =
        [res().year.find(title).map(|m| m.start()), res().cn_year.find(title).map(|m| m.start()), title.find("关于")]
            .into_iter()
            .flatten()
            .min()?;
    let prefix = title[..cut].trim();
    if prefix.chars().count() < 2 {
        return None;
    }
    const ORGS: [&str; 10] = ["人民政府", "政府", "局", "委员会", "委", "办公室", "厅", "院", "中心", "管委会"];
    if ORGS.iter().any(|s| prefix.ends_with(s)) {
        return Some(prefix.to_string());
    }
    let units = units(prefix);
    (units.last().is_some_and(|u| u.end == prefix.len())).then(|| format!("{prefix}人民政府"))
}

/// The administrative units a name starts with ("深圳市坪山区司法局" → 深圳市, 坪山区).
fn units(name: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = res().unit.find(&name[at..]) {
        out.push(at + m.start()..at + m.end());
        at += m.end();
    }
    out
}

/// The most specific administrative unit a body's name starts with.
fn last_unit(name: &str) -> Option<&str> {
    units(name).last().map(|r| &name[r.clone()])
}

/// The city the text writes in front of `region` ("…深圳市坪山区…" → "深圳市"), if any.
fn city_of(text: &str, region: &str) -> Option<String> {
    let mut short: HashMap<&str, usize> = HashMap::new();
    let mut long: HashMap<&str, usize> = HashMap::new();
    for (i, _) in text.match_indices(region) {
        let before = &text[..i];
        let mut cs = before.char_indices().rev();
        let Some((c_at, c)) = cs.next() else { continue };
        if c != '市' && c != '州' {
            continue;
        }
        let (Some((_, a)), Some((b_at, b))) = (cs.next(), cs.next()) else { continue };
        if not_in_name(a) || not_in_name(b) {
            continue;
        }
        let two = &text[b_at..c_at + c.len_utf8()];
        if two == region {
            continue;
        }
        *short.entry(two).or_default() += 1;
        if let Some((d_at, d)) = cs.next() {
            if !not_in_name(d) {
                *long.entry(&text[d_at..c_at + c.len_utf8()]).or_default() += 1;
            }
        }
    }
    fn best<'t>(m: &HashMap<&'t str, usize>) -> Option<(&'t str, usize)> {
        m.iter().max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k))).map(|(k, v)| (*k, *v))
    }
    let (s, sn) = best(&short)?;
    match best(&long) {
        Some((l, ln)) if ln >= 2 && ln >= sn && l.ends_with(s) => Some(l.to_string()),
        _ => Some(s.to_string()),
    }
}

/// First year written in `s` ("2023年", "二〇二三年").
fn first_year(s: &str) -> Option<i32> {
    let a = res().year.captures(s).and_then(|c| Some((c.get(0)?.start(), c[1].parse::<i32>().ok()?)));
    let b = res().cn_year.captures(s).and_then(|c| {
        let d = |x: &str| x.chars().next().and_then(numerals::date_digit);
        Some((c.get(0)?.start(), 2000 + d(&c[1])? as i32 * 10 + d(&c[2])? as i32))
    });
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// The date, if it is a plausible one.
fn valid(y: i32, m: u32, d: u32) -> Option<(i32, u32, u32)> {
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The page-header dates of a line ("发布时间:2023-12-27 10:44:54"), each with its
/// preference: publication before the document's own date (成文日期), a bare "日期" between.
fn header_dates(line: &str) -> Vec<(u8, (i32, u32, u32))> {
    res()
        .header_date
        .captures_iter(line)
        .filter_map(|c| {
            let rank = match &c[1] {
                "成文日期" => 2,
                "日期" | "时间" => 1,
                _ => 0,
            };
            Some((rank, valid(c[2].parse().ok()?, c[3].parse().ok()?, c[4].parse().ok()?)?))
        })
        .collect()
}

/// A written date ("2021年12月20日", "二〇二一年十二月二十日").
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let c = res().date.captures(s)?;
    valid(date_value(&c[1])? as i32, date_value(&c[2])?, date_value(&c[3])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::report::Script;
    use crate::sections::segment;

    fn meta(input: &str) -> Meta {
        let view = normalize(input);
        let outline = segment(&view);
        extract(&view, &outline)
    }

    #[test]
    fn title_header_date_and_city_from_the_text() {
        let input = "\
首页 > 政务公开 > 年度报告
青石区人民政府2030年法治政府建设年度报告
信息来源：青石区司法局 发布时间：2031-01-15 09:30:00
2030年，在市委市政府领导下，青石区坚持依法行政。
一、主要举措和成效
（一）完善制度。印发《海川市青石区合同管理办法》。
";
        let m = meta(input);
        assert_eq!(m.title.as_deref(), Some("青石区人民政府2030年法治政府建设年度报告"));
        assert_eq!(m.body.as_deref(), Some("海川市青石区人民政府"));
        assert_eq!(m.region.as_deref(), Some("青石区"));
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.published.as_deref(), Some("2031-01-15"));
        assert_eq!(m.script, Script::Simplified);
    }

    #[test]
    fn no_title_body_from_the_opening() {
        let input = "\
发布时间: 2031-02-20 发布机构:政府办公室
2030年以来，青石区以法治思维推进各项工作，现将2030年度法治政府建设情况报告如下。
一、加强领导
一是学习培训。内容。
";
        let m = meta(input);
        assert_eq!(m.title, None);
        assert_eq!(m.body.as_deref(), Some("青石区人民政府"));
        assert_eq!(m.region.as_deref(), Some("青石区"));
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.published.as_deref(), Some("2031-02-20"));
    }

    #[test]
    fn signature_gives_body_date_and_year() {
        let input = "\
一、2029年度推进法治政府建设的主要举措
（一）依法履职。内容。
二、2030年度工作安排
（一）继续推进。内容。
海川市青石区司法局
2029年12月20日
";
        let m = meta(input);
        assert_eq!(m.title, None);
        assert_eq!(m.body.as_deref(), Some("海川市青石区司法局"));
        assert_eq!(m.region.as_deref(), Some("青石区"));
        assert_eq!(m.report_year, Some(2029));
        assert_eq!(m.published.as_deref(), Some("2029-12-20"));
    }

    #[test]
    fn year_from_a_signature_early_in_the_next_year() {
        let m = meta("一、工作\n内容。\n青石县人民政府\n二〇三一年二月十日\n");
        assert_eq!(m.published.as_deref(), Some("2031-02-10"));
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.region.as_deref(), Some("青石县"));
    }

    #[test]
    fn traditional_opening_gives_a_simplified_region() {
        let input = "2030年，寧海市堅持以法治為引領，紮實推進各項工作，取得顯著進展。現將主要情況報告如下。\n\
一、堅持黨的領導，壓實法治建設責任\n（一）健全議事規則。完善會議制度，規範決策程序，推進依法行政。\n\
（二）強化監督檢查。開展專項督察，發現問題及時整改，確保責任落實到位。\n";
        let m = meta(input);
        assert_eq!(m.script, Script::Traditional);
        assert_eq!(m.region.as_deref(), Some("宁海市"));
        assert_eq!(m.body.as_deref(), Some("宁海市人民政府"));
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.published, None);
    }

    #[test]
    fn text_that_lost_its_line_breaks() {
        let input = "首页 > 政务公开 > 法治政府建设年度报告青石区人民政府2030年法治政府建设年度报告\
信息提供日期 : 2031-02-12 17:44来源 : 区政府办公室 信息索引号 : /2031-0012345\
2030年，青石区坚持依法行政。一、主要工作成效（一）完善制度。内容。（二）规范执法。内容。\
二、存在问题一是人员不足。二是系统落后。三、下一步工作计划（一）加强培训。内容。分享到:【打印本页】";
        let m = meta(input);
        assert_eq!(m.title.as_deref(), Some("青石区人民政府2030年法治政府建设年度报告"));
        assert_eq!(m.region.as_deref(), Some("青石区"));
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.published.as_deref(), Some("2031-02-12"));
        let view = normalize(input);
        let o = segment(&view);
        let t: Vec<&str> = o.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(t, ["主要工作成效", "完善制度", "规范执法", "存在问题", "下一步工作计划", "加强培训"]);
    }

    #[test]
    fn department_title_and_report_about_clause() {
        let m = meta("青石区司法局关于2030年度法治政府建设情况的报告\n一、工作\n内容。\n");
        assert_eq!(m.title.as_deref(), Some("青石区司法局关于2030年度法治政府建设情况的报告"));
        assert_eq!(m.body.as_deref(), Some("青石区司法局"));
        assert_eq!(m.region.as_deref(), Some("青石区"));
        assert_eq!(m.report_year, Some(2030));
    }

    #[test]
    fn title_on_two_lines_and_publication_before_document_date() {
        let input = "青石区人民政府\n2030年法治政府建设年度报告\n成文日期：2031-01-10 发布日期：2031-01-20\n一、工作\n内容。\n";
        let m = meta(input);
        assert_eq!(m.title.as_deref(), Some("青石区人民政府2030年法治政府建设年度报告"));
        assert_eq!(m.body.as_deref(), Some("青石区人民政府"));
        assert_eq!(m.published.as_deref(), Some("2031-01-20"));
    }

    #[test]
    fn date_line_under_the_title() {
        let m = meta("青石县2030年法治政府建设情况报告\n（2031年3月1日）\n一、工作\n内容。\n");
        assert_eq!(m.published.as_deref(), Some("2031-03-01"));
        assert_eq!(m.body.as_deref(), Some("青石县人民政府"));
        assert_eq!(m.report_year, Some(2030));
    }

    #[test]
    fn nothing_to_go_on() {
        let m = meta("");
        assert_eq!(m, Meta::default());
        let m = meta("内容。\n更多内容。");
        assert_eq!((m.title, m.body, m.region, m.report_year, m.published), (None, None, None, None, None));
    }
}
