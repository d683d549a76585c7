//! Changes: year-on-year statements made in the text (同比增长82.4%, 较上年度下降1.95%).
//!
//! A statement is a comparison base (同比, 较上年度, 比2022年…), a direction word and an amount:
//! "同比压减22%", "比上年提高3个百分点", "较去年增长1.5倍". One base may carry several amounts
//! ("收文和参会同比压减22%和减少14%", "同比分别增长10%、20%"). What changed is read from the
//! words before the base, or, when the clause starts with the base, from the clause before.

use std::sync::OnceLock;

use crate::pattern::Pattern;

use crate::normalize::Normalized;
use crate::numbers;
use crate::report::{Change, Direction};
use crate::text::boundary::{back_to, ends_clause, ends_statement, CLAUSE_LIMIT};

/// Comparison base, then (after an optional 分别) a direction word.
fn statement() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"(同比|环比|(?:较|比|与)(?:上一?年度?|去年|前一年|(?:19|20)[0-9]{2}年度?)(?:同期)?(?:相比)?)(?:,)?(?:分别)?(?:有所)?(增长|增加|上升|提高|提升|上涨|增多|增幅|增|多|下降|减少|降低|压减|压缩|缩减|缩短|下滑|回落|降幅|减|降|少|持平)了?",
        )
        .expect("valid regex")
    })
}

/// A direction word alone, for the later amounts of one statement ("…22%和减少14%").
fn direction_only() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"^(?:和|及|、|,)(增长|增加|上升|提高|提升|上涨|增多|下降|减少|降低|压减|压缩|缩减|缩短|下滑|回落)?了?",
        )
        .expect("valid regex")
    })
}

fn direction(word: &str) -> Direction {
    match word {
        "持平" => Direction::Flat,
        "下降" | "减少" | "降低" | "压减" | "压缩" | "缩减" | "缩短" | "下滑" | "回落" | "降幅" | "减" | "降"
        | "少" => Direction::Down,
        _ => Direction::Up,
    }
}

/// Units an amount of change may carry, longest first.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "%",
    "倍",
    "人次",
    "件次",
    "户次",
    "家次",
    "个",
    "件",
    "宗",
    "项",
    "次",
    "人",
    "名",
    "家",
    "场",
    "户",
    "元",
    "条",
    "天",
    "个工作日",
    "小时",
    "分钟",
];

/// Words between the direction and the amount that only hedge it.
const HEDGES: &[&str] = &["约", "近", "超过", "超", "达到", "达", "为", "至"];

/// An amount read at the start of `s`: (value, unit, bytes consumed).
fn amount(s: &str) -> Option<(f64, &'static str, usize)> {
    let mut skip = 0;
    for h in HEDGES {
        if s.starts_with(h) {
            skip = h.len();
            break;
        }
    }
    let rest = s.get(skip..)?;
    let n = numbers::read_at(rest)?;
    let after = rest.get(n.len..)?;
    if n.percent {
        return Some((n.value, "%", skip + n.len));
    }
    let unit = UNITS.iter().find(|u| after.starts_with(*u))?;
    let unit: &'static str = if *unit == "百分点" { "个百分点" } else { unit };
    let used = UNITS.iter().find(|u| after.starts_with(*u)).map_or(0, |u| u.len());
    Some((n.value, unit, skip + n.len + used))
}

