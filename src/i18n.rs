//! Every string the interface shows, in one table per language, and the two ways text is fitted
//! into it: [`fill`] and [`truncate_chars`]. Components get their table from [`use_strings`].
//!
//! Templates hold `{}` placeholders, filled in order by [`fill`]. Text produced by the analyser
//! itself (check details, indicator phrases) stays in Chinese whatever the language.

use fazhi_lens::PartKind;

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文 (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The string table of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The other language (what the toggle switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The code stored in browser storage and used for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language with this code, if known.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Fills the `{}` placeholders of `template` with `args`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// A value as the report prints it ("1000余件"), else its number and unit, with "≈" when it is
/// approximate: approximation always stays visible.
pub fn shown(printed: &str, approx: bool, value: f64, unit: &str) -> String {
    if !printed.is_empty() {
        return printed.to_string();
    }
    let n = fazhi_lens::format::number(value);
    if approx {
        ["≈", &n, unit].concat()
    } else {
        [n.as_str(), unit].concat()
    }
}

/// Whether `source` names the built-in demo report (in either language).
pub fn is_demo_source(source: &str) -> bool {
    source == ZH.demo_source || source == EN.demo_source
}

/// At most `n` chars of `s`, with "…" when cut.
pub fn truncate_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// What a value counts (see [`Strings::counts`]) as a `span.counts`, the report's own words in
/// it (a subgroup, the count it is part of, a qualifier) marked as Chinese, so that assistive
/// technology reads them as such in the English interface.
#[cfg(target_arch = "wasm32")]
pub fn counts_html(
    s: &Strings,
    scope: &str,
    measure: &str,
    subgroup: &str,
    part_of: &str,
    qualifier: &str,
) -> yew::Html {
    use yew::html;
    let words = s.counts(scope, measure, "", "");
    let (before, after) = s.part_of.split_once("{}").unwrap_or((s.part_of, ""));
    let qualifier = if words.is_empty() && subgroup.is_empty() && part_of.is_empty() { qualifier } else { "" };
    let sep = |first: bool| if first { "" } else { " · " };
    html! {
        <span class="counts">
            { &words }
            if !subgroup.is_empty() { { sep(words.is_empty()) }<span lang="zh-CN">{ subgroup }</span> }
            if !part_of.is_empty() {
                { sep(words.is_empty() && subgroup.is_empty()) }{ before }<span lang="zh-CN">{ part_of }</span>{ after }
            }
            if !qualifier.is_empty() { <span lang="zh-CN">{ qualifier }</span> }
        </span>
    }
}

/// The string table of the language in context (the `Lang` that `shell::app::App` provides).
#[cfg(target_arch = "wasm32")]
#[yew::functional::hook]
pub fn use_strings() -> &'static Strings {
    yew::functional::use_context::<Lang>().unwrap_or(Lang::Zh).strings()
}

/// All interface strings of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// Name of the language as shown on the toggle that switches *to* it.
    pub lang_name: &'static str,
    /// Accessible label of the language toggle.
    pub lang_toggle: &'static str,
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_report: &'static str,
    pub input_heading: &'static str,
    pub input_label: &'static str,
    pub input_placeholder: &'static str,
    pub input_help: &'static str,
    pub analyze: &'static str,
    pub open_file: &'static str,
    /// The button that picks a whole folder ("open many").
    pub open_folder: &'static str,
    /// While many files are analysed: {done}, {total}, {failures}.
    pub many_progress: &'static str,
    /// Appended to the progress line: {seconds left}.
    pub many_left: &'static str,
    /// After many files: {added}, {already in the library or twice}, {failures}.
    pub many_summary: &'static str,
    /// After a cancelled run: {files not analysed}.
    pub many_cancelled: &'static str,
    /// A file the analyser failed on.
    pub many_crashed: &'static str,
    /// Closes the summary of many files.
    pub many_close: &'static str,
    pub demo: &'static str,
    pub clear: &'static str,
    pub drop_here: &'static str,
    pub reading_file: &'static str,
    /// Shown while the text of a PDF is read: {file name}.
    pub reading_pdf: &'static str,
    /// A PDF without a text layer (a scan): OCR is needed.
    pub pdf_no_text: &'static str,
    /// A PDF that needs a password to open.
    pub pdf_password: &'static str,
    /// A PDF damaged beyond reading.
    pub pdf_damaged: &'static str,
    /// A PDF using a feature the reader lacks.
    pub pdf_unsupported: &'static str,
    /// The PDF reader failed on this file (a bug), or could not be loaded.
    pub pdf_failed: &'static str,
    pub err_empty: &'static str,
    pub err_read: &'static str,
    pub err_too_large: &'static str,
    pub pasted_source: &'static str,
    /// A long text held outside the paste area: {characters}, {size}.
    pub held_text: &'static str,
    pub held_edit: &'static str,
    pub demo_source: &'static str,
    pub start_hint: &'static str,
    pub no_title: &'static str,
    pub meta_body: &'static str,
    pub meta_region: &'static str,
    pub meta_year: &'static str,
    pub meta_published: &'static str,
    pub meta_script: &'static str,
    pub meta_source: &'static str,
    pub script_simplified: &'static str,
    pub script_traditional: &'static str,
    pub unknown: &'static str,
    pub export_label: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub print: &'static str,
    pub csv_stem_suffix: &'static str,
    pub outline_heading: &'static str,
    pub outline_empty: &'static str,
    pub outline_figures: &'static str,
    pub kind_measures: &'static str,
    pub kind_leaders: &'static str,
    pub kind_problems: &'static str,
    pub kind_plans: &'static str,
    pub kind_other: &'static str,
    pub figures_heading: &'static str,
    pub figures_summary: &'static str,
    pub figures_empty: &'static str,
    pub figures_hint: &'static str,
    pub col_indicator: &'static str,
    pub col_value: &'static str,
    pub col_unit: &'static str,
    pub col_approx: &'static str,
    pub col_section: &'static str,
    pub col_surface: &'static str,
    pub col_start: &'static str,
    pub col_end: &'static str,
    pub approx_mark: &'static str,
    pub sort_by: &'static str,
    pub filters_label: &'static str,
    pub filter_text: &'static str,
    pub filter_text_placeholder: &'static str,
    pub filter_unit: &'static str,
    pub filter_section: &'static str,
    pub filter_key: &'static str,
    pub filter_all: &'static str,
    pub filter_key_any: &'static str,
    pub key_heading: &'static str,
    pub key_empty: &'static str,
    pub key_show: &'static str,
    pub checks_heading: &'static str,
    pub checks_summary: &'static str,
    pub checks_empty: &'static str,
    pub check_pass: &'static str,
    pub check_fail: &'static str,
    /// A check the report does not say enough to decide.
    pub check_unknown: &'static str,
    /// An approximate value (余, 多, 约…), for screen readers and tooltips.
    pub approx_word: &'static str,
    /// The values under an indicator's headline.
    pub breakdown: &'static str,
    /// An indicator with no headline value (no total for the body's own level).
    pub no_headline: &'static str,
    /// A breakdown's part of another count: "{}中".
    pub part_of: &'static str,
    pub source_heading: &'static str,
    pub source_hint: &'static str,
    pub library_heading: &'static str,
    pub library_privacy: &'static str,
    pub library_empty: &'static str,
    /// While the stored list is read at start.
    pub library_loading: &'static str,
    /// Space used and left: "{} used, about {} left".
    pub library_space: &'static str,
    /// The browser granted persistent storage.
    pub library_persisted: &'static str,
    /// It did not (it may clear the library under storage pressure).
    pub library_not_persisted: &'static str,
    pub library_count: &'static str,
    pub library_open: &'static str,
    pub rename: &'static str,
    pub rename_label: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    pub undo: &'static str,
    pub export_library: &'static str,
    pub import_library: &'static str,
    pub library_file_stem: &'static str,
    /// Library table: lib_col_name.
    pub lib_col_name: &'static str,
    /// Library table: lib_col_body.
    pub lib_col_body: &'static str,
    /// Library table: lib_col_region.
    pub lib_col_region: &'static str,
    /// Library table: lib_col_level.
    pub lib_col_level: &'static str,
    /// Library table: lib_col_year.
    pub lib_col_year: &'static str,
    /// Library table: lib_col_published.
    pub lib_col_published: &'static str,
    /// Library table: lib_col_title.
    pub lib_col_title: &'static str,
    /// Library table: lib_col_figures.
    pub lib_col_figures: &'static str,
    /// Library table: lib_col_checks.
    pub lib_col_checks: &'static str,
    /// Library table: lib_col_pick.
    pub lib_col_pick: &'static str,
    /// Library table: lib_filter_text.
    pub lib_filter_text: &'static str,
    /// Library table: lib_filter_region.
    pub lib_filter_region: &'static str,
    /// Library table: lib_filter_year.
    pub lib_filter_year: &'static str,
    /// Library table: lib_filter_check.
    pub lib_filter_check: &'static str,
    /// Library table: lib_filter_all.
    pub lib_filter_all: &'static str,
    /// Library table: lib_filter_fails.
    pub lib_filter_fails: &'static str,
    /// Library table: lib_shown.
    pub lib_shown: &'static str,
    /// Library table: lib_table_hint.
    pub lib_table_hint: &'static str,
    /// Library table: lib_pick.
    pub lib_pick: &'static str,
    /// Library table: lib_compare_picked.
    pub lib_compare_picked: &'static str,
    /// Library table: lib_delete_picked.
    pub lib_delete_picked: &'static str,
    /// Library table: lib_clear_picks.
    pub lib_clear_picks: &'static str,
    /// Library table: lib_pick_shown.
    pub lib_pick_shown: &'static str,
    /// Library table: lib_review_picked.
    pub lib_review_picked: &'static str,
    /// Library table: lib_none_match.
    pub lib_none_match: &'static str,
    pub region_unknown: &'static str,
    pub year_unknown: &'static str,
    pub year_suffix: &'static str,
    pub notice_deleted: &'static str,
    pub notice_imported: &'static str,
    /// Another tab changed the library: entries before, entries now.
    pub notice_other_tab: &'static str,
    pub notice_import_invalid: &'static str,
    pub notice_import_newer: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_quota: &'static str,
    pub storage_failed: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_corrupt_no_backup: &'static str,
    /// A listed report's text is no longer stored.
    pub storage_text_missing: &'static str,
    pub footer_private: &'static str,
    pub version: &'static str,
    pub dev_build: &'static str,
    /// Accessible name of the analysis progress bar.
    pub analysing_label: &'static str,
    /// "Analysing {size}…".
    pub analysing: &'static str,
    /// Added when the analysis runs in the page itself (no worker).
    pub analysing_in_page: &'static str,
    /// "{seconds} s" elapsed.
    pub elapsed_seconds: &'static str,
    /// A size under 1 KB: "{count} bytes".
    pub size_bytes: &'static str,
    /// The analysis failed (a panic in the analyser); the text is kept.
    pub analysis_failed: &'static str,
    /// The analysis failed and left the page's analyser unusable: a reload is needed.
    pub analysis_broken: &'static str,
    pub try_again: &'static str,
    pub reload_page: &'static str,
    /// The text could not be kept for a reload (see `storage::save_draft`).
    pub reload_unsaved: &'static str,
    /// The switch between the report and the comparison.
    pub views_label: &'static str,
    /// The report view's name on that switch.
    pub view_report: &'static str,
    /// Keep the report on screen in the library (the demo is not kept unless asked).
    pub keep_report: &'static str,
    /// The report on screen is not in the library.
    pub not_kept: &'static str,
    /// The text does not look like a report on rule-of-law government.
    pub not_a_report: &'static str,
    /// Between a label and what it labels ("通过：", "passed: ").
    pub colon: &'static str,
    /// Between two parts of one phrase ("与2021年相比，增加").
    pub comma: &'static str,
    /// "{n} figures", singular then plural (see [`Strings::count`]).
    pub n_figures: [&'static str; 2],
    /// "{n} reports", singular then plural.
    pub n_reports: [&'static str; 2],
    /// "{n} regions", singular then plural.
    pub n_regions: [&'static str; 2],
    /// The comparison view's strings.
    pub compare: &'static CompareStrings,
    /// The review of a set and the report's last-year comparison.
    pub review: &'static ReviewStrings,
}

/// 简体中文.
pub static ZH: Strings = Strings {
    lang_name: "中文",
    lang_toggle: "切换界面语言",
    app_name: "法治透镜",
    app_tagline: "法治政府建设年度报告分析",
    skip_to_report: "跳到分析结果",
    input_heading: "输入报告",
    input_label: "报告全文（可粘贴，也可以把文件拖放到这里）",
    input_placeholder: "在此粘贴报告全文，例如“某某区人民政府2024年法治政府建设年度报告……”",
    input_help:
        "支持 .txt（UTF-8、GBK、Big5、UTF-16 编码）、.html 网页和 .docx 文档。报告只在本机浏览器中分析，不会上传。",
    analyze: "分析",
    open_file: "打开文件…",
    open_folder: "打开文件夹…",
    many_progress: "正在分析 {} / {} 份，{} 份无法读取",
    many_left: "，约剩 {} 秒",
    many_summary: "已加入 {} 份报告（{} 份与库中已有的相同，未重复保存），{} 份无法读取。报告都在库里，可从库中打开。",
    many_cancelled: "已取消：{} 份未分析，已分析的都已保存。",
    many_crashed: "分析这份文件时出错",
    many_close: "关闭",
    demo: "载入示例报告",
    clear: "清空",
    drop_here: "松开鼠标以打开文件",
    reading_file: "正在读取 {}…",
    reading_pdf: "正在从 PDF 中提取文字：{}…",
    pdf_no_text:
        "这份 PDF 没有文字层（可能是扫描件），无法直接分析；请先进行文字识别 (OCR)，再打开识别后的文件或粘贴文字。",
    pdf_password: "这份 PDF 需要密码才能打开。请在 PDF 阅读器中输入密码，另存为不加密的 PDF 或复制文字后粘贴。",
    pdf_damaged: "PDF 文件已损坏或不完整，无法读取。请重新下载或向发布单位索取完整文件。",
    pdf_unsupported: "这份 PDF 使用了暂不支持的功能，无法提取文字。请在 PDF 阅读器中复制文字后粘贴。",
    pdf_failed: "读取这份 PDF 时出错。请在 PDF 阅读器中复制文字后粘贴。",
    err_empty: "请先粘贴报告全文，或打开一个文件。",
    err_read: "无法读取文件 {}：{}",
    err_too_large: "文件太大（超过 {} MB），请只粘贴报告正文。",
    pasted_source: "粘贴的文本",
    held_text: "已载入一篇很长的文本（{} 个字符，{}）。为保持页面流畅，它没有放进编辑框，可直接点击“分析”。",
    held_edit: "在编辑框中显示（可能较慢）",
    demo_source: "示例报告",
    start_hint: "粘贴一份法治政府建设年度报告并点击“分析”，或点击“载入示例报告”先看看效果。",
    no_title: "（无标题）",
    meta_body: "发布机关",
    meta_region: "地区",
    meta_year: "报告年度",
    meta_published: "发布日期",
    meta_script: "字体",
    meta_source: "来源",
    script_simplified: "简体",
    script_traditional: "繁体",
    unknown: "未注明",
    export_label: "导出",
    export_csv: "导出数据（CSV）",
    export_json: "导出报告（JSON）",
    print: "打印",
    csv_stem_suffix: "数据",
    outline_heading: "目录",
    outline_empty: "未识别到章节标题。",
    outline_figures: "{}",
    kind_measures: "成效",
    kind_leaders: "第一责任人",
    kind_problems: "不足",
    kind_plans: "下一年安排",
    kind_other: "其他",
    figures_heading: "数据",
    figures_summary: "共 {}，符合条件 {} 项",
    figures_empty: "没有符合条件的数据。",
    figures_hint: "点击一行或按回车键，可在原文中标出所在句子。",
    col_indicator: "指标",
    col_value: "数值",
    col_unit: "单位",
    col_approx: "约数",
    col_section: "所在章节",
    col_surface: "原文",
    col_start: "起始位置",
    col_end: "结束位置",
    approx_mark: "约",
    sort_by: "按{}排序",
    filters_label: "筛选数据",
    filter_text: "搜索",
    filter_text_placeholder: "指标或原文",
    filter_unit: "单位",
    filter_section: "章节",
    filter_key: "关键指标",
    filter_all: "全部",
    filter_key_any: "仅关键指标",
    key_heading: "关键指标",
    key_empty: "未发现关键指标。",
    key_show: "在原文中标出：{}",
    checks_heading: "检查",
    checks_summary: "通过 {} 项，共 {} 项",
    checks_empty: "没有检查结果。",
    check_pass: "通过",
    check_fail: "未通过",
    check_unknown: "无法判断",
    approx_word: "约数",
    breakdown: "细分",
    no_headline: "无总数",
    part_of: "{}中",
    source_heading: "原文",
    source_hint: "报告原文（纯文本显示）",
    library_heading: "报告库",
    library_privacy: "分析过的报告会自动保存在本浏览器中，不会上传。",
    library_empty: "报告库还是空的。",
    library_loading: "正在读取报告库…",
    library_space: "报告库已用 {}，还可使用约 {}。",
    library_persisted: "浏览器已同意长期保存，空间紧张时也不会自动清除。",
    library_not_persisted: "浏览器在空间紧张时可能清除这些数据，请定期导出报告库。",
    library_count: "共 {}",
    library_open: "打开",
    rename: "重命名",
    rename_label: "新名称",
    save: "保存",
    cancel: "取消",
    delete: "删除",
    undo: "撤销",
    export_library: "导出报告库",
    import_library: "导入报告库…",
    library_file_stem: "法治透镜报告库",
    lib_col_name: "名称",
    lib_col_body: "发布机关",
    lib_col_region: "地区",
    lib_col_level: "层级",
    lib_col_year: "年度",
    lib_col_published: "发布日期",
    lib_col_title: "标题",
    lib_col_figures: "数据",
    lib_col_checks: "检查通过",
    lib_col_pick: "选择",
    lib_filter_text: "查找名称、机关、标题、地区",
    lib_filter_region: "地区",
    lib_filter_year: "年度",
    lib_filter_check: "检查",
    lib_filter_all: "全部",
    lib_filter_fails: "未通过“{}”",
    lib_shown: "显示 {} 份，共 {} 份；已选 {} 份",
    lib_table_hint: "方向键移动，空格选择或取消，回车打开；点表头排序。",
    lib_pick: "选择 {}",
    lib_compare_picked: "比较所选",
    lib_delete_picked: "删除所选",
    lib_clear_picks: "取消全部选择",
    lib_pick_shown: "选择显示的全部",
    lib_review_picked: "总览所选",
    lib_none_match: "没有符合条件的报告。",
    region_unknown: "地区不详",
    year_unknown: "年份不详",
    year_suffix: "{}年",
    notice_deleted: "已删除“{}”。",
    notice_imported: "已导入 {}，跳过 {} 份（重复或无法读取）。",
    notice_other_tab: "另一个标签页修改了报告库，已同步（{} 份 → {} 份），没有丢失任何报告。",
    notice_import_invalid: "无法导入：这不是法治透镜的报告库文件（{}）。",
    notice_import_newer: "无法导入：报告库文件来自更新的版本（第 {} 版）。",
    storage_unavailable:
        "浏览器存储不可用（可能处于隐私模式或已被禁用），报告库只在本页打开期间有效。请用“导出报告库”保存。",
    storage_quota: "浏览器存储空间已满（或浏览器拒绝提供更多空间），这次的更改未能存入报告库。页面上的报告不受影响，已保存的报告一份未少；请先导出报告库，再删除部分报告或腾出磁盘空间。",
    storage_failed: "报告库未能保存（{}）。页面上的报告不受影响。",
    storage_corrupt: "已保存的报告库数据无法完整读取。原始数据已原样另存在浏览器存储的“{}”中，没有删除。",
    storage_corrupt_no_backup: "旧版报告库数据无法完整读取，也无法另存备份，因此原样留在浏览器存储中，没有删除。",
    storage_text_missing: "这份报告的正文已不在报告库中（可能刚在另一个标签页中删除）。",
    footer_private: "所有分析都在本机浏览器中完成，不联网、不上传。",
    version: "fazhi-lens {} · 构建于 {}",
    dev_build: "开发版",
    analysing_label: "分析进度",
    analysing: "正在分析 {} 的文本…",
    analysing_in_page: "（在本页中分析，页面可能暂时无响应）",
    elapsed_seconds: "已用 {} 秒",
    size_bytes: "{} 字节",
    analysis_failed: "分析出错（分析器内部错误），没有得到结果。你的文本仍然保留，可以再试一次。",
    analysis_broken: "分析出错，本页的分析器已无法使用，需要重新载入页面。你的文本会保留在输入框中。",
    try_again: "再试一次",
    reload_page: "重新载入页面",
    reload_unsaved: "无法为重新载入保存你的文本：请先复制文本，再手动重新载入页面。",
    views_label: "查看",
    view_report: "分析结果",
    keep_report: "保存到报告库",
    not_kept: "这份报告没有保存在报告库中，不会出现在比较中。",
    not_a_report: "这段文字看起来不像法治政府建设年度报告：没有报告标题，也没有“主要举措和成效”“存在的不足”“下一年度安排”等部分。下面仍然列出找到的内容。",
    colon: "：",
    comma: "，",
    n_figures: ["{} 项数据", "{} 项数据"],
    n_reports: ["{} 份报告", "{} 份报告"],
    n_regions: ["{} 个地区", "{} 个地区"],
    compare: &COMPARE_ZH,
    review: &REVIEW_ZH,
};

/// English.
pub static EN: Strings = Strings {
    lang_name: "English",
    lang_toggle: "Switch interface language",
    app_name: "Fazhi Lens",
    app_tagline: "Rule-of-law government annual report analyser",
    skip_to_report: "Skip to the analysis",
    input_heading: "Report input",
    input_label: "Full report text (paste it, or drop a file here)",
    input_placeholder: "Paste the full report text here…",
    input_help: ".txt (UTF-8, GBK, Big5, UTF-16), saved .html pages and .docx documents. Reports are analysed in this browser only and never uploaded.",
    analyze: "Analyse",
    open_file: "Open file…",
    open_folder: "Open folder…",
    many_progress: "Analysing {} / {} files, {} unreadable",
    many_left: ", about {} s left",
    many_summary: "Added {} reports ({} were already in the library and are kept once), {} could not be read. Open them from the library.",
    many_cancelled: "Cancelled: {} files were not analysed; those analysed are saved.",
    many_crashed: "Analysing this file failed",
    many_close: "Close",
    demo: "Load demo report",
    clear: "Clear",
    drop_here: "Drop to open the file",
    reading_file: "Reading {}…",
    reading_pdf: "Extracting the text of the PDF {}…",
    pdf_no_text: "This PDF has no text layer (it is probably a scan), so it cannot be analysed as it is; run text recognition (OCR) first, then open the result or paste its text.",
    pdf_password: "This PDF needs a password to open. Enter it in a PDF reader and save an unencrypted copy, or copy the text and paste it.",
    pdf_damaged: "The PDF file is damaged or incomplete and cannot be read. Download it again or ask the publisher for a complete file.",
    pdf_unsupported: "This PDF uses a feature that is not supported, so its text cannot be extracted. Copy the text in a PDF reader and paste it.",
    pdf_failed: "Reading this PDF failed. Copy the text in a PDF reader and paste it.",
    err_empty: "Paste a report first, or open a file.",
    err_read: "Cannot read file {}: {}",
    err_too_large: "The file is too large (over {} MB); paste the report text only.",
    pasted_source: "pasted text",
    held_text: "A very long text is loaded ({} characters, {}). To keep the page responsive it is not shown in the edit box; press “Analyse” to analyse it.",
    held_edit: "Show it in the edit box (may be slow)",
    demo_source: "demo report",
    start_hint: "Paste a rule-of-law government annual report and choose “Analyse”, or load the demo report to see how it works.",
    no_title: "(untitled)",
    meta_body: "Issued by",
    meta_region: "Region",
    meta_year: "Year",
    meta_published: "Published",
    meta_script: "Script",
    meta_source: "Source",
    script_simplified: "Simplified",
    script_traditional: "Traditional",
    unknown: "not stated",
    export_label: "Export",
    export_csv: "Export figures (CSV)",
    export_json: "Export report (JSON)",
    print: "Print",
    csv_stem_suffix: "figures",
    outline_heading: "Outline",
    outline_empty: "No headings found.",
    outline_figures: "{}",
    kind_measures: "Results",
    kind_leaders: "Leaders",
    kind_problems: "Problems",
    kind_plans: "Next year",
    kind_other: "Other",
    figures_heading: "Figures",
    figures_summary: "{}, {} match",
    figures_empty: "No figures match.",
    figures_hint: "Click a row or press Enter to mark its sentence in the text.",
    col_indicator: "Indicator",
    col_value: "Value",
    col_unit: "Unit",
    col_approx: "Approx.",
    col_section: "Section",
    col_surface: "As printed",
    col_start: "Start",
    col_end: "End",
    approx_mark: "≈",
    sort_by: "Sort by {}",
    filters_label: "Filter figures",
    filter_text: "Search",
    filter_text_placeholder: "indicator or text",
    filter_unit: "Unit",
    filter_section: "Section",
    filter_key: "Key indicator",
    filter_all: "All",
    filter_key_any: "Key indicators only",
    key_heading: "Key indicators",
    key_empty: "No key indicators found.",
    key_show: "Mark in text: {}",
    checks_heading: "Checks",
    checks_summary: "{} of {} passed",
    checks_empty: "No checks.",
    check_pass: "passed",
    check_fail: "failed",
    check_unknown: "cannot tell",
    approx_word: "approximate",
    breakdown: "breakdown",
    no_headline: "no total",
    part_of: "part of {}",
    source_heading: "Text",
    source_hint: "Report text (shown as plain text)",
    library_heading: "Library",
    library_privacy: "Analysed reports are kept in this browser automatically and never uploaded.",
    library_empty: "The library is empty.",
    library_loading: "Reading the library…",
    library_space: "The library uses {}; about {} more is available.",
    library_persisted: "The browser agreed to keep it: it will not be cleared when space runs low.",
    library_not_persisted: "The browser may clear it when space runs low; export the library now and then.",
    library_count: "{}",
    library_open: "Open",
    rename: "Rename",
    rename_label: "New name",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    undo: "Undo",
    export_library: "Export library",
    import_library: "Import library…",
    library_file_stem: "fazhi-lens-library",
    lib_col_name: "Name",
    lib_col_body: "Body",
    lib_col_region: "Region",
    lib_col_level: "Level",
    lib_col_year: "Year",
    lib_col_published: "Published",
    lib_col_title: "Title",
    lib_col_figures: "Figures",
    lib_col_checks: "Checks passed",
    lib_col_pick: "Pick",
    lib_filter_text: "Find in name, body, title, region",
    lib_filter_region: "Region",
    lib_filter_year: "Year",
    lib_filter_check: "Check",
    lib_filter_all: "All",
    lib_filter_fails: "fails “{}”",
    lib_shown: "Showing {} of {}; {} picked",
    lib_table_hint: "Arrow keys move, Space picks or unpicks, Enter opens; click a header to sort.",
    lib_pick: "Pick {}",
    lib_compare_picked: "Compare picked",
    lib_delete_picked: "Delete picked",
    lib_clear_picks: "Clear picks",
    lib_pick_shown: "Pick all shown",
    lib_review_picked: "Review picked",
    lib_none_match: "No report matches.",
    region_unknown: "region unknown",
    year_unknown: "year unknown",
    year_suffix: "{}",
    notice_deleted: "Deleted “{}”.",
    notice_imported: "Imported {}, skipped {} (duplicates or unreadable).",
    notice_other_tab: "Another tab changed the library; synchronised ({} → {} reports), nothing lost.",
    notice_import_invalid: "Cannot import: not a Fazhi Lens library file ({}).",
    notice_import_newer: "Cannot import: the library file comes from a newer version (version {}).",
    storage_unavailable: "Browser storage is unavailable (private mode or disabled); the library lasts only while this page is open. Use “Export library” to keep it.",
    storage_quota: "Browser storage is full (or the browser refused more space); this change was not saved to the library. The report on screen is unaffected and no stored report was lost; export the library, then delete some reports or free disk space.",
    storage_failed: "The library was not saved ({}). The report on screen is unaffected.",
    storage_corrupt: "The stored library could not be read in full. The raw data was kept unchanged in browser storage under “{}”.",
    storage_corrupt_no_backup: "The old stored library cannot be read in full and could not be backed up, so it was left unchanged in browser storage.",
    storage_text_missing: "This report's text is no longer in the library (perhaps just deleted in another tab).",
    footer_private: "All analysis runs in this browser; nothing goes over the network.",
    version: "fazhi-lens {} · built {}",
    dev_build: "development build",
    analysing_label: "Analysis progress",
    analysing: "Analysing {} of text…",
    analysing_in_page: "(running in this page, which may not respond for a moment)",
    elapsed_seconds: "{} s",
    size_bytes: "{} bytes",
    analysis_failed: "The analysis failed (an internal error of the analyser). Your text is kept; you can try again.",
    analysis_broken: "The analysis failed and left this page's analyser unusable: reload the page. Your text is kept in the input box.",
    try_again: "Try again",
    reload_page: "Reload the page",
    reload_unsaved: "Your text could not be kept for a reload: copy it first, then reload the page yourself.",
    views_label: "View",
    view_report: "Report",
    keep_report: "Save to library",
    not_kept: "This report is not saved in the library and takes no part in comparisons.",
    not_a_report: "This text does not look like a rule-of-law government annual report: it has no report title and none of the parts such a report has (measures and results, shortcomings, plans for next year). What was found is still listed below.",
    colon: ": ",
    comma: ", ",
    n_figures: ["{} figure", "{} figures"],
    n_reports: ["{} report", "{} reports"],
    n_regions: ["{} region", "{} regions"],
    compare: &COMPARE_EN,
    review: &REVIEW_EN,
};

impl Strings {
    /// `n` things in this table's words: `forms` is singular then plural ("1 figure", "2
    /// figures"); Chinese has one form.
    pub fn count(&self, forms: [&str; 2], n: usize) -> String {
        fill(forms[usize::from(n != 1)], &[&n.to_string()])
    }

    /// Where a text came from, in this table's language: the paste area and the demo are stored
    /// under the name of the language they were made in; a file keeps its name.
    pub fn source_name<'a>(&self, source: &'a str) -> &'a str {
        if source == ZH.pasted_source || source == EN.pasted_source {
            self.pasted_source
        } else if is_demo_source(source) {
            self.demo_source
        } else {
            source
        }
    }

    /// A check's explanation: the core's own (Chinese) detail in Chinese; in English the
    /// check's label, since the detail is not translated.
    pub fn check_detail<'a>(&self, id: &'a str, detail: &'a str) -> &'a str {
        if std::ptr::eq(self, &EN) {
            self.check_label(id)
        } else {
            detail
        }
    }
    /// The short label of a part kind (成效 / 第一责任人 / 不足 / 下一年安排 / 其他).
    pub fn kind(&self, kind: PartKind) -> &'static str {
        match kind {
            PartKind::Measures => self.kind_measures,
            PartKind::Leaders => self.kind_leaders,
            PartKind::Problems => self.kind_problems,
            PartKind::Plans => self.kind_plans,
            PartKind::Other => self.kind_other,
        }
    }

    /// The label of key indicator `id`: the core's Chinese one (`fazhi_lens::catalog`), or
    /// [`KEY_EN`]'s in English; the id itself when unknown.
    pub fn key_label<'a>(&self, id: &'a str) -> &'a str {
        self.label(id, &KEY_EN, fazhi_lens::catalog::indicator_label)
    }

    /// CSS class, mark and word of a check's outcome (the single report's and the comparison's).
    pub fn outcome(&self, state: fazhi_lens::CheckState) -> (&'static str, &'static str, &'static str) {
        match state {
            fazhi_lens::CheckState::Passed => ("pass", "✓", self.check_pass),
            fazhi_lens::CheckState::Failed => ("fail", "✗", self.check_fail),
            fazhi_lens::CheckState::Unknown => ("unknown", "?", self.check_unknown),
        }
    }

    /// A scope or measure word of the core ("市", "办理") in this table's language.
    pub fn term<'a>(&self, word: &'a str) -> &'a str {
        self.label(word, &TERMS_EN, |_| None)
    }

    /// What a value counts beside its label, as the core's `KeyValue::counts` ("市 · 办理"),
    /// with scope and measure words in this table's language.
    pub fn counts(&self, scope: &str, measure: &str, subgroup: &str, part_of: &str) -> String {
        let part = if part_of.is_empty() { String::new() } else { fill(self.part_of, &[part_of]) };
        let parts = [self.term(scope), self.term(measure), subgroup, &part];
        parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" · ")
    }

    /// The label of a body's level by the core's id (`panel::Level::id`): Chinese as the core
    /// names it, or English; the id itself when unknown.
    pub fn level_label<'a>(&self, id: &'a str) -> &'a str {
        let row = LEVELS.iter().find(|(k, _, _)| *k == id);
        match row {
            Some((_, zh, en)) => {
                if std::ptr::eq(self, &EN) {
                    en
                } else {
                    zh
                }
            }
            None => id,
        }
    }

    /// The label of check `id`: the core's Chinese one, or [`CHECK_EN`]'s in English; the id
    /// itself when unknown.
    pub fn check_label<'a>(&self, id: &'a str) -> &'a str {
        self.label(id, &CHECK_EN, fazhi_lens::catalog::check_label)
    }

    /// The label of `id` in this table's language: from `english` in English, else (or when
    /// `english` lacks it) the core's.
    fn label<'a>(
        &self,
        id: &'a str,
        english: &[(&str, &'static str)],
        core: fn(&str) -> Option<&'static str>,
    ) -> &'a str {
        let in_english = || english.iter().find(|(k, _)| *k == id).map(|(_, label)| *label);
        let en = if std::ptr::eq(self, &EN) { in_english() } else { None };
        en.or_else(|| core(id)).unwrap_or(id)
    }
}

