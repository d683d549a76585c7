//! Metadata: title, reporting body, region, report year, publication date, script.
//!
//! Sources, strongest first:
//! - **title**: a short line before the report's first paragraph that names a report on 法治
//!   ("…年度报告", "关于…情况的报告"), with the line before it when that holds its first words
//!   (the body, the year, "某市2023年法治政府" / "建设年度报告"), without a site tag or site name
//!   printed before it ("【…】", "某某网") or words glued after it; or the same words opening a
//!   text that lost its line breaks;
//! - **body**: the signature after the report text ("某市某区司法局"), else the title's words before
//!   the year or after a year that opens it ("某区人民政府", "2018年某市…" → 某市人民政府; a joint
//!   report keeps both bodies, "中共某县委、某县人民政府"), else the subject of the opening
//!   sentence ("2023年，某市坚持…" → 某市人民政府; a 街道 gets its 办事处), else, when the text
//!   only calls itself "区政府", "我市", "街道" or "区司法局", the place of that level it names
//!   most plainly. A district or county gets its city in front ("某市某区人民政府") when the text
//!   itself writes the two together;
//! - **region**: the last administrative unit of the body (of its government, for a joint body;
//!   none for a ministry), in simplified script;
//! - **report_year**: the title's year, "现将2023年度…报告如下", the year opening the first
//!   paragraph, the year of the first measures heading, the year opening the first part's first
//!   paragraph (a report to the people's congress), then the signing or publication date
//!   (a report signed from September on is about that year, earlier about the year before);
//! - **published**: a page-header date ("发布时间：…", "信息提供日期：…", kept as chrome), else the
//!   signing date, else a date line under the title ("（2031年5月28日在…会议上）").

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;

use crate::normalize::Normalized;
use crate::report::{Meta, PartKind};
use crate::script::is_han;
use crate::sections::Outline;
use crate::text::floor_char;
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
    let opening_region = opening.and_then(|o| opening_region(text, o));
    let mut body = signer
        .filter(|s| !s.is_empty())
        .or_else(|| title_view.and_then(title_body))
        .or_else(|| opening_region.map(|r| format!("{r}{}", government_of(r))));
    let mut region = body.as_deref().and_then(region_of_body).or(opening_region).map(str::to_string);
    // Nothing names the body: the text calls itself "区政府", "我市", "街道", "区司法局"; the
    // place is the one of that level the text names most plainly.
    // A ministry or another body without a place speaks as itself ("2030年，某部坚持…").
    let organ = opening.and_then(organ_subject);
    if body.is_none() {
        body = organ.map(str::to_string);
    }
    if region.is_none() && body.is_none() {
        if let Some(level) = self_level(text) {
            // A place named plainly in the text, else the opening's bare subject ("广州坚持…"),
            // else a place named only in passing.
            let named = region_in_text(text, level);
            region = named
                .clone()
                .filter(|n| n.1 >= 2)
                .map(|n| n.0)
                .or_else(|| opening.and_then(bare_subject).map(|n| format!("{n}{level}")))
                .or(named.map(|n| n.0));
            body = region.as_deref().and_then(|r| opening_org(opening.unwrap_or(""), level, r));
        }
    }
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
    // So does the line under the title of a report to the people's congress ("（2031年5月28日
    //在市六届人大常委会第九次会议上）").
    let dated = text[preamble.clone()].lines().take(8).find_map(|l| {
        let l = l.trim();
        // "——2031年3月5日在…会议上" is dated the same way.
        let dashed = l.strip_prefix("——").or_else(|| l.strip_prefix("--")).map(|d| format!("({d})"));
        let l = dashed.as_deref().unwrap_or(l);
        let bracketed = l.starts_with('(') && l.ends_with(')') && l.chars().count() <= 60;
        let t = l.trim_start_matches('(').trim_end_matches(')').trim();
        // A whole-line date ends with 日; checking that first spares a search of a long line.
        (t.ends_with('日') || bracketed)
            .then(|| res().date.find(t))
            .flatten()
            .filter(|m| m.start() == 0 && (m.end() == t.len() || bracketed))
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
        .or_else(|| first_paragraph_year(view, outline))
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

/// Lines read into the first part for a paragraph opening with the year.
const FIRST_PART_LINES: usize = 6;

/// The year opening the first paragraph of the first part ("一、主要工作举措及成效" /
/// "2030年，在市委坚强领导下…"): where a report to the people's congress, whose title has no
/// year, says which year it covers.
fn first_paragraph_year(view: &Normalized, outline: &Outline) -> Option<i32> {
    let first = outline.sections.iter().find(|s| s.level == 1)?;
    if first.kind == Some(PartKind::Plans) {
        return None;
    }
    let text = view.text.as_str();
    let (a, b) = (view.view_offset(first.start), view.view_offset(first.end));
    let part = text.get(a..b.max(a))?;
    part.lines()
        .skip(1)
        .take(FIRST_PART_LINES)
        .find_map(|l| res().leading_year.captures(l.trim()))
        .and_then(|c| c[1].parse().ok())
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
    organ_subject: Pattern,
    bare_subject: Pattern,
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
            r"^20[0-9][0-9] {0,8}年(?:度)?(?:以来)?[, ]{0,8}(?:在[^。]{0,60}?(?:下|中),)?([\x{4e00}-\x{9fff}]{2,5}?(?:自治区|街道|省|市|区|县|旗|州|镇|乡))",
        ),
        organ_subject: re(
            r"^20[0-9][0-9] {0,8}年(?:度)?(?:以来)?[, ]{0,8}(?:在[^。]{0,60}?(?:下|中),)?([\x{4e00}-\x{9fff}]{2,12}?(?:总局|委员会|办公室|部|局|署|院))(?:坚持|深入|全面|认真|扎实|紧紧|始终|持续|积极|聚焦|围绕|着力|深化|大力|不断|按照|立足|贯彻|以)",
        ),
        bare_subject: re(
            r"^20[0-9][0-9] {0,8}年(?:度)?(?:以来)?[, ]{0,8}(?:在[^。]{0,60}?(?:下|中),)?([\x{4e00}-\x{9fff}]{2,3}?)(?:坚持|深入|全面|认真|扎实|紧紧|始终|持续|积极|聚焦|围绕|着力|深化|大力|不断|按照|立足|贯彻)",
        ),
        unit: re(r"^[\x{4e00}-\x{9fff}]{2,10}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗|街道|镇|乡)"),
        header_date: re(
            r"(发布时间|发布日期|信息提供日期|公开日期|成文日期|日期|时间) {0,8}:? {0,8}([0-9]{4}) {0,8}[-/.年] {0,8}([0-9]{1,2}) {0,8}[-/.月] {0,8}([0-9]{1,2})",
        ),
        date: re(&numerals::written_date_pattern(true)),
    })
}

