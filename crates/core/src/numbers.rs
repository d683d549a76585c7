//! The number reader: Arabic and Chinese numerals, magnitudes (万/亿), approximation words.
//!
//! [`read_at`] reads one number at the very start of a piece of the normalised view (so digits
//! are already half-width and the script is Simplified). It knows nothing about units or about
//! whether a number is a figure; `figures` decides that. What it reads:
//!
//! - Arabic digits, with thousands separators ("1,119": groups of exactly three digits, so the
//!   list "3,4" stays two numbers), decimals ("99.4"), and a trailing 千 ("5千").
//! - Chinese numerals: "两", "十一", "一百零五", "三万五千", "一万五" (elided last digit),
//!   "三十六点九", positional runs ("二〇二三"), "十余", "三十几".
//! - 百分之…: a percentage ("百分之三十六点九" → 36.9, `percent`).
//! - Magnitudes 万/亿 (and 万亿) folded into the value: "5.34万" → 53400, "一千多万" → 1e7.
//! - 余/多/几 after the number or its magnitude ("60余", "3万多", "266余万") set `approx`.
//! - Ranges "3-5", "3~5", "三至五", "七八", "三四十": the value is the low end, `approx` is set,
//!   and the whole range is consumed so the high end is not read again as a number.
//!
//! Approximation words printed outside the number (超过 98%, 约 400 万元, 50% 以上) are found by
//! [`approx_before`] and [`approx_after`], because the figures' surfaces exclude them.

use crate::text::numerals;

/// A number read from the start of a string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The value with 万/亿 folded in; for a range, its low end.
    pub value: f64,
    /// Bytes consumed: from the first character to the last numeral, magnitude or 余/多.
    pub len: usize,
    /// True for 余/多/几 and for ranges.
    pub approx: bool,
    /// True when 万 or 亿 multiplied the value.
    pub folded: bool,
    /// True for "百分之…": the value is a percentage.
    pub percent: bool,
    /// True when written in Chinese numerals only (no Arabic digit).
    pub chinese: bool,
    /// True for a range ("3-5"); `value` is the first number.
    pub range: bool,
}

/// The largest value a report states as a figure (a thousand trillion): a number read above
/// it is a run of digits, not a count or an amount.
pub const MAX_PLAUSIBLE: f64 = 1e15;

impl Number {
    /// True when the value could be a figure: at most [`MAX_PLAUSIBLE`]. A number that is not
    /// is still read whole, so that a scanner can skip all of its digits at once.
    pub fn is_plausible(&self) -> bool {
        self.value.is_finite() && self.value <= MAX_PLAUSIBLE
    }
}

/// A decimal as mantissa × 10^exp: keeps "5.34万" exactly 53400 instead of 53400.000000000007.
#[derive(Clone, Copy, Debug, Default)]
struct Dec {
    mant: u64,
    exp: i32,
}

/// Mantissas stop growing here; further integer digits only raise the exponent.
const MANT_CAP: u64 = 100_000_000_000_000_000;

impl Dec {
    fn push_int_digit(&mut self, d: u64) {
        if self.mant < MANT_CAP {
            self.mant = self.mant * 10 + d;
        } else {
            self.exp = self.exp.saturating_add(1);
        }
    }

    fn push_frac_digit(&mut self, d: u64) {
        if self.mant < MANT_CAP {
            self.mant = self.mant * 10 + d;
            self.exp -= 1;
        }
    }

    fn times_pow10(self, k: i32) -> Dec {
        Dec { mant: self.mant, exp: self.exp.saturating_add(k) }
    }

    /// The value as a float; never infinite or NaN (a run of thousands of digits gives
    /// `f64::MAX`, which [`Number::is_plausible`] rejects).
    fn value(self) -> f64 {
        let m = self.mant as f64;
        // Dividing by an exact power of ten rounds once, so 9944e-2 prints as 99.44.
        let v = if self.exp >= 0 { m * 10f64.powi(self.exp) } else { m / 10f64.powi(self.exp.saturating_neg()) };
        if v.is_finite() {
            v
        } else if v.is_nan() {
            0.0
        } else {
            f64::MAX
        }
    }
}

/// The value of a Chinese digit of a count (see [`numerals::count_digit`]).
#[inline]
fn cn_digit(c: char) -> Option<u64> {
    numerals::count_digit(c).map(u64::from)
}