/// The English labels of the core's key indicators, by id (the ids, their order and the Chinese
/// labels are the core's: `fazhi_lens::catalog::indicators`).
pub const KEY_EN: [(&str, &str); 27] = [
    ("reconsideration_received", "Reconsideration applications received"),
    ("reconsideration_accepted", "Reconsideration applications accepted"),
    ("reconsideration_concluded", "Reconsideration cases concluded"),
    ("reconsideration_correction_rate", "Reconsideration correction rate"),
    ("litigation_cases", "Administrative litigation cases"),
    ("litigation_concluded", "Litigation cases concluded"),
    ("litigation_lost", "Litigation cases lost"),
    ("leader_court_appearance", "Leaders appearing in court"),
    ("normative_docs_issued", "Normative documents issued"),
    ("normative_docs_abolished", "Normative documents abolished"),
    ("major_decisions", "Major administrative decisions"),
    ("legality_reviews", "Legality reviews"),
    ("legal_advisers_services", "Legal adviser services"),
    ("enforcement_files_reviewed", "Enforcement files reviewed"),
    ("enforcement_training", "Enforcement staff training"),
    ("enforcement_certificates", "Enforcement certificates"),
    ("legal_publicity_events", "Legal publicity events"),
    ("legal_aid_cases", "Legal aid cases"),
    ("mediation_cases", "Mediation cases"),
    ("mediation_success_rate", "Mediation success rate"),
    ("npc_suggestions", "NPC deputies' suggestions"),
    ("cppcc_proposals", "CPPCC proposals"),
    ("info_disclosure_requests", "Information disclosure requests"),
    ("audit_projects", "Audit projects"),
    ("gov_services_online", "Government services online"),
    ("public_interest_litigation", "Public interest litigation"),
    ("emergency_drills", "Emergency drills"),
];

