//! A generator of synthetic annual reports for the benchmarks.
//!
//! The text is made of this file's own stock phrases, shuffled by a small deterministic PRNG,
//! so the benchmarks run (and give comparable numbers) without the seed corpus. The reports
//! have what the pipeline looks at: page chrome, a title, a preamble, "一、" / "(一)" / "一是"
//! headings, figures in Arabic and Chinese numerals with counting units, money and rates,
//! indicator words, year-on-year statements, the problems and plans parts and a signature.

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

const PLACES: [&str; 10] = ["青川市", "白水县", "临江区", "石桥县", "南湖区", "东岭县", "安宁市", "长河区", "云台县", "柳溪市"];
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

/// A paragraph of two to five sentences, mixing figures and plain prose.
fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..rng.range(2, 5) {
        if rng.chance(60) {
            figure_sentence(rng, out);
        } else {
            out.push_str(rng.pick(&FILLERS));
        }
    }
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// One synthetic report, about 1.5–6 KB, varied by `seed`.
pub fn report(seed: u64) -> String {
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
    out.push_str(&format!("  {year}年,{place}紧紧围绕法治政府建设目标任务,扎实推进依法行政。现将有关情况报告如下:\n\n"));

    out.push_str(&format!("  一、{year}年推进法治政府建设的主要举措和成效\n\n"));
    let topics = rng.range(2, 6) as usize;
    for (i, numeral) in NUMERALS.iter().enumerate().take(topics) {
        let topic = TOPICS[(i + rng.range(0, 7) as usize) % TOPICS.len()];
        out.push_str(&format!("  ({numeral}){topic}。"));
        paragraph(&mut rng, &mut out);
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
    paragraph(&mut rng, &mut out);
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

/// Synthetic reports from `first_seed` on until their total size reaches `total` bytes.
pub fn corpus(first_seed: u64, total: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut size = 0;
    let mut seed = first_seed;
    while size < total {
        let r = report(seed);
        size += r.len();
        out.push(r);
        seed += 1;
    }
    out
}