/// The multiplier of a Chinese unit character below 万.
fn cn_small_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// True for a character that can begin a number [`read_at`] accepts (digit, Chinese digit, 十,
/// 百 or 千); a cheap filter before calling it.
pub fn can_start(c: char) -> bool {
    c.is_ascii_digit() || numerals::starts_count(c)
}

/// Reads a number at the start of `s` (see the module docs). `None` when `s` does not start with
/// one, or starts with a lone magnitude ("万一", "千方百计", "几十").
pub fn read_at(s: &str) -> Option<Number> {
    // The first character decides before any string comparison: this runs for every digit.
    let percent = if s.starts_with('百') { s.strip_prefix("百分之") } else { None };
    if let Some(rest) = percent {
        // "百分之百": 百 alone is not otherwise a number (百姓).
        let mut n = match read_one(rest) {
            Some(n) => n,
            None if rest.starts_with('百') => Number {
                value: 100.0,
                len: '百'.len_utf8(),
                approx: false,
                folded: false,
                percent: true,
                chinese: true,
                range: false,
            },
            None => return None,
        };
        n.len += "百分之".len();
        n.percent = true;
        return Some(n);
    }
    let mut n = read_one(s)?;
    // A range: the low end is kept, the high end consumed ("3-5个", "三至五场").
    let rest = &s[n.len..];
    if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '~' | '〜' | '—' | '–' | '至' | '到')) {
        let after = &rest[sep.len_utf8()..];
        if let Some(hi) = read_one(after) {
            if hi.chinese == n.chinese && !hi.percent {
                n.len += sep.len_utf8() + hi.len;
                n.range = true;
                n.approx = true;
                n.folded |= hi.folded;
            }
        }
    }
    Some(n)
}

/// One number without a range.
fn read_one(s: &str) -> Option<Number> {
    let first = s.chars().next()?;
    let (mut dec, mut len, mut approx, chinese, ended_with_mag) = if first.is_ascii_digit() {
        let (dec, len) = read_arabic(s);
        (dec, len, false, false, false)
    } else {
        let c = read_chinese(s)?;
        (c.dec, c.len, c.approx, true, c.ended_with_mag)
    };
    let mut folded = ended_with_mag;

    // 余/多 before a magnitude ("26万余", "一千多万", "266余万"), the magnitude, 余/多 after it.
    let mut rest = &s[len..];
    if let Some(n) = approx_word(rest) {
        approx = true;
        len += n;
        rest = &s[len..];
    }
    if !ended_with_mag {
        let mut k = 0;
        let mut mag_len = 0;
        for c in rest.chars() {
            match c {
                '万' if k < 12 => k += 4,
                '亿' if k < 12 => k += 8,
                _ => break,
            }
            mag_len += c.len_utf8();
        }
        if k > 0 {
            dec = dec.times_pow10(k);
            folded = true;
            len += mag_len;
            if let Some(n) = approx_word(&s[len..]) {
                approx = true;
                len += n;
            }
        }
    }
    Some(Number { value: dec.value(), len, approx, folded, percent: false, chinese, range: false })
}

/// Length of 余 or 多 at the start of `s`.
fn approx_word(s: &str) -> Option<usize> {
    let c = s.chars().next()?;
    matches!(c, '余' | '多').then_some(c.len_utf8())
}

/// Arabic digits with thousands groups, a decimal part and an optional 千. `s` starts with a
/// digit.
fn read_arabic(s: &str) -> (Dec, usize) {
    let b = s.as_bytes();
    let mut dec = Dec::default();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        dec.push_int_digit(u64::from(b[i] - b'0'));
        i += 1;
    }
    // Thousands groups: only after a lead of one to three digits, each group exactly three
    // digits, so "3,4" or "12,3456" are not joined.
    if i <= 3 {
        while b.get(i) == Some(&b',')
            && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            for &d in &b[i + 1..i + 4] {
                dec.push_int_digit(u64::from(d - b'0'));
            }
            i += 4;
        }
    }
    let mut has_frac = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            dec.push_frac_digit(u64::from(b[i] - b'0'));
            i += 1;
        }
        has_frac = true;
    }
    // "5千余人": a Chinese thousand after a few Arabic digits.
    if !has_frac && i <= 3 && s[i..].starts_with('千') {
        dec = dec.times_pow10(3);
        i += '千'.len_utf8();
    }
    (dec, i)
}

/// The result of reading Chinese numerals.
struct Chinese {
    dec: Dec,
    len: usize,
    approx: bool,
    /// The last character consumed was 万 or 亿 (so a following magnitude is not folded again).
    ended_with_mag: bool,
}