/// The scope and measure words of the core (`docs/comparison.md`), in English.
pub const TERMS_EN: [(&str, &str); 39] = [
    ("部门", "departments"),
    ("本级、部门", "own level and departments"),
    ("各级", "all levels"),
    ("国家", "national"),
    ("省", "province"),
    ("市", "city"),
    ("区县", "districts"),
    ("镇街", "towns"),
    ("村居", "villages"),
    ("收到", "received"),
    ("收案", "filed"),
    ("办理", "handled"),
    ("办结", "concluded"),
    ("受理", "accepted"),
    ("立案", "registered"),
    ("服务", "services"),
    ("咨询", "consultations"),
    ("列席", "meetings attended"),
    ("审查", "reviews"),
    ("审议", "deliberations"),
    ("意见", "opinions"),
    ("论证", "assessments"),
    ("代理", "representation"),
    ("参与", "participation"),
    ("废止", "abolished"),
    ("失效", "invalidated"),
    ("制定", "drafted"),
    ("公布", "published"),
    ("评查", "inspected"),
    ("换发", "renewed"),
    ("答复", "answered"),
    ("报告", "reported"),
    ("抽取", "sampled"),
    ("新办", "new"),
    ("网办", "online"),
    ("通办", "cross-region"),
    ("不见面", "contactless"),
    ("起诉", "sued"),
    ("项目", "projects"),
];

