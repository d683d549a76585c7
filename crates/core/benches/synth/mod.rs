//! A generator of synthetic annual reports for the benchmarks.
//!
//! The text is made of this file's own stock phrases, shuffled by a small deterministic PRNG,
//! so the benchmarks run (and give comparable numbers) without the seed corpus. The reports
//! have what the pipeline looks at: page chrome, a title, a preamble, "一、" / "(一)" / "一是"
//! headings, figures in Arabic and Chinese numerals with counting units, money and rates,
//! indicator words, year-on-year statements, the problems and plans parts and a signature.
//!
//! Two densities: [`SEED_LIKE`] reports are shorter than any seed (2–9 KB) but state figures
//! and headings about as often as the seeds do (about 5 figures and 2.3 headings per KB of
//! UTF-8), so a corpus of them measures what many short real reports cost. [`DENSE`] reports
//! are tiny (1.5–6 KB) and pack figures two to three times as tightly as any seed: a stress
//! case for the per-figure work, reported beside the budgeted corpora.

/// A xorshift64* generator: deterministic, dependency-free, good enough for picking phrases.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed` (any value; zero is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next pseudo-random 64-bit value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// One element of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

const PLACES: [&str; 10] =
    ["青川市", "白水县", "临江区", "石桥县", "南湖区", "东岭县", "安宁市", "长河区", "云台县", "柳溪市"];
const BODIES: [&str; 5] = ["人民政府", "司法局", "市场监督管理局", "生态环境局", "交通运输局"];
const TOPICS: [&str; 8] = [
    "健全依法决策机制",
    "完善制度建设",
    "严格规范公正文明执法",
    "多元化解矛盾纠纷",
    "强化行政权力监督",
    "推进数字法治建设",
    "优化法治化营商环境",
    "深化法治宣传教育",
];
const FILLERS: [&str; 8] = [
    "坚持问题导向,持续完善工作机制。",
    "各部门协同配合,形成齐抓共管的工作格局。",
    "把法治要求落实到政府工作各环节。",
    "定期通报进展情况,压实各方责任。",
    "围绕群众关切,推出一批便民举措。",
    "注重总结经验,及时固化为制度成果。",
    "强化督促检查,确保各项任务落地见效。",
    "加大培训力度,提升干部依法办事能力。",
];
const CN_COUNTS: [&str; 8] = ["三", "十余", "二十多", "两", "五十余", "一百多", "六", "三十几"];

/// How a synthetic report is put together.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// Name of the corpus in benchmark ids.
    pub name: &'static str,
    /// Chance (percent) that a sentence of a paragraph states figures.
    figure_chance: u64,
    /// Sentences per paragraph.
    sentences: (u64, u64),
    /// Paragraphs under each "(一)" heading.
    paragraphs: (u64, u64),
    /// "(一)" headings in the first part.
    topics: (u64, u64),
    /// Whether half the plain sentences are the longer policy prose of [`PROSE`].
    prose: bool,
}

/// Reports as dense in figures and headings as the seeds, but shorter.
pub const SEED_LIKE: Profile = Profile {
    name: "synthetic_12MB",
    figure_chance: 17,
    sentences: (3, 7),
    paragraphs: (1, 3),
    topics: (3, 7),
    prose: true,
};

/// Tiny reports packed with figures (the generator's first calibration).
pub const DENSE: Profile = Profile {
    name: "synthetic_dense_12MB",
    figure_chance: 60,
    sentences: (2, 5),
    paragraphs: (1, 1),
    topics: (2, 6),
    prose: false,
};

/// Plain prose of the seed reports' kind: policy sentences without figures.
const PROSE: [&str; 12] = [
    "坚持把法治政府建设摆在全局工作的重要位置,统筹谋划、同步部署、一体推进。",
    "严格落实重大行政决策程序规定,公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序全面落实。",
    "持续深化行政执法体制改革,推动执法力量下沉,基层综合执法能力明显增强。",
    "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。",
    "健全行政复议工作机制,充分发挥行政复议化解行政争议主渠道作用。",
    "主动接受人大法律监督、政协民主监督,自觉接受司法监督、社会监督和舆论监督。",
    "积极推进政务公开标准化规范化建设,及时回应社会关切,保障群众知情权、参与权和监督权。",
    "将习近平法治思想纳入党委理论学习中心组学习内容和干部教育培训必修课程。",
    "深入开展“八五”普法,落实“谁执法谁普法”普法责任制,推动法治宣传进机关、进社区、进企业。",
    "坚持和发展新时代“枫桥经验”,构建人民调解、行政调解、司法调解联动工作体系。",
    "优化政务服务流程,推行“一网通办”“一件事一次办”,企业和群众办事更加便利。",
    "加强合法性审查队伍建设,充分发挥法律顾问和公职律师在依法决策中的作用。",
];