/// Chinese numerals at the start of `s`.
fn read_chinese(s: &str) -> Option<Chinese> {
    let mut chars = s.char_indices().peekable();
    let &(_, first) = chars.peek()?;
    // 百/千 may open a number only as "百余", "千余", "百多" (not 百姓, 千方百计).
    if matches!(first, '百' | '千') {
        let next = s[first.len_utf8()..].chars().next();
        if !matches!(next, Some('余' | '多')) {
            return None;
        }
    } else if cn_digit(first).is_none() && first != '十' {
        return None;
    }

    let mut yi: u64 = 0; // completed groups of 亿, already multiplied
    let mut wan: u64 = 0; // completed group of 万 below 亿, already multiplied
    let mut sec: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_unit: u64 = 0; // multiplier of the last unit seen, for "三百五" = 350
    let mut zero = false; // a 零 seen since the last unit ("一百零五")
    let mut any_unit = false;
    let mut approx = false;
    let mut range = false;
    let mut positional: Option<u64> = None;
    let mut len = 0;
    let mut ended_with_mag = false;
    let mut frac: Option<Dec> = None;

    while let Some(&(i, c)) = chars.peek() {
        if let Some(d) = cn_digit(c) {
            if let Some(p) = positional.as_mut() {
                if c == '两' {
                    break;
                }
                *p = p.saturating_mul(10).saturating_add(d);
            } else if let Some(prev) = digit {
                if !any_unit && !range && d == prev + 1 && prev != 0 {
                    // 七八个, 三四十: a range, keep the low end.
                    range = true;
                    approx = true;
                } else if !any_unit && c != '两' && first != '两' {
                    // 二〇二三: digits read in place.
                    positional = Some(prev.saturating_mul(10).saturating_add(d));
                    digit = None;
                } else {
                    break;
                }
            } else if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
        } else if let Some(u) = cn_small_unit(c) {
            if positional.is_some() || (u > 10 && digit.is_none() && len > 0) {
                break;
            }
            sec = sec.saturating_add(digit.take().unwrap_or(1).saturating_mul(u));
            last_unit = u;
            zero = false;
            any_unit = true;
        } else if c == '万' || c == '亿' {
            if positional.is_some() || len == 0 {
                break;
            }
            let group = sec.saturating_add(digit.take().unwrap_or(0));
            if c == '万' {
                if group == 0 && wan == 0 {
                    break;
                }
                wan = wan.saturating_add(group.saturating_mul(10_000));
                last_unit = 10_000;
            } else {
                let total = yi.saturating_add(wan).saturating_add(group);
                if total == 0 {
                    break;
                }
                yi = total.saturating_mul(100_000_000);
                wan = 0;
                last_unit = 100_000_000;
            }
            sec = 0;
            zero = false;
            any_unit = true;
            chars.next();
            len = i + c.len_utf8();
            ended_with_mag = true;
            continue;
        } else if c == '几' {
            // 十几, 三十几: fuzzy last digit; 几 cannot open a number.
            if len == 0 || digit.is_some() || positional.is_some() || last_unit != 10 {
                break;
            }
            approx = true;
            chars.next();
            len = i + c.len_utf8();
            break;
        } else if c == '点' {
            // 三十六点九: a decimal part ends the number.
            let after = &s[i + c.len_utf8()..];
            if len == 0 || !after.chars().next().is_some_and(|c| cn_digit(c).is_some() && c != '两') {
                break;
            }
            let mut f = Dec::default();
            let mut flen = i + c.len_utf8();
            for c in after.chars() {
                match cn_digit(c) {
                    Some(d) if c != '两' => {
                        f.push_frac_digit(d);
                        flen += c.len_utf8();
                    }
                    _ => break,
                }
            }
            frac = Some(f);
            len = flen;
            ended_with_mag = false;
            break;
        } else {
            break;
        }
        chars.next();
        len = i + c.len_utf8();
        ended_with_mag = false;
    }
    if len == 0 {
        return None;
    }

    let int = if let Some(p) = positional {
        p
    } else {
        let tail = match digit {
            // 三百五 = 350, 一万五 = 15000; 一百零五 = 105.
            Some(d) if !zero && last_unit >= 100 => d.saturating_mul(last_unit / 10),
            Some(d) => d,
            None => 0,
        };
        yi.saturating_add(wan).saturating_add(sec).saturating_add(tail)
    };
    let dec = match frac {
        Some(f) => {
            let scale = 10u64.saturating_pow((-f.exp) as u32);
            Dec { mant: int.saturating_mul(scale).saturating_add(f.mant), exp: f.exp }
        }
        None => Dec { mant: int, exp: 0 },
    };
    Some(Chinese { dec, len, approx, ended_with_mag })
}