/// The levels of a reporting body (`fazhi_lens::panel::Level`): id, Chinese (the core's
/// `Level::label`), English.
pub const LEVELS: [(&str, &str, &str); 7] = [
    ("ministry", "部委", "ministry"),
    ("province", "省级", "province"),
    ("city", "市级", "city"),
    ("district", "区级", "district"),
    ("county", "县级", "county"),
    ("department", "部门", "department"),
    ("subdistrict", "街道乡镇", "subdistrict / town"),
];

/// The English labels of the core's checks, by id (`fazhi_lens::catalog::CHECKS`).
pub const CHECK_EN: [(&str, &str); 11] = [
    ("part_measures", "Measures and results"),
    ("part_problems", "Shortcomings and causes"),
    ("part_leaders", "Leaders' duty as first responsible person"),
    ("part_plans", "Plans for next year"),
    ("part_other", "Other matters"),
    ("published_on_time", "Published by 1 April"),
    ("title_standard", "Standard title"),
    ("data_density", "Enough hard data"),
    ("problems_with_causes", "Problems with causes"),
    ("problems_with_remedies", "Problems with remedies"),
    ("headings_consistent", "Consistent headings"),
];

// ---- Comparison view (compare/) ------------------------------------------------------------

/// The strings of the comparison view.
#[derive(Debug, PartialEq, Eq)]
pub struct CompareStrings {
    pub heading: &'static str,
    pub help: &'static str,
    pub picker_legend: &'static str,
    pub select_all: &'static str,
    pub select_none: &'static str,
    pub need_two_library: &'static str,
    pub need_two_selected: &'static str,
    /// While the picked reports are being analysed.
    pub analysing: &'static str,
    /// A picked report could not be analysed, so there are not two to compare.
    pub analysis_failed: &'static str,
    pub summary: &'static str,
    pub export_csv: &'static str,
    pub csv_file_stem: &'static str,
    pub key_heading: &'static str,
    pub key_caption: &'static str,
    pub key_empty: &'static str,
    pub col_indicator: &'static str,
    pub col_id: &'static str,
    pub col_unit: &'static str,
    pub col_delta: &'static str,
    pub col_pct: &'static str,
    pub col_confidence: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub flat: &'static str,
    pub since: &'static str,
    pub not_stated: &'static str,
    pub qualifier: &'static str,
    pub figures_heading: &'static str,
    pub figures_help: &'static str,
    pub figures_caption: &'static str,
    pub figures_empty: &'static str,
    pub charts_heading: &'static str,
    pub charts_help: &'static str,
    pub charts_empty: &'static str,
    pub chart_line_title: &'static str,
    pub chart_bars_title: &'static str,
    pub chart_point: &'static str,
    pub changes_heading: &'static str,
    pub changes_help: &'static str,
    pub changes_empty: &'static str,
    pub checks_heading: &'static str,
    pub checks_caption: &'static str,
    pub col_check: &'static str,
    pub check_absent: &'static str,
    /// Other values of one report with the row's description: "另有：{}".
    pub also: &'static str,
    /// A figure row whose phrases do not say the same thing: no change is computed.
    pub unlike: &'static str,
    pub col_change: &'static str,
    pub col_change_approx: &'static str,
    pub col_counts: &'static str,
    pub col_headline: &'static str,
    /// "{report} 原文": a report's values as printed.
    pub col_printed: &'static str,
    /// "{report} 约数": whether a report's value is approximate.
    pub col_report_approx: &'static str,
    pub list_sep: &'static str,
}