/// Non-empty lines of the preamble looked at for the title (page chrome a mirror prints as a
/// list — index number, keywords, subject, date — can take a dozen).
const TITLE_LINES: usize = 16;

/// Words about rule-of-law work that a title names.
fn about_law(s: &str) -> bool {
    s.contains("法治") || s.contains("依法行政") || s.contains("法制")
}

/// The title line: a short line before the first heading naming a report on 法治 work, with
/// the line before it when that only names the body or the year ("某区人民政府" / "2030年……
/// 年度报告"), or holds the title's first words ("某市2030年法治政府" / "建设年度报告"). A site
/// tag or a site name printed before the title ("【法治建设报告】", "】", "某某日报网") and
/// words glued after its "报告" are left out. The search stops at the first paragraph of the
/// report.
fn title_line(text: &str, preamble: Range<usize>) -> Option<(Option<Range<usize>>, Range<usize>)> {
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
        if seen > TITLE_LINES {
            break;
        }
        if t.contains(['>', '»']) {
            continue;
        }
        let lead = title_lead(t);
        let at = start + (line.len() - line.trim_start().len()) + lead;
        let t = &t[lead..];
        if t.chars().count() <= 80
            && !t.contains('。')
            && t.contains("报告")
            && (about_law(t) || plain_title(t))
            && !t.contains("如下")
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
            let t = &t[..title_end(t)];
            return Some((head_of(text, prev, t), at..at + t.len()));
        }
        // The title's last words on a line of their own ("建设年度报告"), its first words with
        // the body or the year on the line before.
        if let Some(p) = prev.clone().filter(|_| t.ends_with("报告") && t.chars().count() <= 30) {
            let head = &text[p.clone()];
            let joined = format!("{head}{t}");
            let plain = |s: &str| s.chars().all(|c| is_han(c) || c.is_ascii_digit());
            if head.chars().count() <= 40
                && plain(head)
                && plain(t)
                && !head.contains("报告")
                && (joined.contains("法治") || joined.contains("依法行政"))
                && (first_year(&joined).is_some() || title_body(&joined).is_some())
            {
                return Some((Some(p), at..at + t.len()));
            }
        }
        // A text that lost its line breaks: the title runs straight into the opening.
        if let Some(i) = t.find("报告") {
            let head = &t[..i + "报告".len()];
            if head.chars().count() <= 80 && !head.contains(['。', ',', ';', ':', '•', '/', '|']) && about_law(head)
            {
                return Some((None, at..at + head.len()));
            }
        }
        // A paragraph of the report: the title comes before it or not at all.
        if t.contains('。') && t.chars().nth(80).is_some() {
            break;
        }
        prev = Some(at..at + t.len());
    }
    None
}

