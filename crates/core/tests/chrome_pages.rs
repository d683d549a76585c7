//! Pages as government sites print them: a breadcrumb, a page header and footer around a short
//! report, in every combination of the shapes seen in the wild (issue 21: a breadcrumb with a
//! two- or three-byte separator such as "»" or "》" aborted the analyser).
//!
//! Each page must analyse with every report invariant holding, its chrome must not swallow the
//! report's title, and the title must still be found. The text is made up here; the shapes
//! (prefixes, separators, header keys) are those real sites use.

use fazhi_lens::{analyze, invariants};

/// How a breadcrumb opens.
const PREFIXES: [&str; 7] = ["您的位置：", "当前位置：", "您现在的位置:", "当前位置 : ", "位置：", "首页", "您的位置>"];

/// What sits between crumbs: one to three bytes, with or without spaces around.
const SEPARATORS: [&str; 14] = [" » ", "»", " › ", ">", " > ", "＞", " → ", "/", " | ", "》", " · ", "—", ">>", "＞＞"];

/// What follows the last crumb on the same line (nothing, a title, a header run).
const TAILS: [&str; 7] = [
    "",
    " 某区人民政府2023年法治政府建设年度报告",
    "某区人民政府2023年法治政府建设年度报告",
    " 发布时间：2024-03-15 09:30:00 来源：区司法局",
    "发布日期:2024/3/15【字体：大 中 小】",
    " 索引号：11440300MB2C01234X/2024-00012 ",
    "正文",
];

/// The made-up report after the chrome.
const BODY: &str = "\
某区人民政府2023年法治政府建设年度报告
2023年，我区深入推进法治政府建设，现将有关情况报告如下。
一、主要举措和成效
（一）完善依法行政制度体系。全年制定行政规范性文件12件，备案审查率100%。
（二）推进严格规范公正文明执法。办理行政复议案件86件，同比增长15.2%。
二、存在的不足和原因
法治宣传的针对性有待加强。
三、党政主要负责人履行推进法治建设第一责任人职责情况
区政府常务会议学法4次。
四、2024年工作打算
持续推进法治政府建设。
某区人民政府
2024年3月20日
";

/// Every page: prefix × separator × tail, with the crumbs on one line, the body after it, and a
/// footer of share/print furniture; a second shape puts the header run on a line of its own.
fn pages() -> Vec<String> {
    let mut out = Vec::new();
    for prefix in PREFIXES {
        for sep in SEPARATORS {
            for tail in TAILS {
                let crumbs = format!("{prefix}首页{sep}政务公开{sep}法治政府建设{tail}");
                out.push(format!("{crumbs}\n{BODY}【打印本页】【关闭窗口】\n分享到：\n"));
            }
            // A breadcrumb that ends at its separator, then a header line, then the report
            // glued to the crumbs without a line break (line breaks lost in copying).
            out.push(format!("{prefix}首页{sep}政务公开{sep}\n发布时间：2024-03-15{sep}来源：区政府办\n{BODY}"));
            out.push(format!("{prefix}首页{sep}政务公开{sep}{}", BODY.replace('\n', " ")));
        }
    }
    out
}

#[test]
fn every_breadcrumb_page_analyses_with_its_invariants() {
    let pages = pages();
    assert!(pages.len() >= 490, "{} pages", pages.len());
    for page in &pages {
        let report = analyze(page);
        if let Err(v) = invariants::check(page, &report) {
            panic!("{v}\n--- page ---\n{page}");
        }
    }
}

#[test]
fn the_title_survives_its_breadcrumb() {
    for page in pages().iter().filter(|p| p.contains('\n') && !p.starts_with("位置")) {
        let report = analyze(page);
        let title = report.meta.title.as_deref().unwrap_or("");
        assert!(title.contains("法治政府建设年度报告"), "title {title:?} of\n{page}");
        assert!(report.sections.iter().any(|s| s.title.contains("主要举措")), "headings lost in\n{page}");
    }
}