/// 简体中文.
pub static COMPARE_ZH: CompareStrings = CompareStrings {
    heading: "比较报告",
    help:
        "勾选报告库中的两份或更多报告：同一地区按年度比较，不同地区并列对照。新报告在上方粘贴或打开后会自动存入报告库。",
    picker_legend: "选择要比较的报告",
    select_all: "全选",
    select_none: "全部取消",
    need_two_library: "报告库中至少需要两份报告才能比较。",
    need_two_selected: "请至少勾选两份报告。",
    analysing: "正在分析所选报告…",
    analysis_failed: "所选报告中有未能分析的（分析器内部错误），能比较的报告不足两份。",
    summary: "正在比较 {}，涉及 {}。",
    export_csv: "导出比较表（CSV）",
    csv_file_stem: "报告比较",
    key_heading: "关键指标对比",
    key_caption: "关键指标：每份报告一列，按地区分组、按年度排列。箭头和数字表示与同一地区上一份报告相比的变化。",
    key_empty: "所选报告没有可比较的关键指标。",
    col_indicator: "指标",
    col_id: "指标代码",
    col_unit: "单位",
    col_delta: "变化",
    col_pct: "变化率（%）",
    col_confidence: "置信度",
    up: "增加",
    down: "减少",
    flat: "持平",
    since: "与{}相比",
    not_stated: "未报告",
    qualifier: "口径：{}",
    figures_heading: "其他对齐数据",
    figures_help: "以下数据按指标表述的相似度跨报告对齐，不是严格定义；置信度越低，越需要核对原文。",
    figures_caption: "其他对齐数据及对齐置信度",
    figures_empty: "没有能跨报告对齐的其他数据。",
    charts_heading: "图表",
    charts_help: "折线图显示同一地区的逐年变化；柱状图比较同一年度的不同地区。",
    charts_empty: "没有可作图的指标（需要同一地区的两个年度，或同一年度的两个地区）。",
    chart_line_title: "{}（{}）：{}逐年变化",
    chart_bars_title: "{}（{}）：{}年各地区对比",
    chart_point: "{} {}：{}",
    changes_heading: "报告中的同比表述",
    changes_help: "各报告原文中自述的同比变化（如“同比增长”），按原文显示。",
    changes_empty: "未发现同比表述。",
    checks_heading: "完整性检查对比",
    checks_caption: "各报告的法定内容与质量检查",
    col_check: "检查项",
    check_absent: "无此项",
    also: "另有：{}",
    unlike: "表述不同，不计算变化",
    col_change: "变化所比较的报告",
    col_change_approx: "变化为约数",
    col_counts: "统计口径",
    col_headline: "总数行",
    col_printed: "{} 原文",
    col_report_approx: "{} 约数",
    list_sep: "；",
};