/// A line that is a report's title by its shape alone, whatever it reports on ("政府工作报告",
/// "关于2030年度依法行政工作情况的报告"): six to thirty characters, nothing but words and
/// digits, ending with "报告".
fn plain_title(t: &str) -> bool {
    let n = t.chars().count();
    (6..=30).contains(&n) && t.ends_with("报告") && t.chars().all(|c| is_han(c) || c.is_ascii_digit() || c == ' ')
}

/// The line before a title, when it holds the title's first words: it names only the body
/// ("某区人民政府" / "关于2030年……的报告"), or the body and the year the title lacks
/// ("某区2030年" / "法治政府建设年度报告").
fn head_of(text: &str, prev: Option<Range<usize>>, title: &str) -> Option<Range<usize>> {
    prev.filter(|p| {
        let h = &text[p.clone()];
        let joined = format!("{h}{title}");
        h.chars().count() <= 25
            && !h.contains(|c: char| (c.is_ascii_punctuation() && c != ' ') || "。、“”《》".contains(c))
            && !h.contains("报告")
            && ((title_body(title).is_none()
                && title_body(&joined).is_some()
                && !h.contains(|c: char| c.is_ascii_digit()))
                || (first_year(title).is_none() && first_year(h).is_some() && title_body(&joined).is_some()))
    })
}

/// Bytes of a title line read for a site's name before the title (a name of at most 12
/// characters and the title's body and year after it).
const SITE_LEAD_BYTES: usize = 300;

/// Words that end a site's name ("某某日报网", "某市人民政府门户网站", "某某发布").
const SITE_WORDS: [&str; 6] = ["门户网站", "网站", "客户端", "公众号", "网", "发布"];

/// Bytes before the title proper on a title line: a site tag ("【省政府法治建设报告】",
/// "[法治政府]"), what is left of one (a lone "】"), a site name glued on ("某某日报网某市人民
/// 政府关于…": the words after it still name the body or open with the year).
fn title_lead(t: &str) -> usize {
    let mut at = 0;
    loop {
        let r = &t[at..];
        let step = if let Some(inner) = r.strip_prefix('【').or_else(|| r.strip_prefix('[')) {
            match inner.find(['】', ']']) {
                Some(i) if inner[..i].chars().count() <= 20 => {
                    r.len() - inner.len() + i + inner[i..].chars().next().map_or(0, char::len_utf8)
                }
                _ => 0,
            }
        } else if r.starts_with(['】', ']', ' ', '|', '·']) {
            r.chars().next().map_or(0, char::len_utf8)
        } else {
            0
        };
        if step == 0 {
            break;
        }
        at += step;
    }
    // A site's name is short and the title follows it: a few hundred bytes tell.
    let r = &t[at..floor_char(t, at + SITE_LEAD_BYTES)];
    for w in SITE_WORDS {
        if let Some(i) = r.find(w) {
            let rest = &r[i + w.len()..];
            let name_ok = r[..i].chars().count() <= 12 && r[..i].chars().all(is_han);
            // After it: the report's opening ("2030年，…"), or the title or the first line of
            // one, opening with the body's name.
            let body_follows = units(rest).first().is_some_and(|u| u.start == 0)
                && (title_body(rest).is_some() || body_name(rest.trim()).is_some());
            if name_ok && (body_follows || res().leading_year.is_match(rest)) {
                return at + i + w.len();
            }
        }
    }
    at
}

/// Most characters glued after a title's "报告" that are cut off as a watermark or a site name.
const TITLE_TAIL: usize = 40;

/// Where a title ends: after its last "报告" (and a bracket right after it, "（摘要）"), when
/// a few words without a year are glued on after it (a watermark, a site name and address).
fn title_end(t: &str) -> usize {
    let Some(i) = t.rfind("报告") else { return t.len() };
    let mut end = i + "报告".len();
    let rest = &t[end..];
    if rest.starts_with(['(', '（']) {
        if let Some(j) = rest.find([')', '）']) {
            end += j + rest[j..].chars().next().map_or(0, char::len_utf8);
        }
    }
    let tail = &t[end..];
    if tail.trim().is_empty() || tail.chars().count() > TITLE_TAIL || first_year(tail).is_some() || about_law(tail) {
        t.len()
    } else {
        end
    }
}

/// The opening paragraph: the first line of the preamble that is not the title.
fn opening_line(text: &str, preamble: Range<usize>, title: Option<Range<usize>>) -> Option<&str> {
    let after = title.map_or(preamble.start, |t| t.end.max(preamble.start));
    let rest = text[after.min(preamble.end)..preamble.end].trim_start();
    // A site tag glued before it ("【法治政府建设报告】2030年，…") is no part of it.
    rest.split('\n').map(|l| l.trim()).map(|l| &l[title_lead(l)..]).find(|l| res().leading_year.is_match(l))
}

