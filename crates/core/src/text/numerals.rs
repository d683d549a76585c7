//! Chinese numerals: the one place that knows which characters are digits and what the small
//! numbers of headings and dates are worth.
//!
//! Reports write numbers in three ways, and each has its own set of digits, named here:
//!
//! - **small numbers** (1 … 99) with 一 … 九 and 十: heading numbers ("十二、", "(二十一)",
//!   "第三部分") and the months and days of dates ("十二月二十日");
//! - **date digits**, read one by one: years ("二〇二三年"), with 〇, ○ or 零 for zero;
//! - **counts**, read by `numbers::read_at` with their units and magnitudes ("两万三千",
//!   "一百零五"): 两 is two there, and zero is 零 or 〇 (not ○, a circle, which only stands in
//!   for 〇 in dates).
//!
//! The regex classes below spell the same sets for the patterns that search for them; the tests
//! check that each class and its function agree.

/// The value of a digit 一 … 九 (no zero: every set below adds its own).
#[inline]
pub fn digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// True for a character of a small number (一 … 九 and 十), the numerals of heading numbers
/// and of months and days.
#[inline]
pub fn is_small_numeral(c: char) -> bool {
    c == '十' || digit(c).is_some()
}

/// [`is_small_numeral`] as a regex class.
pub const SMALL_NUMERAL_CLASS: &str = "[一二三四五六七八九十]";

/// Length in bytes of the run of small numerals at the start of `s`, counting at most three
/// (the longest small number, "二十一", has three).
#[inline]
pub fn small_run(s: &str) -> usize {
    s.chars().take(3).take_while(|&c| is_small_numeral(c)).map(char::len_utf8).sum()
}

/// The value of a whole small number, 1 ..= 99: "三", "十", "十二", "二十", "二十一". `None`
/// for anything else ("一二", "十十", "二十一万").
pub fn small_value(s: &str) -> Option<u32> {
    // At most three characters, without allocating: this runs for every heading marker.
    let mut it = s.chars();
    let mut cs = ['\0'; 3];
    let mut n = 0;
    for c in it.by_ref().take(3) {
        cs[n] = c;
        n += 1;
    }
    if it.next().is_some() {
        return None;
    }
    match &cs[..n] {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// `n` written as a small number ("十二", "二十一") when it is one (1 ..= 99), else in Arabic
/// digits: how a report would have printed a heading number, for messages about them.
pub fn small_name(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// The value of a date digit: 一 … 九, and 〇, ○ or 零 for zero ("二〇二三", "二○二三").
#[inline]
pub fn date_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' => Some(0),
        _ => digit(c),
    }
}

/// [`date_digit`] as a regex class.
pub const DATE_DIGIT_CLASS: &str = "[〇○零一二三四五六七八九]";

/// A date written out in Arabic digits or Chinese numerals ("2021年12月20日",
/// "二〇二一年十二月二十日"), spaces allowed around its parts, as a regex. With `groups`, its
/// groups 1, 2 and 3 are the year, month and day (read each with [`date_value`]); without, it
/// has none, which compiles to a smaller automaton for a search that only asks where a date is.
/// Digits are `[0-9]`, not `\d`: the view holds ASCII digits only, and the Unicode class
/// compiles to a far larger automaton.
pub fn written_date_pattern(groups: bool) -> String {
    let (y, n) = (DATE_DIGIT_CLASS, SMALL_NUMERAL_CLASS);
    let g = if groups { "(" } else { "(?:" };
    format!(
        r"{g}[0-9]{{4}}|{y}{{4}}) {{0,8}}年 {{0,8}}{g}[0-9]{{1,2}}|{n}{{1,3}}) {{0,8}}月 {{0,8}}{g}[0-9]{{1,2}}|{n}{{1,3}}) {{0,8}}日"
    )
}

/// The value of a year, month or day as [`written_date_pattern`] captures it: Arabic digits,
/// four date digits read in place ("二〇二一"), or a small number ("十二").
pub fn date_value(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut cs = s.chars();
    let year: [Option<char>; 4] = std::array::from_fn(|_| cs.next());
    if cs.next().is_none() && year.iter().all(Option::is_some) {
        return year.iter().flatten().try_fold(0u32, |acc, &c| Some(acc * 10 + date_digit(c)?));
    }
    small_value(s)
}

/// The value of a digit of a count: 一 … 九, 两 for two, and 零 or 〇 for zero.
#[inline]
pub fn count_digit(c: char) -> Option<u32> {
    match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => digit(c),
    }
}

/// True for a character that can open a count in Chinese numerals: a [`count_digit`], or the
/// unit 十, 百 or 千 ("十余", "百余").
#[inline]
pub fn starts_count(c: char) -> bool {
    count_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// The characters of [`starts_count`], for tables built at compile time.
pub const COUNT_STARTS: [char; 15] =
    ['〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千'];

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of a regex class "[…]".
    fn class(c: &str) -> Vec<char> {
        c.trim_start_matches('[').trim_end_matches(']').chars().collect()
    }

    /// Every char of the planes the reports use.
    fn all_chars() -> impl Iterator<Item = char> {
        (0..0x3_0000).filter_map(char::from_u32)
    }

    #[test]
    fn classes_and_tables_agree() {
        let small = class(SMALL_NUMERAL_CLASS);
        let date = class(DATE_DIGIT_CLASS);
        for c in all_chars() {
            assert_eq!(is_small_numeral(c), small.contains(&c), "{c}");
            assert_eq!(date_digit(c).is_some(), date.contains(&c), "{c}");
            assert_eq!(starts_count(c), COUNT_STARTS.contains(&c), "{c}");
        }
    }

    #[test]
    fn small_numbers_read_and_write_back() {
        for n in 1..=99 {
            let s = small_name(n);
            assert_eq!(small_value(&s), Some(n), "{s}");
            assert_eq!(small_run(&format!("{s}、")), s.len());
        }
        assert_eq!(small_value("一十"), Some(10));
        for s in ["", "零", "一二", "十十", "二十一万", "百", "两"] {
            assert_eq!(small_value(s), None, "{s}");
        }
        assert_eq!(small_name(100), "100");
        assert_eq!(small_run("一二三四"), "一二三".len());
    }

    #[test]
    fn dates_read_digit_by_digit_or_as_small_numbers() {
        let re = crate::pattern::Pattern::new(&written_date_pattern(true)).expect("valid regex");
        for (s, want) in [
            ("2021年12月20日", (2021, 12, 20)),
            ("二〇二一年十二月二十日", (2021, 12, 20)),
            ("二○二三 年 一 月 九 日", (2023, 1, 9)),
        ] {
            let c = re.captures(s).expect("a date");
            assert_eq!(
                (date_value(&c[1]), date_value(&c[2]), date_value(&c[3])),
                (Some(want.0), Some(want.1), Some(want.2)),
                "{s}"
            );
        }
        assert_eq!(date_value("二〇二"), None);
        assert_eq!(date_value(""), None);
    }
}