/// English.
pub static COMPARE_EN: CompareStrings = CompareStrings {
    heading: "Compare reports",
    help: "Tick two or more reports of the library: reports of one region are compared year by year, different regions side by side. A new report pasted or opened above is added to the library automatically.",
    picker_legend: "Reports to compare",
    select_all: "Select all",
    select_none: "Clear selection",
    need_two_library: "The library needs at least two reports to compare.",
    need_two_selected: "Select at least two reports.",
    analysing: "Analysing the selected reports…",
    analysis_failed: "A selected report could not be analysed (an internal error of the analyser): fewer than two are left to compare.",
    summary: "Comparing {} from {}.",
    export_csv: "Export comparison (CSV)",
    csv_file_stem: "comparison",
    key_heading: "Key indicators compared",
    key_caption: "Key indicators: one column per report, grouped by region, in year order. Arrows and numbers give the change from the region's previous report.",
    key_empty: "The selected reports share no key indicators.",
    col_indicator: "Indicator",
    col_id: "Indicator id",
    col_unit: "Unit",
    col_delta: "Change",
    col_pct: "Change (%)",
    col_confidence: "Confidence",
    up: "up",
    down: "down",
    flat: "unchanged",
    since: "compared with {}",
    not_stated: "not stated",
    qualifier: "scope: {}",
    figures_heading: "Other aligned figures",
    figures_help: "These figures are aligned across reports by the similarity of their wording, not by definition; the lower the confidence, the more the text needs checking.",
    figures_caption: "Other aligned figures, with the confidence of each alignment",
    figures_empty: "No other figures could be aligned across the reports.",
    charts_heading: "Charts",
    charts_help: "Lines show one region across years; bars compare regions in one year.",
    charts_empty: "Nothing to chart (that needs two years of one region, or two regions in one year).",
    chart_line_title: "{} ({}): {} across years",
    chart_bars_title: "{} ({}): regions compared in {}",
    chart_point: "{} {}: {}",
    changes_heading: "Year-on-year statements in the reports",
    changes_help: "Changes each report states about itself (“up on the year”…), as printed.",
    changes_empty: "None found.",
    checks_heading: "Completeness checks compared",
    checks_caption: "Mandated contents and quality checks of each report",
    col_check: "Check",
    check_absent: "n/a",
    also: "also: {}",
    unlike: "worded differently: no change computed",
    col_change: "Change between",
    col_change_approx: "Change approximate",
    col_counts: "Counts",
    col_headline: "Headline",
    col_printed: "{} printed",
    col_report_approx: "{} approx.",
    list_sep: "; ",
};