/// Characters that never belong to a place name taken from running text.
fn not_in_name(c: char) -> bool {
    "全本我该各在和与及对向的是为了将等由从把被经委政府党省区县市人".contains(c) || !is_han(c)
}

/// The region an opening sentence is about ("2023年，在…领导下，某区坚持…" → "某区").
/// Before "委" ("2023年，贯彻市委…"), and for a 街道, 镇 or 乡 ("2023年，推进城乡…"), the name
/// must come back elsewhere in the text, as a place's name does and the words of a sentence do
/// not.
fn opening_region<'t>(text: &str, line: &'t str) -> Option<&'t str> {
    let c = res().opening.captures(line)?;
    let g = c.get(1)?;
    let m = g.as_str();
    let suffix = ["街道", "自治区"]
        .into_iter()
        .find(|s| m.ends_with(s))
        .map_or_else(|| m.chars().next_back().map_or(0, char::len_utf8), str::len);
    let name = &m[..m.len() - suffix];
    if name.chars().any(not_in_name) {
        return None;
    }
    let after = &line[g.end()..];
    if !unit_ends(after) {
        return None;
    }
    let doubtful = after.starts_with('委') || m.ends_with(['镇', '乡']) || m.ends_with("街道");
    if doubtful && text.matches(m).nth(1).is_none() {
        return None;
    }
    Some(m)
}

/// The subject of an opening sentence when it is an organ without a place: a ministry or a
/// national bureau ("2030年，司法部坚持…", "2030年，市场监管总局深入…"), not a local one that
/// calls itself by its level ("区司法局", "市市场监管局").
fn organ_subject(line: &str) -> Option<&str> {
    let c = res().organ_subject.captures(line)?;
    let subject = c.get(1)?.as_str();
    let local = LEVELS.iter().any(|l| subject.strip_prefix(l).is_some_and(unit_ends));
    let named = !units(subject).is_empty() || subject.chars().any(not_in_name_of_organ);
    (!local && !named).then_some(subject)
}

/// Characters that never stand in an organ's name taken from running text (a pronoun, a
/// conjunction: "我局", "和…").
fn not_in_name_of_organ(c: char) -> bool {
    "我本该各在和与及对向的是为了将等由从把被经".contains(c) || !is_han(c)
}

/// Administrative levels a report may call itself by, lowest first.
const LEVELS: [&str; 7] = ["街道", "镇", "乡", "区", "县", "市", "省"];

/// How much of the text is read for the level and the place it calls itself (bytes).
const SELF_WINDOW: usize = 60_000;

/// Words after a level that name its organs ("区委", "市政府", "街道党工委").
const ORGANS: [&str; 8] = ["委", "政府", "人民政府", "党工委", "办事处", "司法局", "人大", "政协"];

/// Words after a level that make it the subject of a sentence (",街道坚持…", "。区政府…").
const SUBJECT_VERBS: [&str; 8] = ["坚持", "深入", "认真", "扎实", "全面", "始终", "持续", "积极"];

/// The level the text speaks as: the one it most calls itself by ("全区", "我市", "本街道"
/// count twice; "区委", "区政府", "区司法局", "街道坚持" after a pause once), the lower on a tie. Higher
/// levels are named too ("在市委、市政府的领导下"), but less often.
fn self_level(text: &str) -> Option<&'static str> {
    let window = &text[..floor_char(text, SELF_WINDOW)];
    let mut best: Option<(&'static str, usize)> = None;
    for level in LEVELS {
        let mut score = 0;
        for (i, _) in window.match_indices(level) {
            let before = window[..i].chars().next_back();
            let after = &window[i + level.len()..];
            if before.is_some_and(|c| "全我本".contains(c)) && !after.starts_with(['场', '民', '级']) {
                score += 2;
            } else if before.is_none_or(|c| !is_han(c) || "在和与及由对经".contains(c))
                && (ORGANS.iter().any(|o| after.starts_with(o)) || SUBJECT_VERBS.iter().any(|v| after.starts_with(v)))
            {
                score += 1;
            }
        }
        if score > best.map_or(0, |b| b.1) {
            best = Some((level, score));
        }
    }
    best.map(|b| b.0)
}

/// Two-character words that end in a level's name without being a place ("示范区",
/// "先行区", "开发区"), and verbs that stand before one ("召开市政府常务会议").
const GENERIC_PLACES: [&str; 40] = [
    "示范", "先行", "试验", "实验", "开发", "功能", "核心", "中心", "主城", "经济", "合作", "高新", "生态", "旅游",
    "工业", "保税", "自贸", "城乡", "地级", "县级", "直辖", "试点", "重点", "都市", "召开", "组织", "举办", "开展",
    "推进", "推动", "建立", "成立", "参加", "出席", "提请", "报请", "主持", "通过", "纳入", "会同",
];

