//! Synthetic full reports in the shapes the openings of real reports come in (issue 18), run
//! through every stage: the measures part and the later ones (the leaders' duty, the problems,
//! the plans), tables flattened to text, figures in lists, session numbers and slogans that
//! are not figures, and the noise of mirrors, converters and pages cut short.
//!
//! Every report here is made up for this file (places, names and figures included); none is a
//! copy of a real one.

use fazhi_lens::{analyze, analyze_bytes, PartKind, Report};

/// Analyses `input` and checks the invariants every report keeps.
fn report(input: &str) -> Report {
    let r = analyze(input);
    if let Err(v) = fazhi_lens::invariants::check(input, &r) {
        panic!("{v}");
    }
    r
}

/// (level, title) of each heading.
fn sections(r: &Report) -> Vec<(u8, &str)> {
    r.sections.iter().map(|s| (s.level, s.title.as_str())).collect()
}

/// (surface, value, unit) of each figure.
fn figures(r: &Report) -> Vec<(&str, f64, &str)> {
    r.metrics.iter().map(|f| (f.surface.as_str(), f.value, f.unit.as_str())).collect()
}

/// The kinds of the parts, in order.
fn kinds(r: &Report) -> Vec<PartKind> {
    r.parts.iter().map(|p| p.kind).collect()
}

/// (title, region, report year).
fn meta(r: &Report) -> (Option<&str>, Option<&str>, Option<i32>) {
    (r.meta.title.as_deref(), r.meta.region.as_deref(), r.meta.report_year)
}

use PartKind::{Leaders, Measures, Plans, Problems};

/// A district's report behind a page's index list: the year before the name, "一、" nested
/// under "一、", session numbers and slogans, a table flattened to text, the leaders' duty,
/// problems and plans parts, a signature.
const DISTRICT: &str = "\
首页 > 政务公开 > 法治政府建设年度报告
• 索引号
• 11500000/2031-00021
• 主题分类
• 法制
• 发布机构
• 青石区司法局
• 2031-03-18

2030年青石区法治政府建设情况的报告

2030年，在市委、市政府和区委的坚强领导下，区政府坚持以习近平法治思想为指导，认真落实市委六届二次全会和区第七次党代会精神，落实十二届区委五次、六次全会部署，推动法治政府建设取得新成效。现将有关情况报告如下：
一、2030年法治政府建设主要举措和成效
一、深入学习贯彻习近平法治思想
（一）抓实理论学习。区政府常务会议会前学法12次，举办领导干部法治专题讲座4场，落实“四个亲自”要求。
（二）健全工作机制。制定《青石区法治政府建设实施方案》，明确重点任务36项。
二、依法全面履行政府职能
（一）深化“放管服”改革。全年办理政务服务事项12.6万件，网上可办率达98.5%，较上年提高2.3个百分点。
（二）优化营商环境。推行“四个百分百”（案中100%调解、案后100%释法）工作法，国家发改委等六部委联合推广。
三、严格规范公正文明执法
全区行政执法情况如下：
项目 数量
行政处罚案件 1,236件
行政许可 8,412件
行政检查 5,037次
执法人员培训 26场次
二、党政主要负责人履行推进法治建设第一责任人职责情况
区政府主要负责同志召开常务会议专题研究法治工作6次，带头述法；督促全区26个部门主要负责人述法，实现述法全覆盖。
三、存在的不足和原因
一是基层执法力量不足，全区执法人员缺编约80人。
二是法治宣传针对性不强。
四、2031年工作安排
（一）加强行政立法。计划出台规范性文件5件。
（二）提升执法水平。组织执法培训不少于10场。
青石区人民政府
2031年3月10日
";