// ---- end of the comparison view's strings -----------------------------------------------------

// ---- Review of a set (compare/review.rs) and last year beside this year (report/) ------------

/// The strings of the review (总览) of the picked reports and of a report's last-year table.
#[derive(Debug, PartialEq, Eq)]
pub struct ReviewStrings {
    /// The mode switch inside the comparison: the side-by-side tables.
    pub mode_compare: &'static str,
    /// The mode switch: the review of the set.
    pub mode_review: &'static str,
    /// Heading of the check tallies.
    pub checks_heading: &'static str,
    /// Column heads of the check tallies.
    pub col_check: &'static str,
    pub col_passed: &'static str,
    pub col_failed: &'static str,
    pub col_unknown: &'static str,
    /// Heading of the indicator panel (reports × indicators).
    pub panel_heading: &'static str,
    /// How to read the panel's gaps.
    pub panel_help: &'static str,
    /// Column head of the report names.
    pub col_report: &'static str,
    /// A report states the indicator, but counted another way (another row of the comparison).
    pub elsewhere: &'static str,
    /// A report does not state the indicator at all.
    pub absent: &'static str,
    /// "{stated} of {n} state it".
    pub stated_of: &'static str,
    /// Heading of the spread charts.
    pub spread_heading: &'static str,
    /// A spread chart's description: "min {}, median {}, max {}".
    pub spread_desc: &'static str,
    /// Export of the long panel.
    pub export_panel: &'static str,
    /// File name stem of the long panel CSV.
    pub panel_file_stem: &'static str,
    /// Title of a cell that opens its report at its sentence.
    pub open_at: &'static str,
    /// Heading of the last-year table: "Beside {earlier year} ({this year})".
    pub last_year_heading: &'static str,
    /// What the last-year table compares with (its file name follows).
    pub last_year_help: &'static str,
    /// Column head of the change.
    pub col_change: &'static str,
    /// Heading of the indicators the earlier report stated and this one does not.
    pub dropped_heading: &'static str,
    /// When nothing was dropped.
    pub dropped_none: &'static str,
}

/// 简体中文.
pub static REVIEW_ZH: ReviewStrings = ReviewStrings {
    mode_compare: "并排比较",
    mode_review: "总览",
    checks_heading: "各项检查通过情况",
    col_check: "检查项",
    col_passed: "通过",
    col_failed: "未通过",
    col_unknown: "无法判断",
    panel_heading: "关键指标一览",
    panel_help: "每行一份报告，每列一项关键指标。“另计”表示报告以其他口径或单位填报该指标，“缺”表示报告未填报该指标。点击数值可打开报告并标出原句。",
    col_report: "报告",
    elsewhere: "另计",
    absent: "缺",
    stated_of: "{} / {} 份报告填报",
    spread_heading: "指标分布",
    spread_desc: "最小值 {}，中位数 {}，最大值 {}",
    export_panel: "导出长表 CSV",
    panel_file_stem: "法治透镜-指标长表",
    open_at: "打开报告并标出原句：{}",
    last_year_heading: "与上年对照：{} → {}",
    last_year_help: "报告库中同一主体的上一年度报告：",
    col_change: "变化",
    dropped_heading: "上年报告填报、本年不再填报的指标",
    dropped_none: "上年报告填报的指标本年均有填报。",
};

