//! The `Report`: what every stage produces, and what the CLI and the web app render.
//!
//! Field names follow the JSON contract of `docs/output.md` (in the spirit of the shared
//! `../shared/docs/output.md`, by which the project is measured): fields are added, never renamed.
//!
//! Invariant: every `start`/`end` in a `Report` is a byte offset into the *decoded input*
//! text (not into the normalised view), on a char boundary, with `start <= end`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The writing system the report is printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// 简体字.
    #[default]
    Simplified,
    /// 繁體字.
    Traditional,
}

/// Which of the mandated contents a top-level part of a report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// 主要举措和成效: the past year's measures and results.
    Measures,
    /// 党政主要负责人履行第一责任人职责情况.
    Leaders,
    /// 存在的不足和原因.
    Problems,
    /// 下一年度主要安排.
    Plans,
    /// Anything else (其他需要报告的情况, 附件…).
    Other,
}

impl PartKind {
    /// All kinds, in the order the regulation lists the contents.
    pub const ALL: [PartKind; 5] =
        [PartKind::Measures, PartKind::Leaders, PartKind::Problems, PartKind::Plans, PartKind::Other];

    /// The stable id used in JSON ("measures", "leaders", …).
    pub fn id(self) -> &'static str {
        match self {
            PartKind::Measures => "measures",
            PartKind::Leaders => "leaders",
            PartKind::Problems => "problems",
            PartKind::Plans => "plans",
            PartKind::Other => "other",
        }
    }
}

/// Facts about the report as a whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The title line as printed (e.g. "某区人民政府2023年法治政府建设年度报告"), or `None`
    /// when the text has no title line.
    pub title: Option<String>,
    /// The reporting government or department ("深圳市坪山区人民政府").
    pub body: Option<String>,
    /// The region the body governs, in simplified script ("坪山区").
    pub region: Option<String>,
    /// The year reported on.
    pub report_year: Option<i32>,
    /// Publication date as `YYYY-MM-DD`, when the text states one.
    pub published: Option<String>,
    /// The script the report is printed in.
    pub script: Script,
}

/// One heading of the report and the text it governs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Depth in this document's hierarchy, 1 = top.
    pub level: u8,
    /// The heading marker exactly as printed ("一、", "（一）", "一是", "1.").
    pub marker: String,
    /// The heading text after the marker (for a paragraph-opening marker: its first sentence).
    pub title: String,
    /// For level 1 only: which mandated content this part holds.
    pub kind: Option<PartKind>,
    /// Byte offset of the heading's first byte in the decoded input.
    pub start: usize,
    /// Byte offset just past the section (before the next heading of the same or higher level).
    pub end: usize,
}

/// A top-level part of the report by content, whether or not it has a heading.
///
/// Reports often state their problems or plans without a heading ("2024年，我区将……"); a part
/// records where such content starts so that checks and the UI can see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// What the part holds.
    pub kind: PartKind,
    /// Index into `Report::sections` of the part's heading, or `None` when it has none.
    pub heading: Option<usize>,
    /// Byte range in the decoded input.
    pub start: usize,
    /// End of the byte range in the decoded input.
    pub end: usize,
}

/// A quantity the report states about its work ("852项", "三十余场", "99.4%").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The printed text of the figure, `&input[start..end]`.
    pub surface: String,
    /// The number with 万/亿 folded in.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// Counting word or symbol, simplified script ("项", "人次", "%", "个百分点", "元").
    pub unit: String,
    /// The short phrase the figure measures, simplified script.
    pub indicator: String,
    /// True for 余/多/近/约/超/以上… figures.
    pub approx: bool,
    /// Byte offset of `surface` in the decoded input.
    pub start: usize,
    /// End of `surface` in the decoded input.
    pub end: usize,
    /// Index into `Report::sections` of the innermost section holding the figure.
    pub section: Option<usize>,
}