#[test]
fn district_report_with_nested_chapters_and_a_table() {
    let r = report(DISTRICT);
    assert_eq!(meta(&r), (Some("2030年青石区法治政府建设情况的报告"), Some("青石区"), Some(2030)));
    assert_eq!(r.meta.published.as_deref(), Some("2031-03-10"));
    assert_eq!(
        sections(&r),
        [
            (1, "2030年法治政府建设主要举措和成效"),
            (2, "深入学习贯彻习近平法治思想"),
            (3, "抓实理论学习"),
            (3, "健全工作机制"),
            (2, "依法全面履行政府职能"),
            (3, "深化“放管服”改革"),
            (3, "优化营商环境"),
            (2, "严格规范公正文明执法"),
            (1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
            (1, "存在的不足和原因"),
            (2, "基层执法力量不足，全区执法人员缺编约80人"),
            (2, "法治宣传针对性不强"),
            (1, "2031年工作安排"),
            (2, "加强行政立法"),
            (2, "提升执法水平"),
        ]
    );
    assert_eq!(kinds(&r), [Measures, Leaders, Problems, Plans]);
    // No session number (六届二次, 第七次, 五次、六次全会), slogan (四个亲自), collective name
    // (六部委) or spelled-out name (“四个百分百”(…100%…)) is a figure; the table's are.
    assert_eq!(
        figures(&r),
        [
            ("12次", 12.0, "次"),
            ("4场", 4.0, "场"),
            ("36项", 36.0, "项"),
            ("12.6万件", 126_000.0, "件"),
            ("98.5%", 98.5, "%"),
            ("2.3个百分点", 2.3, "个百分点"),
            ("1,236件", 1236.0, "件"),
            ("8,412件", 8412.0, "件"),
            ("5,037次", 5037.0, "次"),
            ("26场次", 26.0, "场次"),
            ("6次", 6.0, "次"),
            ("26个", 26.0, "个"),
            ("80人", 80.0, "人"),
            ("5件", 5.0, "件"),
            ("10场", 10.0, "场"),
        ]
    );
    assert_eq!(r.metrics[6].indicator, "行政处罚案件");
}

/// A Traditional mirror: a site tag before the title, "??" for the indentation of every line,
/// pinyin after some characters, parts without a heading for the problems and the plans.
const MIRROR: &str = "\
【法治建設報告】海川市人民政府關於2030年度法治政府建設情況的報告
??2030年,海川市堅持以習近平新時代中國特色社會主義思想為指導,深入學習貫徹習近平法治思想,紮實推進依法行政。現將有關情況報告如下:
??一、加強黨的領導,壓實法治建設責任
??(一)完善領導體制。市委全面依法治市委員會召開會議3次,審議文件12件。
??(二)落實述法制度。組織42個市直部門主要負責人述法。
??二、健全依法行政制度體系
??(一)加強政府立法。制定政府規章2部,修改3部,廢止1部。
??(二)規範文件管理。審查規範性文件86件,糾正違法文件4件,備案審查率100%。
??三、創(chuàng)新行政執(zhí)法方式
??全年辦理行政復議案件312件,糾錯率15.4%;行政機關負責人出庭應訴率達100%。
??一年來,我市法治政府建設取得積極成效,但也存在一些不足:行政執法規範化水平仍有待提升,基層法治力量還比較薄弱。
??2031年,海川市將繼續深入推進法治政府建設。
??(一)推進科學立法。
??(二)深化執法改革。
";

#[test]
fn traditional_mirror_with_lost_characters_and_pinyin() {
    let r = report(MIRROR);
    assert_eq!(meta(&r), (Some("海川市人民政府關於2030年度法治政府建設情況的報告"), Some("海川市"), Some(2030)));
    assert_eq!(r.meta.script, fazhi_lens::Script::Traditional);
    assert_eq!(
        sections(&r),
        [
            (1, "加強黨的領導,壓實法治建設責任"),
            (2, "完善領導體制"),
            (2, "落實述法制度"),
            (1, "健全依法行政制度體系"),
            (2, "加強政府立法"),
            (2, "規範文件管理"),
            (1, "創新行政執法方式"),
            (2, "推進科學立法"),
            (2, "深化執法改革"),
        ]
    );
    for s in &r.sections {
        assert!(!MIRROR[s.start..].starts_with('?'), "{s:?}");
    }
    assert_eq!(kinds(&r), [Measures, Measures, Measures, Problems, Plans]);
    let units: Vec<&str> = r.metrics.iter().map(|f| f.unit.as_str()).collect();
    assert_eq!(units, ["次", "件", "个", "部", "部", "部", "件", "件", "%", "件", "%", "%"]);
}

/// A report to the people's congress: no year in the title, a date line, a salutation, the year
/// in the first paragraph, figures in a list, an enumeration in the problems part.
const CONGRESS: &str = "\
白沙市人民政府关于法治政府建设情况的报告
（2031年6月20日在市十届人大常委会第五次会议上）
市人大常委会：
按照工作安排，现就法治政府建设情况报告如下，请予审议。
一、主要工作举措及成效
2030年，在市委坚强领导下，在市人大及其常委会监督支持下，全市各级行政机关深入推进依法行政。
（一）行政决策科学化水平不断提高。严格执行重大行政决策程序，全年作出重大行政决策18项，开展合法性审查420件：
（1）市政府常务会议议题审查96件；
（2）政府合同审查213件；
（3）其他事项审查111件。
（二）行政复议和应诉工作扎实推进。全年新收行政复议申请1,045件，受理978件，办结951件；行政诉讼一审案件623件，败诉率5.2%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
市政府主要负责同志带头学法，主持召开市政府常务会议专题学法4次。
三、存在的主要问题
一是部分部门依法行政意识有待增强。二是行政执法监督机制不够健全。
四、下一步工作打算
（一）持续深化法治政府建设示范创建。
（二）加快推进数字法治政府建设。
";

#[test]
fn report_to_the_congress_with_figures_in_a_list() {
    let r = report(CONGRESS);
    assert_eq!(meta(&r), (Some("白沙市人民政府关于法治政府建设情况的报告"), Some("白沙市"), Some(2030)));
    assert_eq!(r.meta.published.as_deref(), Some("2031-06-20"));
    assert_eq!(kinds(&r), [Measures, Leaders, Problems, Plans]);
    // The date line and the salutation are no headings; the one-paragraph enumeration neither.
    assert_eq!(r.sections.len(), 11);
    assert_eq!(sections(&r)[2], (3, "市政府常务会议议题审查96件"));
    assert_eq!(sections(&r)[7], (1, "存在的主要问题"));
    let values: Vec<f64> = r.metrics.iter().map(|f| f.value).collect();
    assert_eq!(values, [18.0, 420.0, 96.0, 213.0, 111.0, 1045.0, 978.0, 951.0, 623.0, 5.2, 4.0]);
    let received = r.key_indicators.get("reconsideration_received").map(|v| v[0].value);
    assert_eq!(received, Some(1045.0));
}

/// A joint report of the county party committee and government, pasted without its line
/// breaks, with the page's site name and header glued to the title, and cut short.
const JOINT: &str = "中共青石县委 青石县人民政府 关于2030年度法治政府建设的报告青石县人民政府门户网站 www.qingshi.gov.cn 发布时间：2031-02-20 10:28 \
2030年，在市委、市政府的坚强领导下，县政府坚持依法行政，全面落实县第十五次党代会和十五届县委三次全会部署。\
一、2030年度法治政府建设主要工作与成效（一）加强组织领导。县委常委会会议研究法治工作5次，县政府常务会议学法8次。\
（二）推进严格执法。清理确认行政检查主体52个，梳理涉企执法单位20个，公布检查事项294条。\
二、存在的问题一是执法人员专业化水平不高。二是法治宣传方式单一。\
三、2031年工作打算（一）加强队伍建设。全年组织培训不少于6期。（二）规范行政执法。截至年底，全县已有2";

#[test]
fn joint_report_that_lost_its_line_breaks_and_was_cut_short() {
    let r = report(JOINT);
    assert_eq!(
        meta(&r),
        (Some("中共青石县委 青石县人民政府 关于2030年度法治政府建设的报告"), Some("青石县"), Some(2030))
    );
    assert_eq!(r.meta.body.as_deref(), Some("中共青石县委、青石县人民政府"));
    assert_eq!(r.meta.published.as_deref(), Some("2031-02-20"));
    assert_eq!(
        sections(&r),
        [
            (1, "2030年度法治政府建设主要工作与成效"),
            (2, "加强组织领导"),
            (2, "推进严格执法"),
            (1, "存在的问题"),
            (1, "2031年工作打算"),
            (2, "加强队伍建设"),
            (2, "规范行政执法"),
        ]
    );
    assert_eq!(kinds(&r), [Measures, Problems, Plans]);
    // The cut "全县已有2" has no unit: no figure. Nor do the sessions.
    let surfaces: Vec<&str> = r.metrics.iter().map(|f| f.surface.as_str()).collect();
    assert_eq!(surfaces, ["5次", "8次", "52个", "20个", "294条", "6期"]);
}

/// A page cut short in the middle of a heading and of a figure's unit.
#[test]
fn a_page_cut_short_keeps_no_half_heading_or_unit() {
    let whole = DISTRICT.split("四、2031年工作安排").next().unwrap_or_default();
    for (tail, last_title, last_figure) in [
        ("四、2031年工作安", "法治宣传针对性不强", "80人"),
        ("（三）加强执法队伍建设。全年培训执法人员1200人", "加强执法队伍建设", "80人"),
        ("（三）加强执法队伍建设。办结率提高2.5个百分", "加强执法队伍建设", "80人"),
        ("（三）加强执法队伍建设。全年培训执法人员1200人次。\n", "加强执法队伍建设", "1200人次"),
    ] {
        let input = format!("{whole}{tail}");
        let r = report(&input);
        assert_eq!(r.sections.last().map(|s| s.title.as_str()), Some(last_title), "{tail}");
        assert_eq!(r.metrics.last().map(|f| f.surface.as_str()), Some(last_figure), "{tail}");
    }
    // Torn in the middle of a character, as a page cut at a byte count is.
    let bytes = format!("{whole}四、2031年工作安排").into_bytes();
    let (_, r) = analyze_bytes(&bytes[..bytes.len() - 1], "cut.txt").expect("decodes");
    assert_eq!(r.sections.last().map(|s| s.title.as_str()), Some("法治宣传针对性不强"));
}

/// A sub-district's report without a title: it calls itself "街道" and names itself once.
const SUB_DISTRICT: &str = "\
为全面推进依法行政，加强法治政府建设，街道坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。结合东门街道实际，现就2030年法治政府建设工作开展情况报告如下：
一、2030年度法治政府建设工作的基本情况
街道党政领导高度重视法治政府建设工作，召开党工委会议专题研究法治工作4次。东门街道在辖区10个社区建立法律顾问制度，全年开展法律咨询326人次。
二、主要做法
1.完善决策机制。街道重大事项均经合法性审查，全年审查合同27份。
2.强化矛盾调处。调解各类纠纷158件，调解成功率97.5%。
三、存在的问题
一是法治力量薄弱。二是普法形式单一。
四、下一步工作计划
1.加强学法用法。
2.深化基层治理。
";

#[test]
fn sub_district_report_without_a_title() {
    let r = report(SUB_DISTRICT);
    assert_eq!(meta(&r), (None, Some("东门街道"), Some(2030)));
    assert_eq!(r.meta.body.as_deref(), Some("东门街道办事处"));
    assert_eq!(kinds(&r), [Measures, Measures, Problems, Plans]);
    assert_eq!(r.metrics.len(), 6);
    assert_eq!(r.metrics[5].surface, "97.5%");
}

/// A ministry's report: no region; slogans in quotation marks; counts in Chinese numerals.
const MINISTRY: &str = "\
司法部2030年法治政府建设年度报告
2030年，司法部坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，增强“四个意识”、坚定“四个自信”、做到“两个维护”。
一、加强党对法治政府建设的领导
部党组先后召开6次部党组会暨12次理论学习中心组集体学习会，组织编写培训教材，分七期培训干部。
二、完善依法行政制度体系
全年审查法律法规草案46件，办理行政复议案件1,280件。
三、存在的不足
统筹推进法治政府建设的力度还需加大。
四、2031年工作安排
（一）深入学习贯彻习近平法治思想。
（二）统筹推进法治政府建设。
";

#[test]
fn ministry_report_has_no_region() {
    let r = report(MINISTRY);
    assert_eq!(meta(&r), (Some("司法部2030年法治政府建设年度报告"), None, Some(2030)));
    assert_eq!(r.meta.body.as_deref(), Some("司法部"));
    assert_eq!(kinds(&r), [Measures, Measures, Problems, Plans]);
    assert_eq!(
        figures(&r),
        [
            ("6次", 6.0, "次"),
            ("12次", 12.0, "次"),
            ("七期", 7.0, "期"),
            ("46件", 46.0, "件"),
            ("1,280件", 1280.0, "件")
        ]
    );
}

/// A city department's report: its region only in its name, the title printed twice (once with
/// a watermark glued on), the leaders' duty as a heading inside the measures part.
const DEPARTMENT: &str = "\
海川市司法局2030年法治政府建设年度报告
栏目：政策文件 发布时间：2031-01-12
海川市司法局2030年法治政府建设年度报告内部资料
2030年，市司法局坚持以习近平法治思想为指导，切实推动法治建设取得新成效。
一、2030年法治政府建设工作情况
（一）履行法治建设第一责任人职责
1.贯彻落实习近平法治思想。局党组专题学习12次。
2.完善工作机制。制定制度8项。
（二）深化“放管服”改革
1.推进省、市、区三级协同。办理公证事项2.3万件。
二、存在的问题和不足
执法监督力度还需加强。
三、2031年工作打算
继续深化法治建设。
";

#[test]
fn department_report_titled_twice() {
    let r = report(DEPARTMENT);
    assert_eq!(meta(&r), (Some("海川市司法局2030年法治政府建设年度报告"), Some("海川市"), Some(2030)));
    assert_eq!(r.meta.body.as_deref(), Some("海川市司法局"));
    assert_eq!(r.meta.published.as_deref(), Some("2031-01-12"));
    assert_eq!(kinds(&r), [Measures, Leaders, Problems, Plans]);
    // "三级" counts tiers, not work.
    assert_eq!(figures(&r), [("12次", 12.0, "次"), ("8项", 8.0, "项"), ("2.3万件", 23_000.0, "件")]);
}

/// A GBK page read in chunks: where a chunk starts inside a character, the line is read one
/// byte out of step ("　（一）" as "?。ㄒ唬") until the reading falls back in step.
#[test]
fn gbk_page_read_out_of_step() {
    let lines = [
        "海川市2030年法治政府建设年度报告",
        "一、主要工作",
        "　　（一）加强组织领导。召开会议3次。",
        "（二）完善制度体系。制定文件5件。",
        "二、存在的问题",
        "执法力量不足。",
    ];
    let mut bytes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (gbk, _, _) = encoding_rs::GBK.encode(line);
        // The third line's first byte went with the chunk before (printed there as "?").
        if i == 2 {
            bytes.push(b'?');
            bytes.extend_from_slice(&gbk[1..]);
        } else {
            bytes.extend_from_slice(&gbk);
        }
        bytes.push(b'\n');
    }
    let garbled = encoding_rs::GB18030.decode_without_bom_handling(&bytes).0.into_owned();
    assert!(garbled.contains("ㄒ唬"), "{garbled}");
    let utf8 = garbled.into_bytes();
    let (text, r) = analyze_bytes(&utf8, "page.txt").expect("decodes");
    assert!(text.contains("（一）加强组织领导"), "{text}");
    assert_eq!(sections(&r), [(1, "主要工作"), (2, "加强组织领导"), (2, "完善制度体系"), (1, "存在的问题")]);
    assert_eq!(figures(&r), [("3次", 3.0, "次"), ("5件", 5.0, "件")]);
}