/// English.
pub static REVIEW_EN: ReviewStrings = ReviewStrings {
    mode_compare: "Side by side",
    mode_review: "Overview",
    checks_heading: "Checks passed",
    col_check: "Check",
    col_passed: "Passed",
    col_failed: "Failed",
    col_unknown: "Cannot tell",
    panel_heading: "Key indicators at a glance",
    panel_help: "One row per report, one column per key indicator. \u{201c}Other\u{201d}: the report states the indicator counted another way or in another unit; \u{201c}missing\u{201d}: it does not state it. Choose a value to open its report at its sentence.",
    col_report: "Report",
    elsewhere: "other",
    absent: "missing",
    stated_of: "{} of {} reports state it",
    spread_heading: "Spread of the indicators",
    spread_desc: "minimum {}, median {}, maximum {}",
    export_panel: "Export long panel CSV",
    panel_file_stem: "fazhi-lens-panel",
    open_at: "Open the report at its sentence: {}",
    last_year_heading: "Beside last year: {} \u{2192} {}",
    last_year_help: "The same body's earlier report in the library: ",
    col_change: "Change",
    dropped_heading: "Stated last year, no longer stated",
    dropped_none: "Every indicator stated last year is stated again.",
};

/// A number with its sign: "+64", "-9", "0".
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", fazhi_lens::format::number(v))
    } else {
        fazhi_lens::format::number(v)
    }
}

/// A step as shown under a value: "+64 (+336.8%)", or "+3" when the percentage is undefined
/// (from 0); "≈" before it when either value is approximate.
pub fn step_text(step: &fazhi_lens::compare::Step) -> String {
    let approx = if step.approx { "≈" } else { "" };
    match step.pct {
        Some(p) => format!("{approx}{} ({}%)", signed(step.delta), signed(p)),
        None => [approx, &signed(step.delta)].concat(),
    }
}

/// "2021年" / "2021", or the unknown-year text.
pub fn year_text(s: &Strings, year: Option<i32>) -> String {
    year.map_or_else(|| s.year_unknown.to_string(), |y| fill(s.year_suffix, &[&y.to_string()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The static shell of `index.html` (src/platform/static_shell.rs) repeats a few of the
    /// app's words, as it shows before any code runs: they must stay the app's own.
    #[test]
    fn the_static_shell_speaks_the_apps_words() {
        let page = include_str!("../index.html");
        let s = Lang::Zh.strings();
        for (name, word) in [
            ("app_name", s.app_name),
            ("app_tagline", s.app_tagline),
            ("input_heading", s.input_heading),
            ("input_label", s.input_label),
            ("input_placeholder", s.input_placeholder),
        ] {
            assert!(page.contains(&format!(">{word}<")) || page.contains(&format!("\"{word}\"")), "{name}: {word}");
        }
    }

    #[test]
    fn fill_replaces_in_order_and_tolerates_missing_args() {
        assert_eq!(fill("共 {} 项，显示 {} 项", &["3", "2"]), "共 3 项，显示 2 项");
        assert_eq!(fill("{} 与 {}", &["a"]), "a 与 ");
        assert_eq!(fill("无", &["a"]), "无");
    }

    #[test]
    fn values_shown_as_printed_or_approximate() {
        assert_eq!(shown("1000余件", true, 1000.0, "件"), "1000余件");
        assert_eq!(shown("", true, 1000.0, "件"), "≈1000件");
        assert_eq!(shown("", false, 19.0, "宗"), "19宗");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate_chars("一二三四", 2), "一二…");
        assert_eq!(truncate_chars("一二", 2), "一二");
    }

    #[test]
    fn both_tables_have_the_same_placeholders() {
        let count = |s: &Strings| format!("{s:?}").matches("{}").count();
        assert_eq!(count(&ZH), count(&EN));
        assert_eq!(ZH.key_label("major_decisions"), "重大行政决策");
        assert_eq!(EN.key_label("major_decisions"), "Major administrative decisions");
        assert_eq!(ZH.key_label("new_id"), "new_id");
        assert_eq!(EN.check_label("part_plans"), "Plans for next year");
        assert_eq!(ZH.check_label("new_check"), "new_check");
        assert_eq!(ZH.check_label("part_plans"), "下一年度主要安排");
        assert_eq!(ZH.counts("市", "办理", "", "法律服务"), "市 · 办理 · 法律服务中");
        assert_eq!(EN.counts("市", "办理", "人民", ""), "city · handled · 人民");
        assert_eq!(EN.counts("", "", "", ""), "");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(EN.count(EN.n_figures, 1), "1 figure");
        assert_eq!(EN.count(EN.n_regions, 0), "0 regions");
        assert_eq!(EN.count(EN.n_reports, 2), "2 reports");
        assert_eq!(ZH.count(ZH.n_figures, 1), "1 项数据");
        assert_eq!(fill(EN.figures_summary, &[&EN.count(EN.n_figures, 1), "1"]), "1 figure, 1 match");
        assert_eq!(fill(ZH.figures_summary, &[&ZH.count(ZH.n_figures, 3), "2"]), "共 3 项数据，符合条件 2 项");
        assert_eq!(EN.source_name(ZH.pasted_source), "pasted text");
        assert_eq!(ZH.source_name(EN.demo_source), "示例报告");
        assert_eq!(EN.source_name("报告.docx"), "报告.docx");
        assert_eq!(EN.check_detail("part_plans", "未识别"), "Plans for next year");
    }

    /// English mode shows no Chinese of its own (the report's text aside).
    #[test]
    fn the_english_table_holds_no_chinese() {
        let han = |t: &str| t.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c) || c == '：' || c == '，');
        let all = format!("{EN:?}{:?}", KEY_EN) + &format!("{CHECK_EN:?}");
        let all: String = TERMS_EN.iter().map(|(_, en)| *en).collect::<String>() + &all;
        let bad: Vec<&str> = all.split('"').filter(|t| han(t)).collect();
        assert!(bad.is_empty(), "Chinese in the English table: {bad:?}");
    }

    #[test]
    fn english_labels_are_keyed_by_exactly_the_cores_ids() {
        let ids = |table: &[(&'static str, &str)]| {
            let mut ids: Vec<&str> = table.iter().map(|(id, _)| *id).collect();
            ids.sort_unstable();
            ids
        };
        let mut indicators: Vec<&str> = fazhi_lens::catalog::indicators().map(|e| e.id).collect();
        indicators.sort_unstable();
        assert_eq!(ids(&KEY_EN), indicators, "KEY_EN against the core's key indicators");
        let mut checks: Vec<&str> = fazhi_lens::catalog::CHECKS.iter().map(|e| e.id).collect();
        checks.sort_unstable();
        assert_eq!(ids(&CHECK_EN), checks, "CHECK_EN against the core's checks");
    }

    #[test]
    fn level_labels_are_the_cores() {
        use fazhi_lens::panel::Level;
        let levels = [
            Level::Ministry,
            Level::Province,
            Level::City,
            Level::District,
            Level::County,
            Level::Department,
            Level::Subdistrict,
        ];
        let ours: Vec<(&str, &str)> = LEVELS.iter().map(|(id, zh, _)| (*id, *zh)).collect();
        let core: Vec<(&str, &str)> = levels.iter().map(|l| (l.id(), l.label())).collect();
        assert_eq!(ours, core);
        assert_eq!(EN.level_label("subdistrict"), "subdistrict / town");
        assert_eq!(ZH.level_label("district"), "区级");
        assert!(LEVELS.iter().all(|(_, _, en)| en.is_ascii()), "English level labels in English");
    }
}