/// Finds the year-on-year statements of a report.
pub fn find(view: &Normalized) -> Vec<Change> {
    let text = view.text.as_str();
    let mut out = Vec::new();
    for caps in statement().captures_iter(text) {
        let (Some(whole), Some(dir)) = (caps.get(0), caps.get(2)) else { continue };
        let base_start = whole.start();
        let first_dir = direction(dir.as_str());
        // (direction, value, unit, view start, view end) of each amount.
        let mut amounts: Vec<(Direction, f64, &'static str, usize, usize)> = Vec::new();
        if first_dir == Direction::Flat {
            amounts.push((Direction::Flat, 0.0, "", base_start, whole.end()));
        } else if let Some((v, u, len)) = amount(&text[whole.end()..]) {
            amounts.push((first_dir, v, u, base_start, whole.end() + len));
            // Further amounts sharing the base.
            while let Some(&(d, _, _, _, end)) = amounts.last() {
                let Some(m) = direction_only().captures(&text[end..]) else { break };
                let Some(m0) = m.get(0) else { break };
                let d = m.get(1).map_or(d, |w| direction(w.as_str()));
                let from = end + m0.end();
                let Some((v, u, len)) = amount(&text[from..]) else { break };
                let start = m.get(1).map_or(from, |w| end + w.start());
                amounts.push((d, v, u, start, from + len));
            }
        }
        let subjects = subjects(text, base_start, amounts.len());
        for (i, (d, v, u, s, e)) in amounts.into_iter().enumerate() {
            let r = view.input_range(s..e);
            out.push(Change {
                indicator: subjects.get(i).cloned().unwrap_or_default(),
                direction: d,
                value: v,
                unit: u.to_string(),
                surface: view.input[r.clone()].to_string(),
                start: r.start,
                end: r.end,
            });
        }
    }
    out
}

/// What changed, once per amount: the words before the base in its clause, else those of the
/// clause before. "收文和参会" with two amounts gives "收文" and "参会" (each keeping the
/// words they share in front: "基层政府收文和参会" → "基层政府收文", "基层政府参会").
fn subjects(text: &str, base: usize, n: usize) -> Vec<String> {
    let cs = back_to(text, base, 0, CLAUSE_LIMIT, ends_clause);
    let mut subject = clean(&text[cs..base]);
    if subject.is_empty() && cs > 0 {
        let ss = back_to(text, base, 0, CLAUSE_LIMIT * 2, ends_statement);
        if ss < cs {
            let prev_end = cs - text[..cs].chars().next_back().map_or(0, char::len_utf8);
            let ps = back_to(text, prev_end, ss, CLAUSE_LIMIT, ends_clause);
            subject = clean(&text[ps..prev_end]);
        }
    }
    if n == 2 {
        if let Some((a, b)) = subject.split_once('和') {
            let (la, lb) = (a.chars().count(), b.chars().count());
            if lb > 0 && lb < la {
                let shared: String = a.chars().take(la - lb).collect();
                return vec![a.to_string(), shared + b];
            }
            if lb > 0 {
                return vec![a.to_string(), b.to_string()];
            }
        }
    }
    vec![subject; n]
}

/// Trims a subject: no figure ("清单达4057项" → "清单"), no leading ordinals, years or
/// "全年/其中", no trailing particles.
fn clean(s: &str) -> String {
    let mut s = s.trim();
    if let Some(i) = s.find(|c: char| c.is_ascii_digit()) {
        s = &s[..i];
    }
    loop {
        let before = s;
        for p in [
            "一是",
            "二是",
            "三是",
            "四是",
            "五是",
            "其中",
            "全年",
            "今年",
            "本年度",
            "年度",
            "年以来",
            "年",
            "全市",
            "全区",
            "共",
        ] {
            s = s.strip_prefix(p).unwrap_or(s);
        }
        for t in ["达到", "达", "为", "至", "共计", "共", "累计", "约", "近", "超过", "已", "的"] {
            s = s.strip_suffix(t).unwrap_or(s);
        }
        s = s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "、“”".contains(c));
        if s == before {
            break;
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn changes(input: &str) -> Vec<Change> {
        let view = normalize(input);
        let out = find(&view);
        for c in &out {
            assert_eq!(&input[c.start..c.end], c.surface);
        }
        out
    }

    #[test]
    fn simple_statements() {
        let c = changes("完成抽查120户次,抽查覆盖率同比增长12.5%。");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].direction, c[0].value, c[0].unit.as_str()), (Direction::Up, 12.5, "%"));
        assert_eq!(c[0].surface, "同比增长12.5%");
        assert_eq!(c[0].indicator, "抽查覆盖率");

        let c = changes("审批时限比上年提高3个百分点,办件量较去年增长1.5倍。");
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].value, c[0].unit.as_str()), (3.0, "个百分点"));
        assert_eq!((c[1].value, c[1].unit.as_str(), c[1].indicator.as_str()), (1.5, "倍", "办件量"));
    }

    #[test]
    fn subject_from_the_clause_before() {
        let c = changes("梳理事项清单达300项,较上年度下降2.5%。");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].direction, c[0].value), (Direction::Down, 2.5));
        assert_eq!(c[0].indicator, "梳理事项清单");
        assert_eq!(c[0].surface, "较上年度下降2.5%");
    }

    #[test]
    fn one_base_several_amounts() {
        let c = changes("机关发文和开会同比压减30%和减少10%。");
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].direction, c[0].value, c[0].indicator.as_str()), (Direction::Down, 30.0, "机关发文"));
        assert_eq!((c[1].direction, c[1].value, c[1].indicator.as_str()), (Direction::Down, 10.0, "机关开会"));
        assert_eq!(c[1].surface, "减少10%");

        let c = changes("两类案件同比分别增长10%、20%。");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].value, 20.0);
        assert_eq!(c[1].direction, Direction::Up);
    }

    #[test]
    fn full_width_traditional_and_chinese_numerals() {
        let c = changes("受理量較２０２２年增長１５％，投訴同比下降百分之三十。");
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].value, c[0].surface.as_str()), (15.0, "較２０２２年增長１５％"));
        assert_eq!((c[1].value, c[1].unit.as_str(), c[1].direction), (30.0, "%", Direction::Down));
    }

    #[test]
    fn flat_and_non_statements() {
        let c = changes("案件数量同比持平。");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].direction, Direction::Flat);
        assert!(changes("同比增长态势明显,比上年有所提高。").is_empty());
        assert!(changes("").is_empty());
        let _ = changes("同比增长");
        let _ = changes("同比增长99999999999999999999999%");
    }
}