/// One value of a canonical key indicator (see `indicators`).
///
/// Besides the number, a value says *what it counts*, read from its own sentence only, so
/// that a comparison sets it only beside values that count the same thing (see
/// `docs/comparison.md`): the scope of government it covers (`scope`), the count of the
/// subject it is (`measure`: received, accepted, handled…), the narrower kind of the subject
/// (`subgroup`), and whether it breaks down another count (`part_of`). A report has at most
/// one `headline` value per indicator: the total for its own scope, as a reader would quote it;
/// the others are breakdowns shown under it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    /// The value, 万/亿 folded.
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// Unit as in the figure.
    pub unit: String,
    /// What distinguishes this entry from others of the same id (level, scope), simplified.
    pub qualifier: String,
    /// The clause of the report the value comes from, as printed.
    pub evidence: String,
    /// Index into `Report::metrics` of the figure this value comes from.
    pub metric: Option<usize>,
    /// True when the report gives the value as approximate (余, 多, 约, 超, 近, 以上…).
    #[serde(default)]
    pub approx: bool,
    /// The figure as printed, with the words that make it approximate ("1000余件", "超98%").
    #[serde(default)]
    pub printed: String,
    /// The unit's class: units that count the same thing share one (件 for 件/宗/起, 场 for
    /// 场/场次, 人 for 人/名); every other unit is its own class. See [`unit_class`].
    #[serde(default)]
    pub unit_class: String,
    /// The scope of government the value covers, relative to the reporting body: "" for its
    /// own (全区, 区, 本级, or no level named), else "部门", "本级、部门", "各级", a higher
    /// level ("市", "省", "国家") or a lower one ("区县", "镇街", "村居").
    #[serde(default)]
    pub scope: String,
    /// Which count of the subject the value is, by the indicator's measures ("收到", "办理",
    /// "服务", "审查"…); "" when the sentence names none.
    #[serde(default)]
    pub measure: String,
    /// The narrower kind of the subject the value counts, as printed without its filler words
    /// ("人民" in 人民调解, "“法治进校园”讲座"); "" when the value counts the whole subject.
    #[serde(default)]
    pub subgroup: String,
    /// When the value breaks down another count of its sentence ("…提供法律服务5831次，其中
    /// …法治宣传438场"): that count's phrase; else "".
    #[serde(default)]
    pub part_of: String,
    /// True for the one value per indicator that stands for the report (see `docs/comparison.md`).
    #[serde(default)]
    pub headline: bool,
    /// The statement the value comes from (up to 。 or ；), as printed.
    #[serde(default)]
    pub sentence: String,
}

impl KeyValue {
    /// What the value counts, for people: scope, measure, subgroup and the count it breaks
    /// down, joined by " · " ("市 · 办理", "受理 · 援前"); "" for a plain own-scope value.
    pub fn counts(&self) -> String {
        counts_label(&self.scope, &self.measure, &self.subgroup, &self.part_of)
    }

    /// The unit class of the value: [`KeyValue::unit_class`] when set, else computed from the unit
    /// (values made by hand, or stored before the field existed).
    pub fn class(&self) -> String {
        if self.unit_class.is_empty() {
            unit_class(&self.unit)
        } else {
            self.unit_class.clone()
        }
    }
}

/// "scope · measure · subgroup · （part_of 中）", leaving out the empty parts.
pub(crate) fn counts_label(scope: &str, measure: &str, subgroup: &str, part_of: &str) -> String {
    let part = if part_of.is_empty() { String::new() } else { format!("{part_of}中") };
    [scope, measure, subgroup, part.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ")
}

/// Counting words that count the same thing, with the word their class is named by. 件, 宗 and
/// 起 all count cases or items; 场 and 场次 sessions; 人 and 名 persons. Every other unit is a
/// class of its own: 人次 (person-times) is not 人, 次 is not 场次, 项 is not 件, % is a rate.
const SAME_COUNT: [(&str, &str); 5] = [("宗", "件"), ("起", "件"), ("场次", "场"), ("名", "人"), ("％", "%")];

/// The class of a unit (simplified, trimmed). 件, 宗 and 起 are one class (件), so are 场 and
/// 场次 (场), 人 and 名 (人), % and ％ (%); every other unit is a class of its own (人次 is not
/// 人, 项 is not 件). Values are only set against each other when their classes are equal.
pub fn unit_class(unit: &str) -> String {
    let u = crate::script::simplify_str(unit.trim());
    SAME_COUNT.iter().find(|(word, _)| *word == u).map_or(u, |(_, class)| class.to_string())
}

/// Direction of a year-on-year statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 增长, 提高, 上升, 增加.
    Up,
    /// 下降, 减少, 压减, 降低.
    Down,
    /// 持平.
    Flat,
}