/// True when `c` before a level's word makes a common word rather than a place: 社区, 园区,
/// 城市, 超市, 城镇, 乡镇, 城乡, 下乡, 依法治区 ("东城区" is a place: 城 only counts before
/// 市, 镇, 乡).
fn common_before(level: &str, c: char) -> bool {
    // "依法治区", "法治市": rule of law, not a place.
    c == '治'
        || match level {
            "区" => "社园景辖片小街湾山郊矿林牧灾校战营特".contains(c),
            "市" => "城超都门股楼菜夜上开黑".contains(c),
            "镇" => "城乡村集重古名".contains(c),
            "乡" => "城家下返故异同".contains(c),
            "县" => "郡".contains(c),
            _ => false,
        }
}

/// Places whose uses without the level's word are counted: the best ones by their mentions.
const BOOSTED_PLACES: usize = 8;

/// Most uses of a place's name without its level's word that count for it.
const BARE_USES: usize = 3;

/// The place of `level` the text names most plainly, with its score: each mention of a two- or
/// three-character name before the level's word counts, more after a pause, a unit ("某市某区")
/// or at the start of a document's title ("《某区…办法》"); a three-character name only counts
/// there. A name the text also uses without the level's word ("为罗湖打造…") counts once
/// more for each such use, up to [`BARE_USES`].
fn region_in_text(text: &str, level: &str) -> Option<(String, usize)> {
    let window = &text[..floor_char(text, SELF_WINDOW)];
    // Place → (score, where first named).
    let mut found: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, _) in window.match_indices(level) {
        let after = window[i + level.len()..].chars().next();
        if after.is_some_and(|c| "域场民份间块值".contains(c)) {
            continue;
        }
        let before: Vec<(usize, char)> = window[..i].char_indices().rev().take(4).collect();
        for n in 2..=3usize {
            let Some(&(start, _)) = before.get(n - 1) else { break };
            let name = &window[start..i];
            if name.chars().any(|c| !is_han(c) || not_in_name(c))
                || GENERIC_PLACES.iter().any(|g| name.ends_with(g))
                || name.chars().next_back().is_some_and(|c| common_before(level, c))
            {
                continue;
            }
            let prev = before.get(n).map(|p| p.1);
            let title = prev == Some('《');
            let pause = prev.is_none_or(|c| !is_han(c) || "在和与及对由经至到从向将把被于、市州省区县".contains(c));
            let score = match (n, pause) {
                (_, true) => 2 + usize::from(title),
                (2, false) => 1,
                _ => 0,
            };
            if score == 0 {
                continue;
            }
            found.entry(format!("{name}{level}")).or_insert((0, i)).0 += score;
        }
    }
    let mut scores: Vec<(String, usize, usize)> = found.into_iter().map(|(p, (n, at))| (p, n, at)).collect();
    // Only the best few are counted again, so a text of thousands of names stays linear.
    scores.sort_by_key(|s| (std::cmp::Reverse(s.1), s.2));
    scores.truncate(BOOSTED_PLACES);
    for s in scores.iter_mut() {
        let name = &s.0[..s.0.len() - level.len()];
        let with_level = window.matches(s.0.as_str()).count();
        s.1 += window.matches(name).count().saturating_sub(with_level).min(BARE_USES);
    }
    scores.into_iter().max_by_key(|s| (s.1, std::cmp::Reverse(s.2))).map(|s| (s.0, s.1))
}

/// The subject of an opening sentence when it is a bare place name ("2024年，廣州堅持…" →
/// "广州").
fn bare_subject(line: &str) -> Option<&str> {
    let c = res().bare_subject.captures(line)?;
    let m = c.get(1)?.as_str();
    (!m.chars().any(not_in_name)).then_some(m)
}

/// The body of a report whose text calls itself by `level` and whose place is `region`: the
/// organ the opening names after the level ("区司法局…" → "某区司法局"), else the level's
/// government, unless the opening speaks as a department ("我局") without naming it.
fn opening_org(opening: &str, level: &str, region: &str) -> Option<String> {
    let head = &opening[..floor_char(opening, 180)];
    for (i, _) in head.match_indices(level) {
        let rest = &head[i + level.len()..];
        let name: String = rest.chars().take_while(|&c| is_han(c)).take(10).collect();
        if let Some(end) =
            ["局", "厅", "委员会", "办公室", "中心"].iter().filter_map(|o| name.find(o).map(|k| k + o.len())).min()
        {
            if !name[..end].contains("政府") {
                return Some(format!("{region}{}", &name[..end]));
            }
        }
    }
    if ["我局", "本局", "我厅", "我委", "我办"].iter().any(|w| head.contains(w)) {
        return None;
    }
    Some(format!("{region}{}", government_of(region)))
}

/// Endings of the name of a government, department or office.
const ORGS: [&str; 14] =
    ["人民政府", "政府", "办事处", "管委会", "委员会", "办公室", "总局", "局", "委", "厅", "院", "中心", "署", "部"];