/// Writes one sentence with figures into `out`.
fn figure_sentence(rng: &mut Rng, out: &mut String) {
    let n = rng.range(2, 900);
    let m = rng.range(1, n);
    let k = rng.range(1, m.max(1));
    let r = format!("{}.{}", rng.range(10, 99), rng.range(0, 9));
    let s = match rng.range(0, 13) {
        0 => format!("全年共收到行政复议申请{n}件,依法受理{m}件,审结{k}件,纠错率{r}%。"),
        1 => format!("年内制定规范性文件{n}件,清理后废止{m}件。"),
        2 => format!("对{n}项重大行政决策开展合法性审查,出具法律意见书{m}份。"),
        3 => format!("举办执法人员专题培训{n}场次,参训{m}人次。"),
        4 => format!("开展普法宣传活动{n}场,发放宣传资料{}.{}万份。", rng.range(1, 40), rng.range(1, 9)),
        5 => format!("办理法律援助案件{n}件,调解各类纠纷{m}件,调解成功率{r}%。"),
        6 => format!("办理人大代表建议{n}件、政协提案{m}件,办复率100%。"),
        7 => format!("受理政府信息公开申请{n}件,同比增长{r}%。"),
        8 => format!("新收行政诉讼案件{n}件,败诉{k}件,行政机关负责人出庭应诉率达{r}%。"),
        9 => format!("完成审计项目{n}个,涉及资金{}.{}亿元。", rng.range(1, 60), rng.range(10, 99)),
        10 => format!("{n}项政务服务事项实现全程网办,较上年度提高{}个百分点。", rng.range(1, 20)),
        11 => format!("召开专题会议{}次,研究解决问题{}个。", rng.pick(&CN_COUNTS), rng.pick(&CN_COUNTS)),
        12 => format!("评查行政执法案卷{n}宗,发现问题{m}条,已全部整改。"),
        _ => format!("组织应急演练超{n}次,覆盖群众约{}万人。", rng.range(1, 30)),
    };
    out.push_str(&s);
}

/// A paragraph, mixing figures and plain prose as `profile` says.
fn paragraph(profile: &Profile, rng: &mut Rng, out: &mut String) {
    for _ in 0..rng.range(profile.sentences.0, profile.sentences.1) {
        if rng.chance(profile.figure_chance) {
            figure_sentence(rng, out);
        } else if profile.prose && rng.chance(50) {
            out.push_str(rng.pick(&PROSE));
        } else {
            out.push_str(rng.pick(&FILLERS));
        }
    }
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// One synthetic report of `profile`, varied by `seed`.
pub fn report(profile: &Profile, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let place = rng.pick(&PLACES);
    let body = format!("{place}{}", rng.pick(&BODIES));
    let year = rng.range(2019, 2024);
    let mut out = String::with_capacity(6 * 1024);
    if rng.chance(50) {
        out.push_str("首页 > 政务公开 > 法治政府建设 > 年度报告\n\n");
    }
    out.push_str(&format!("{body}{year}年法治政府建设年度报告\n\n"));
    if rng.chance(50) {
        out.push_str(&format!("发布时间:{}-0{}-{:02} 09:30\n\n", year + 1, rng.range(1, 3), rng.range(1, 28)));
    }
    out.push_str(&format!(
        "  {year}年,{place}紧紧围绕法治政府建设目标任务,扎实推进依法行政。现将有关情况报告如下:\n\n"
    ));

    out.push_str(&format!("  一、{year}年推进法治政府建设的主要举措和成效\n\n"));
    let topics = rng.range(profile.topics.0, profile.topics.1) as usize;
    for (i, numeral) in NUMERALS.iter().enumerate().take(topics) {
        let topic = TOPICS[(i + rng.range(0, 7) as usize) % TOPICS.len()];
        out.push_str(&format!("  ({numeral}){topic}。"));
        // A fixed count draws nothing, so that DENSE reports stay what they were.
        let (lo, hi) = profile.paragraphs;
        for p in 0..if lo == hi { lo } else { rng.range(lo, hi) } {
            if p > 0 {
                out.push_str("\n\n  ");
            }
            paragraph(profile, &mut rng, &mut out);
        }
        out.push_str("\n\n");
        if rng.chance(30) {
            // An enumeration inside one paragraph, not headings.
            out.push_str("  一是");
            figure_sentence(&mut rng, &mut out);
            out.push_str("二是");
            out.push_str(rng.pick(&FILLERS));
            out.push_str("三是");
            figure_sentence(&mut rng, &mut out);
            out.push_str("\n\n");
        }
    }

    out.push_str("  二、存在的不足和原因\n\n  ");
    out.push_str("对照上级要求,工作中仍有短板:基层执法力量不足,部分人员法治意识有待加强。");
    out.push_str("原因在于培训覆盖面不够,考核机制还不完善。\n\n");

    out.push_str("  三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n  ");
    out.push_str(&format!("主要负责人带头学法,主持召开常务会议{}次专题研究法治工作。", rng.range(2, 12)));
    paragraph(profile, &mut rng, &mut out);
    out.push_str("\n\n");

    out.push_str(&format!("  四、{}年工作安排\n\n", year + 1));
    for numeral in NUMERALS.iter().take(rng.range(2, 4) as usize) {
        out.push_str(&format!("  {numeral}是{}\n\n", rng.pick(&FILLERS)));
    }
    out.push_str(&format!("{body}\n{}年1月{}日\n", year + 1, rng.range(1, 28)));
    if rng.chance(40) {
        out.push_str("\n【打印本页】 【关闭窗口】\n");
    }
    out
}

/// Synthetic reports of `profile` from `first_seed` on until their total size reaches `total`
/// bytes.
pub fn corpus(profile: &Profile, first_seed: u64, total: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut size = 0;
    let mut seed = first_seed;
    while size < total {
        let r = report(profile, seed);
        size += r.len();
        out.push(r);
        seed += 1;
    }
    out
}