/// A year-on-year statement made in the text itself ("同比增长82.4%").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What changed, simplified script.
    pub indicator: String,
    /// Up, down or flat.
    pub direction: Direction,
    /// The stated amount of change (always non-negative; `direction` gives the sign).
    #[serde(serialize_with = "crate::format::json_number")]
    pub value: f64,
    /// "%", "个百分点" or a counting word.
    pub unit: String,
    /// The statement as printed.
    pub surface: String,
    /// Byte offset of `surface` in the decoded input.
    pub start: usize,
    /// End of `surface` in the decoded input.
    pub end: usize,
}

/// The outcome of a check: passed, failed, or cannot tell (the text lacks what the check
/// needs, e.g. a publication date).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckState {
    /// The report passes.
    Passed,
    /// The report fails.
    #[default]
    Failed,
    /// The report does not say enough to tell (`ok` is then false).
    Unknown,
}

impl CheckState {
    /// The stable id used in JSON ("passed", "failed", "unknown").
    pub fn id(self) -> &'static str {
        match self {
            CheckState::Passed => "passed",
            CheckState::Failed => "failed",
            CheckState::Unknown => "unknown",
        }
    }

    /// The mark shown for it: ✓, ✗ or ?.
    pub fn mark(self) -> &'static str {
        match self {
            CheckState::Passed => "✓",
            CheckState::Failed => "✗",
            CheckState::Unknown => "?",
        }
    }
}

/// The result of one completeness or quality check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable id ("part_problems", "published_on_time", …).
    pub id: String,
    /// Whether the report passes (false both when it fails and when it cannot be told).
    pub ok: bool,
    /// A human-readable explanation, in Chinese.
    pub detail: String,
    /// Passed, failed or cannot tell; agrees with `ok` (passed exactly when `ok`).
    #[serde(default)]
    pub state: CheckState,
}

impl Check {
    /// A check that passes or fails.
    pub fn new(id: &str, ok: bool, detail: String) -> Check {
        Check { id: id.to_string(), ok, detail, state: if ok { CheckState::Passed } else { CheckState::Failed } }
    }

    /// A check the report does not say enough to decide (`ok` false, state unknown).
    pub fn unknown(id: &str, detail: String) -> Check {
        Check { id: id.to_string(), ok: false, detail, state: CheckState::Unknown }
    }

    /// The outcome, consistent with `ok` even for a check stored before `state` existed.
    pub fn outcome(&self) -> CheckState {
        match (self.ok, self.state) {
            (true, _) => CheckState::Passed,
            (false, CheckState::Unknown) => CheckState::Unknown,
            (false, _) => CheckState::Failed,
        }
    }
}

/// Everything the analyser finds in one report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Where the text came from (a path, "-" for stdin, or a name given by the UI).
    pub source: String,
    /// Title, body, region, year, date, script.
    pub meta: Meta,
    /// Every heading, in document order.
    pub sections: Vec<Section>,
    /// Every figure, in document order.
    pub metrics: Vec<Figure>,
    /// Canonical indicator id → values stated for it.
    pub key_indicators: BTreeMap<String, Vec<KeyValue>>,
    /// Year-on-year statements in the text.
    pub changes: Vec<Change>,
    /// Completeness and quality checks.
    pub checks: Vec<Check>,
    /// Top-level parts by content, with or without headings.
    pub parts: Vec<Part>,
    /// Byte ranges of page chrome (breadcrumbs, share links…) found in the input.
    pub chrome: Vec<(usize, usize)>,
    /// Length in bytes of the decoded input the offsets point into.
    pub input_len: usize,
}