/// The body named at the start of a title ("某区人民政府2023年…" → "某区人民政府"), or right
/// after a year that opens it ("2018年某市法治政府建设情况的报告" → "某市人民政府"). A joint
/// report of the party committee and the government ("中共某县委 某县人民政府 关于…") keeps
/// both, joined by "、".
fn title_body(title: &str) -> Option<String> {
    let cut =
        [res().year.find(title).map(|m| m.start()), res().cn_year.find(title).map(|m| m.start()), title.find("关于")]
            .into_iter()
            .flatten()
            .min()?;
    let prefix = title[..cut].trim();
    if prefix.chars().count() < 2 {
        // "2018年某市法治政府建设情况的报告": the body follows the year.
        let after = res().leading_year.find(title.trim_start()).map(|m| &title.trim_start()[m.end()..])?;
        let after = after.strip_prefix('度').unwrap_or(after);
        let stop = ["法治", "依法", "关于", "推进", "全面", "年度"].iter().filter_map(|w| after.find(w)).min()?;
        return body_name(after[..stop].trim());
    }
    body_name(prefix)
}

/// `name` as a body's name when it is one: it ends with an organisation ("某区司法局"), or
/// with an administrative unit, which then stands for its government ("某区" → "某区人民
/// 政府", "某街道" → "某街道办事处").
fn body_name(name: &str) -> Option<String> {
    if name.chars().count() < 2 || !name.chars().all(|c| is_han(c) || matches!(c, '、' | ' ' | '(' | ')')) {
        return None;
    }
    let name = joint(name);
    if ORGS.iter().any(|s| name.ends_with(s)) {
        return Some(name);
    }
    let units = units(&name);
    let last = units.last().filter(|u| u.end == name.len())?;
    Some(format!("{name}{}", government_of(&name[last.clone()])))
}

/// A joint body's names joined by "、" ("中共某县委 某县人民政府" → "中共某县委、某县人民政府").
fn joint(name: &str) -> String {
    name.split([' ', '、']).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("、")
}

/// What the government of a unit is called: "办事处" for a 街道, else "人民政府".
fn government_of(unit: &str) -> &'static str {
    if unit.ends_with("街道") {
        "办事处"
    } else {
        "人民政府"
    }
}

/// The region of a body: the most specific unit its name starts with, for a joint body that of
/// its last member, the government ("中共某县委、某县人民政府" → "某县"). A ministry has none.
fn region_of_body(body: &str) -> Option<&str> {
    body.rsplit('、').find_map(|member| last_unit(member.strip_prefix("中共").unwrap_or(member)))
}

/// The administrative units a name starts with ("深圳市坪山区司法局" → 深圳市, 坪山区).
fn units(name: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = res().unit.find(&name[at..]) {
        if !unit_ends(&name[at + m.end()..]) {
            break; // "国家市场监督管理总局", "住房和城乡建设部", "国家乡村振兴局"
        }
        out.push(at + m.start()..at + m.end());
        at += m.end();
    }
    out
}