/// Words ending in 约/近/超 that are not approximations ("节约300万元", "就近3公里").
const NOT_APPROX: [&str; 16] = [
    "节约", "制约", "签约", "合约", "履约", "预约", "公约", "条约", "契约", "违约", "集约", "特约", "附近", "就近",
    "邻近", "赶超",
];

/// If `before` (the view text just before a number) ends with an approximation word ("超过",
/// "约", "近", "突破", "逾"…), its byte length; else 0. Words that merely end in such a character
/// ("节约", "就近") do not count.
pub fn approx_before(before: &str) -> usize {
    let Some(c) = before.chars().next_back() else {
        return 0;
    };
    let words: &[&str] = match c {
        '过' => &["超过"],
        '破' => &["突破"],
        '为' => &["约为"],
        '逾' => &["逾"],
        '近' | '约' | '超' => {
            if NOT_APPROX.iter().any(|w| before.ends_with(w)) {
                return 0;
            }
            &["将近", "接近", "大约", "近", "约", "超"]
        }
        _ => return 0,
    };
    words.iter().find(|w| before.ends_with(*w)).map_or(0, |w| w.len())
}

/// If `after` (the view text just after a figure's unit) starts with "以上" or "左右", its byte
/// length; else 0.
pub fn approx_after(after: &str) -> usize {
    ["以上", "左右"].iter().find(|w| after.starts_with(*w)).map_or(0, |w| w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (f64, &str, bool) {
        let n = read_at(s).unwrap_or_else(|| panic!("no number in {s:?}"));
        (n.value, &s[..n.len], n.approx)
    }

    #[test]
    fn arabic_digits_with_separators_and_decimals() {
        assert_eq!(read("852项"), (852.0, "852", false));
        assert_eq!(read("1,119宗"), (1119.0, "1,119", false));
        assert_eq!(read("12,345,678元"), (12_345_678.0, "12,345,678", false));
        assert_eq!(read("99.4%"), (99.4, "99.4", false));
        assert_eq!(read("48.84%"), (48.84, "48.84", false));
        // A list, not a thousands separator.
        assert_eq!(read("3,4类"), (3.0, "3", false));
        assert_eq!(read("3,4567"), (3.0, "3", false));
        assert_eq!(read("1234,567"), (1234.0, "1234", false));
        // A heading "1." is not a decimal.
        assert_eq!(read("1.加强"), (1.0, "1", false));
    }

    #[test]
    fn magnitudes_fold_exactly() {
        assert_eq!(read("5.34万批次"), (53_400.0, "5.34万", false));
        assert_eq!(read("9549.89万元"), (95_498_900.0, "9549.89万", false));
        assert_eq!(read("79.9亿条"), (7_990_000_000.0, "79.9亿", false));
        assert_eq!(read("610万人次"), (6_100_000.0, "610万", false));
        assert_eq!(read("1.2万亿元"), (1.2e12, "1.2万亿", false));
        assert_eq!(read("5千余人"), (5000.0, "5千余", true));
        let n = read_at("80万人次").unwrap();
        assert!(n.folded && !n.chinese);
    }

    #[test]
    fn approximate_suffixes() {
        assert_eq!(read("60余份"), (60.0, "60余", true));
        assert_eq!(read("3万多人"), (30_000.0, "3万多", true));
        assert_eq!(read("26万余元"), (260_000.0, "26万余", true));
        assert_eq!(read("266余万次"), (2_660_000.0, "266余万", true));
        assert_eq!(read("53.7万余件"), (537_000.0, "53.7万余", true));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(read("两项工作"), (2.0, "两", false));
        assert_eq!(read("三个项目"), (3.0, "三", false));
        assert_eq!(read("十余个"), (10.0, "十余", true));
        assert_eq!(read("十一个"), (11.0, "十一", false));
        assert_eq!(read("二十五人"), (25.0, "二十五", false));
        assert_eq!(read("二百余家"), (200.0, "二百余", true));
        assert_eq!(read("一百零五次"), (105.0, "一百零五", false));
        assert_eq!(read("三百五人"), (350.0, "三百五", false));
        assert_eq!(read("一千多万元"), (10_000_000.0, "一千多万", true));
        assert_eq!(read("三万五千人"), (35_000.0, "三万五千", false));
        assert_eq!(read("一万五人"), (15_000.0, "一万五", false));
        assert_eq!(read("三十几万人"), (300_000.0, "三十几万", true));
        assert_eq!(read("十几个"), (10.0, "十几", true));
        assert_eq!(read("百余家"), (100.0, "百余", true));
        assert_eq!(read("二〇二三年"), (2023.0, "二〇二三", false));
        assert_eq!(read("三点五万元"), (35_000.0, "三点五万", false));
        assert!(read_at("三个").unwrap().chinese);
    }

    #[test]
    fn percent_in_words() {
        let n = read_at("百分之三十六点九的").unwrap();
        assert_eq!((n.value, n.len, n.percent), (36.9, "百分之三十六点九".len(), true));
        let n = read_at("百分之百").unwrap();
        assert_eq!((n.value, n.percent), (100.0, true));
        let n = read_at("百分之85").unwrap();
        assert_eq!(n.value, 85.0);
    }

    #[test]
    fn ranges_keep_the_low_end() {
        let n = read_at("3-5个工作日").unwrap();
        assert_eq!((n.value, n.len, n.approx, n.range), (3.0, 3, true, true));
        let n = read_at("三至五场").unwrap();
        assert_eq!((n.value, n.len, n.range), (3.0, "三至五".len(), true));
        assert_eq!(read("七八个"), (7.0, "七八", true));
        assert_eq!(read("三四十人"), (30.0, "三四十", true));
        let n = read_at("3万-5万元").unwrap();
        assert_eq!((n.value, n.len), (30_000.0, "3万-5万".len()));
    }

    #[test]
    fn not_numbers() {
        for s in ["万一", "千方百计", "百姓", "几十个", "亿元", "点", "", "x1", "是"] {
            assert!(read_at(s).is_none(), "{s:?}");
        }
        // "十四五" reads as 14 (a range with 五); figures reject it for lack of a unit.
        assert_eq!(read("十分重要"), (10.0, "十", false));
    }

    #[test]
    fn approximation_words_around() {
        assert_eq!(approx_before("诉求办结率超"), "超".len());
        assert_eq!(approx_before("承接管理事权超过"), "超过".len());
        assert_eq!(approx_before("涉案金额约"), "约".len());
        assert_eq!(approx_before("市场主体突破"), "突破".len());
        assert_eq!(approx_before("节约"), 0);
        assert_eq!(approx_before("就近"), 0);
        assert_eq!(approx_before("共"), 0);
        assert_eq!(approx_after("以上的环节"), "以上".len());
        assert_eq!(approx_after("左右"), "左右".len());
        assert_eq!(approx_after("以下"), 0);
    }

    proptest::proptest! {
        #[test]
        fn consumes_whole_characters(s in "[0-9一二两三四五六七八九十百千万亿〇零余多几点分之至到,.~-]{0,24}x?") {
            if let Some(n) = read_at(&s) {
                proptest::prop_assert!(n.len > 0 && s.is_char_boundary(n.len));
                proptest::prop_assert!(n.value >= 0.0);
            }
        }
    }

    #[test]
    fn huge_numbers_stay_finite_and_are_implausible() {
        let digits = "9".repeat(5000);
        for s in [
            digits.clone(),
            format!("{digits}.{digits}"),
            format!("179769313486231570{}万亿", "0".repeat(291)),
            "9999999999999999999亿".into(),
            "九千九百九十九万九千九百九十九亿亿亿亿亿".into(),
            format!("0.{}1亿", "0".repeat(5000)),
        ] {
            let n = read_at(&s).unwrap_or_else(|| panic!("no number in {s:.20}"));
            assert!(n.value.is_finite(), "{s:.20}: {}", n.value);
        }
        assert!(!read_at(&digits).unwrap().is_plausible());
        assert_eq!(read_at(&digits).unwrap().len, 5000);
        assert!(read_at("1.2万亿").unwrap().is_plausible());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "9".repeat(60),
            "1,".into(),
            "1,23".into(),
            "1.".into(),
            "百分之".into(),
            "十点".into(),
            "一〇两".into(),
            "九亿亿亿亿亿亿".into(),
            "1万亿亿亿亿".into(),
            "十几几".into(),
            "二点两".into(),
        ] {
            let _ = read_at(&s);
        }
    }
}