/// True when the text after a unit's word lets it end there: not "市场", "市民", "区域",
/// "县域", "省份", "乡村", "城乡建设", "市容", where the word is part of another.
fn unit_ends(after: &str) -> bool {
    !after.starts_with(['场', '民', '域', '份', '村', '建', '容', '貌', '值', '镇'])
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
        let input =
            "青石区人民政府\n2030年法治政府建设年度报告\n成文日期：2031-01-10 发布日期：2031-01-20\n一、工作\n内容。\n";
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

    /// (title, region, report year) of a text.
    fn trio(input: &str) -> (Option<String>, Option<String>, Option<i32>) {
        let m = meta(input);
        (m.title, m.region, m.report_year)
    }

    fn some(t: &str, r: &str, y: i32) -> (Option<String>, Option<String>, Option<i32>) {
        (Some(t.into()), Some(r.into()), Some(y))
    }

    #[test]
    fn titles_in_other_shapes() {
        // The year before the name.
        assert_eq!(
            trio("2030年青石市法治政府建设情况的报告\n2030年，全市坚持依法行政。\n一、工作\n内容。\n"),
            some("2030年青石市法治政府建设情况的报告", "青石市", 2030)
        );
        // A site tag, or what is left of one, or a site's name, before the title.
        for lead in ["【省政府法治建设报告】", "】", "[法治专栏]", "青石日报网"] {
            let input = format!(
                "{lead}青石省人民政府关于2030年度法治政府建设情况的报告\n2030年，省政府坚持依法行政。\n一、工作\n"
            );
            assert_eq!(
                trio(&input),
                some("青石省人民政府关于2030年度法治政府建设情况的报告", "青石省", 2030),
                "{lead}"
            );
        }
        // A site's name glued to the opening, or to the first line of a title over two.
        let m = meta("青石市人民政府网2030年，青石区坚持依法行政。\n一、工作\n内容。\n");
        assert_eq!((m.title, m.region.as_deref(), m.report_year), (None, Some("青石区"), Some(2030)));
        let m = meta("海川日报网青石市白沙区人民政府\n关于2030年法治政府建设报告\n一、工作\n内容。\n");
        assert_eq!(m.title.as_deref(), Some("青石市白沙区人民政府关于2030年法治政府建设报告"));
        // No title, and the tag glued to the opening.
        let m = meta("【法治政府建设报告】2030年，青石区坚持依法行政。\n一、工作\n内容。\n");
        assert_eq!((m.title, m.region.as_deref(), m.report_year), (None, Some("青石区"), Some(2030)));
        // A site's name glued after it.
        assert_eq!(
            trio("青石市2030年法治政府建设年度报告青石市人民政府网\n一、工作\n内容。\n").0.as_deref(),
            Some("青石市2030年法治政府建设年度报告")
        );
        // A site's name and address glued after it, where the page header was cut out.
        let input = "中共青石县委 青石县人民政府 关于2030年度法治政府建设的报告青石县人民政府门户网站 www.qingshi.gov.cn 发布时间：2031-02-20 10:28\n一、工作\n";
        assert_eq!(trio(input).0.as_deref(), Some("中共青石县委 青石县人民政府 关于2030年度法治政府建设的报告"));
        // Printed twice, or over two lines in other places than after the body.
        let twice = "青石市2030年法治政府建设年度报告\n青石市2030年法治政府建设年度报告\n一、工作\n";
        assert_eq!(trio(twice), some("青石市2030年法治政府建设年度报告", "青石市", 2030));
        for two in ["青石市2030年法治政府\n建设年度报告", "青石市2030年\n法治政府建设年度报告"]
        {
            assert_eq!(
                trio(&format!("{two}\n一、工作\n")),
                some("青石市2030年法治政府建设年度报告", "青石市", 2030),
                "{two}"
            );
        }
        // Behind a dozen lines of a page's index list.
        let list = "• 索引号\n• 115000/2031-0001\n• 主题分类\n• 法制\n• 工作报告\n• 青石区司法局\n• 2031-03-22\n";
        let input = format!("{list}\n青石区2030年法治政府建设工作报告\n2030年，区政府坚持依法行政。\n一、工作\n");
        assert_eq!(trio(&input), some("青石区2030年法治政府建设工作报告", "青石区", 2030));
        // Not a bullet list joined into one.
        assert_eq!(meta("• 法制\n• 工作报告\n2030年，区政府坚持依法行政。\n一、工作\n").title, None);
    }

    #[test]
    fn a_report_to_the_congress_without_a_year_in_its_title() {
        let input = "青石市人民政府关于法治政府建设情况的报告\n（2031年5月28日在市六届人大常委会第九次会议上）\n\
市人大常委会：\n按照工作安排，现就法治政府建设情况报告如下。\n一、主要工作举措及成效\n\
2030年，在市委坚强领导下，全市各级行政机关坚持依法行政。\n（一）完善制度。内容。\n";
        let m = meta(input);
        assert_eq!(m.report_year, Some(2030));
        assert_eq!(m.published.as_deref(), Some("2031-05-28"));
        assert_eq!(m.region.as_deref(), Some("青石市"));
    }

    #[test]
    fn a_title_by_its_shape_and_a_dashed_date_line() {
        let input = "政府工作报告\n——2031年3月5日在第九届青石市人民代表大会第三次会议上\n青石市市长 某某\n各位代表：\n\
现在，我代表市人民政府，向大会报告工作，请予审议。\n一、2030年工作回顾\n过去一年，全市生产总值增长5.2%。\n";
        let m = meta(input);
        assert_eq!(m.title.as_deref(), Some("政府工作报告"));
        assert_eq!(m.published.as_deref(), Some("2031-03-05"));
        assert_eq!(m.report_year, Some(2030));
        // A column's name in a page's index list is no title.
        assert_eq!(meta("• 工作报告\n2030年，区政府坚持依法行政。\n一、工作\n").title, None);
    }

    #[test]
    fn bodies_of_other_kinds() {
        // A joint report of the party committee and the government: the county.
        let m = meta("中共青石县委 青石县人民政府 关于2030年度法治政府建设的报告\n一、工作\n");
        assert_eq!(m.body.as_deref(), Some("中共青石县委、青石县人民政府"));
        assert_eq!(m.region.as_deref(), Some("青石县"));
        let m = meta("中共青石县委、青石县人民政府关于2030年度法治政府建设情况的报告\n一、工作\n");
        assert_eq!(m.region.as_deref(), Some("青石县"));
        // A sub-district: the 街道.
        let m = meta("海川市青石区东门街道办事处2030年法治政府建设工作报告\n一、工作\n");
        assert_eq!((m.body.as_deref(), m.region.as_deref()), (Some("海川市青石区东门街道办事处"), Some("东门街道")));
        let m = meta(
            "2030年，在区委、区政府的坚强领导下，东门街道深入推进依法行政。现将我街道法治政府建设情况报告如下：\n\
一、工作\n（一）东门街道完善制度。内容。\n",
        );
        assert_eq!((m.body.as_deref(), m.region.as_deref()), (Some("东门街道办事处"), Some("东门街道")));
        // A sub-district that calls itself "街道" and names itself once.
        let m = meta("为全面推进依法行政，街道坚持依法办事。结合东门街道实际，现就2030年法治政府建设工作开展情况报告如下：\n一、基本情况\n内容。\n");
        assert_eq!((m.body.as_deref(), m.region.as_deref()), (Some("东门街道办事处"), Some("东门街道")));
        // A ministry: no region, even where its name holds a unit's word, or its text names
        // places.
        let m = meta("司法部2030年法治政府建设年度报告\n一、工作\n");
        assert_eq!((m.body.as_deref(), m.region), (Some("司法部"), None));
        let m = meta("2030年，司法部坚持依法行政。\n一、工作\n内容。\n");
        assert_eq!((m.body.as_deref(), m.region), (Some("司法部"), None));
        for title in ["国家市场监督管理总局", "住房和城乡建设部", "国家乡村振兴局", "国务院"]
        {
            let m = meta(&format!("{title}关于2030年度法治政府建设情况的报告\n一、工作\n"));
            assert_eq!((m.body.as_deref(), m.region), (Some(title), None), "{title}");
        }
        let m = meta("2030年，国家市场监督管理总局坚持依法行政，指导北京市、青石市全市推进。\n一、工作\n（一）支持青石新区建设，全市落实。\n");
        assert_eq!((m.body.as_deref(), m.region), (Some("国家市场监督管理总局"), None));
        let m = meta("2030年，交通运输部坚持依法行政，支持北京市交通委全市推进。\n一、工作\n");
        assert_eq!((m.body.as_deref(), m.region), (Some("交通运输部"), None));
        // A department whose region is only in its name.
        let m = meta("青石市司法局关于2030年法治政府建设情况的报告\n一、工作\n");
        assert_eq!((m.body.as_deref(), m.region.as_deref()), (Some("青石市司法局"), Some("青石市")));
        // A province in the opening.
        let m = meta("2030年，青石省以法治思维推进各项工作。\n一、工作\n");
        assert_eq!(m.region.as_deref(), Some("青石省"));
    }

    #[test]
    fn a_region_only_the_text_names() {
        // "区政府" speaks for the district the text names in a document's title.
        let input = "2030年，区政府坚持依法行政，认真落实区委全会部署。\n一、工作\n\
（一）完善制度。印发《青石区促进营商环境条例实施办法》，全区落实。\n";
        let m = meta(input);
        assert_eq!((m.region.as_deref(), m.body.as_deref()), (Some("青石区"), Some("青石区人民政府")));
        // A department: the body keeps its name; another district named in passing loses.
        let input = "2030年，区司法局坚持依法行政，为青石高质量发展提供保障。\n一、工作\n\
（一）完善制度。组织干部到白沙区学习，制定青石区重大行政决策程序规定，在青石区全面推行。\n";
        let m = meta(input);
        assert_eq!((m.region.as_deref(), m.body.as_deref()), (Some("青石区"), Some("青石区司法局")));
        // "我局" names no organ: the region, no body.
        let m = meta("2030年，我局坚持依法行政，在区委、区政府领导下推进全区法治建设。\n一、工作\n（一）落实《青石区法治政府建设实施方案》。\n");
        assert_eq!((m.region.as_deref(), m.body), (Some("青石区"), None));
        // A bare place name as the subject: its level from how the text calls itself.
        let m = meta("2030年，海川坚持依法行政，市政府常务会议学法4次，全市推进法治建设。\n一、工作\n内容。\n");
        assert_eq!(m.region.as_deref(), Some("海川市"));
        // Words that end like a place are not one.
        let m =
            meta("2030年，区政府坚持依法行政，深入社区开展普法，建设先行示范区，推进依法治区。\n一、工作\n内容。\n");
        assert_eq!(m.region, None);
        // An opening that starts with a verb names no region.
        let m = meta("2030年，贯彻市委全会精神，我县坚持依法行政。\n一、工作\n内容。\n");
        assert_ne!(m.region.as_deref(), Some("贯彻市"));
    }

    #[test]
    fn nothing_to_go_on() {
        let m = meta("");
        assert_eq!(m, Meta::default());
        let m = meta("内容。\n更多内容。");
        assert_eq!((m.title, m.body, m.region, m.report_year, m.published), (None, None, None, None, None));
    }
}
