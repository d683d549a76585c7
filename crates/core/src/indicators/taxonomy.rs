//! The key-indicator taxonomy of `docs/domain.md`, as data.
//!
//! Adding an indicator is adding one entry to [`TAXONOMY`]; the matcher in `indicators` reads
//! nothing else. Words are in simplified script (matching runs on the simplified view).

/// One canonical key indicator and the words that recognise it.
///
/// A figure gets the id when its unit is one of `units`, a `topics` word names its subject
/// (near the figure, in its clause, or carried over from an earlier clause of the sentence), a
/// `keys` word says which count of that subject it is (when `keys` is not empty), and no
/// `excludes` word sits next to it.
#[derive(Debug)]
pub struct Indicator {
    /// Stable id used in the JSON output and the answer keys.
    pub id: &'static str,
    /// Short Chinese label for tables and the comparison view.
    pub label: &'static str,
    /// Indicators of one group count the same subject in different ways (received, accepted,
    /// concluded…); a figure gets at most one id per group.
    pub group: &'static str,
    /// Words naming the subject; empty when the keys alone are enough.
    pub topics: &'static [&'static str],
    /// True when the subject is usually the grammatical subject of the whole sentence
    /// ("政府法律顾问列席…178次,提供咨询439次"), so a topic anywhere earlier in it counts.
    pub sentence_topic: bool,
    /// Verbs or nouns selecting this count of the subject; one must be in the figure's clause
    /// unless `key_optional`.
    pub keys: &'static [&'static str],
    /// True when a count of the subject with none of the group's keys still is this one
    /// ("行政复议案件42件" counts cases received).
    pub key_optional: bool,
    /// Units the count may carry (as figures report them, simplified).
    pub units: &'static [&'static str],
    /// Words that, next to the figure, mean it counts something else.
    pub excludes: &'static [&'static str],
    /// What a value of the indicator may count, by the verb or noun that says so: each
    /// *measure* is a name and its words ("收到": 收到, 新收, 签收…). A value's measure is the
    /// one whose word stands nearest the figure (see `describe`); values of different measures
    /// never share a comparison row. Empty when the id alone says what is counted.
    pub measures: &'static [(&'static str, &'static [&'static str])],
    /// The measures a headline value may have ("" = none named), when only some count the
    /// whole of the indicator: a legal adviser's 咨询 or 列席 is a kind of service, not the
    /// total. Empty: any measure may.
    pub headline_measures: &'static [&'static str],
}

const CASES: &[&str] = &["件", "宗", "起", "件次"];
const DOCS: &[&str] = &["件", "份", "个", "部", "项"];
const PCT: &[&str] = &["%"];

/// Words that make a 行政复议 figure a count of outcomes rather than of cases.
#[rustfmt::skip]
const RECON_OUTCOMES: &[&str] = &[
    "纠错", "纠正", "维持", "驳回", "撤销", "确认违法", "调解", "和解", "化解", "建议书", "意见书",
    "提醒函", "终止", "不予受理", "正在审理", "审理中", "结转", "听证", "涉及",
];

/// The kinds of service a government legal adviser's count may be of.
#[rustfmt::skip]
const ADVISER_MEASURES: &[(&str, &[&str])] = &[
    ("服务", &["服务"]),
    ("列席", &["列席"]),
    ("咨询", &["咨询"]),
    ("审查", &["合法性审查", "合法性审核", "审查", "审核", "把关"]),
    ("意见", &["法律意见书", "法律意见", "意见书", "意见"]),
    ("论证", &["论证"]),
    ("代理", &["代理"]),
    ("参与", &["参与"]),
];

/// What is done with 人大代表建议 and 政协提案.
const PROPOSAL_MEASURES: &[(&str, &[&str])] = &[("办理", &["办理", "签收", "承办"]), ("办结", &["办结", "答复"])];

/// Every key indicator, in the order of `docs/domain.md`.
#[rustfmt::skip]
pub static TAXONOMY: &[Indicator] = &[
    Indicator {
        id: "reconsideration_received",
        label: "行政复议收案",
        group: "reconsideration",
        topics: &["行政复议", "复议申请", "复议案件"],
        sentence_topic: false,
        keys: &["收到", "新收", "收案", "办理", "接收", "共收"],
        key_optional: true,
        units: CASES,
        excludes: RECON_OUTCOMES,
        measures: &[("收到", &["收到", "新收", "收案", "接收", "共收", "签收"]), ("办理", &["办理"])],
        headline_measures: &[],
    },
    Indicator {
        id: "reconsideration_accepted",
        label: "行政复议受理",
        group: "reconsideration",
        topics: &["行政复议", "复议申请", "复议案件"],
        sentence_topic: false,
        keys: &["受理", "立案"],
        key_optional: false,
        units: CASES,
        excludes: RECON_OUTCOMES,
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "reconsideration_concluded",
        label: "行政复议办结",
        group: "reconsideration",
        topics: &["行政复议", "复议申请", "复议案件"],
        sentence_topic: false,
        keys: &["办结", "审结", "结案", "作出决定", "作出复议决定"],
        key_optional: false,
        units: CASES,
        excludes: RECON_OUTCOMES,
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "reconsideration_correction_rate",
        label: "行政复议纠错率",
        group: "reconsideration",
        topics: &["行政复议", "复议申请", "复议案件"],
        sentence_topic: false,
        keys: &["纠错率", "纠正率"],
        key_optional: false,
        units: PCT,
        excludes: &[],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "litigation_cases",
        label: "行政诉讼案件",
        group: "litigation",
        topics: &["行政诉讼", "行政应诉", "应诉案件"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: CASES,
        excludes: &["出庭", "负责人", "胜诉", "撤诉", "和解", "调解", "化解", "检察", "信息公开", "涉及"],
        measures: &[("收案", &["发生", "新收", "收到", "新增", "被诉"]), ("受理", &["受理"]), ("办理", &["办理", "应诉", "承办"])],
        headline_measures: &[],
    },
    Indicator {
        id: "litigation_concluded",
        label: "行政诉讼结案",
        group: "litigation",
        topics: &["行政诉讼", "行政应诉", "应诉案件"],
        sentence_topic: false,
        keys: &["审结", "结案", "办结", "生效", "已结"],
        key_optional: false,
        units: CASES,
        excludes: &["出庭", "负责人", "信息公开"],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "litigation_lost",
        label: "行政诉讼败诉",
        group: "litigation",
        topics: &["行政诉讼", "行政应诉", "应诉案件"],
        sentence_topic: false,
        keys: &["败诉"],
        key_optional: false,
        units: CASES,
        excludes: &["败诉率"],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "leader_court_appearance",
        label: "负责人出庭应诉",
        group: "leader",
        topics: &["负责人出庭", "出庭应诉", "领导出庭", "负责同志出庭"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "宗", "起", "件次", "次", "人次", "名", "人", "%"],
        excludes: &["旁听"],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "normative_docs_issued",
        label: "规范性文件制定",
        group: "normative",
        topics: &["规范性文件"],
        sentence_topic: false,
        keys: &["制定", "印发", "出台", "发布", "制发"],
        key_optional: false,
        units: DOCS,
        excludes: &[
            "备案", "报备", "审查", "审核", "清理", "现行有效", "保留", "修改", "修订", "废止", "失效",
            "评估", "听取", "征求", "合法性",
        ],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "normative_docs_abolished",
        label: "规范性文件废止",
        group: "normative",
        topics: &["规范性文件"],
        sentence_topic: false,
        keys: &["废止", "失效", "废除", "停止执行"],
        key_optional: false,
        units: DOCS,
        excludes: &["修改", "修订", "保留", "拟保留"],
        measures: &[("废止", &["废止", "废除", "停止执行"]), ("失效", &["宣布失效", "失效"])],
        headline_measures: &[],
    },
    Indicator {
        id: "major_decisions",
        label: "重大行政决策",
        group: "major",
        topics: &["重大行政决策", "重大决策"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["项", "件", "个"],
        excludes: &[
            "听证", "论证", "评估", "调整", "合法性", "审查", "审核", "程序", "公众参与", "征求意见",
            "集体讨论",
        ],
        measures: &[("公布", &["公布", "公开", "发布"]), ("制定", &["制定", "作出", "出台"]), ("审议", &["审议", "集体讨论"])],
        headline_measures: &[],
    },
    Indicator {
        id: "legality_reviews",
        label: "合法性审查",
        group: "legality",
        topics: &["合法性审查", "合法性审核", "法律意见书"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "份", "次", "项", "个", "宗"],
        excludes: &["备案审查", "公平竞争"],
        measures: &[("审查", &["合法性审查", "合法性审核", "审查", "审核"]), ("意见", &["法律意见书", "法律意见", "意见书", "意见"])],
        headline_measures: &[],
    },
    Indicator {
        id: "legal_advisers_services",
        label: "法律顾问服务",
        group: "advisers",
        topics: &["法律顾问"],
        sentence_topic: true,
        keys: &["列席", "咨询", "服务", "审查", "审核", "意见", "论证", "出具", "参与", "代理", "把关"],
        key_optional: false,
        units: &["次", "件", "份", "人次", "场", "场次", "项", "宗"],
        excludes: &[
            "社区法律顾问", "村法律顾问", "居法律顾问", "一村一法律顾问", "村(社区)法律顾问",
            "村(居)法律顾问", "一村(居)一法律顾问", "一村(社区)一法律顾问",
        ],
        measures: ADVISER_MEASURES,
        headline_measures: &["", "服务"],
    },
    Indicator {
        id: "enforcement_files_reviewed",
        label: "执法案卷评查",
        group: "files",
        topics: &["案卷", "卷宗"],
        sentence_topic: false,
        keys: &["评查", "抽查", "抽取", "检查"],
        key_optional: false,
        units: &["宗", "件", "份", "本", "卷", "次", "轮", "轮次", "场", "个"],
        excludes: &["优秀", "问题", "不合格", "整改"],
        measures: &[("评查", &["评查", "检查", "抽查"]), ("抽取", &["抽取"])],
        headline_measures: &[],
    },
    Indicator {
        id: "enforcement_training",
        label: "执法人员培训",
        group: "training",
        topics: &["执法"],
        sentence_topic: false,
        keys: &["培训", "轮训"],
        key_optional: false,
        units: &["次", "场", "场次", "期", "人", "人次", "名", "班", "批", "批次"],
        excludes: &["监督员", "谁执法谁普法", "培训机构"],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "enforcement_certificates",
        label: "执法证件",
        group: "certificates",
        topics: &["执法证", "执法资格"],
        sentence_topic: false,
        keys: &["换发", "核发", "发放", "办理", "申领", "新办", "新增", "颁发", "发证", "注册"],
        key_optional: false,
        units: &["人", "名", "个", "本", "张", "件", "份"],
        excludes: &["考试"],
        measures: &[("换发", &["换发"]), ("新办", &["新增", "新办", "核发", "发放", "颁发", "申领", "注册", "发证"])],
        headline_measures: &[],
    },
    Indicator {
        id: "legal_publicity_events",
        label: "普法活动",
        group: "publicity",
        topics: &[
            "普法", "法治宣传", "法律宣传", "法治讲座", "法律讲座", "法律知识讲座", "送法", "宪法宣传",
            "民法典宣传",
        ],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["场", "场次", "次", "期", "轮"],
        excludes: &[
            "成员单位", "任务", "信息", "阅读", "浏览", "点击", "推送", "稿件", "文章", "视频", "短视频",
            "责任", "考试", "培训",
        ],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "legal_aid_cases",
        label: "法律援助案件",
        group: "aid",
        topics: &["法律援助"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "宗", "起"],
        excludes: &["资金", "经费", "满意", "咨询", "值班", "帮助"],
        measures: &[("受理", &["受理"]), ("办结", &["办结", "结案", "审结"]), ("办理", &["办理", "承办", "提供"])],
        headline_measures: &[],
    },
    Indicator {
        id: "mediation_cases",
        label: "调解案件",
        group: "mediation",
        topics: &["调解"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "宗", "起"],
        excludes: &["成功", "调解员", "委员会", "调解室", "工作室", "培训", "金额", "复议"],
        measures: &[("受理", &["受理"]), ("办理", &["办理"])],
        headline_measures: &[],
    },
    Indicator {
        id: "mediation_success_rate",
        label: "调解成功率",
        group: "mediation",
        topics: &["调解"],
        sentence_topic: false,
        keys: &["成功率"],
        key_optional: false,
        units: PCT,
        excludes: &[],
        measures: &[],
        headline_measures: &[],
    },
    Indicator {
        id: "npc_suggestions",
        label: "人大代表建议",
        group: "npc",
        topics: &["人大代表建议", "人大建议", "代表建议", "人大代表议案", "代表议案"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "项", "条", "份", "个"],
        excludes: &["立法建议"],
        measures: PROPOSAL_MEASURES,
        headline_measures: &[],
    },
    Indicator {
        id: "cppcc_proposals",
        label: "政协提案",
        group: "cppcc",
        topics: &["政协提案", "委员提案"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "项", "条", "份", "个"],
        excludes: &[],
        measures: PROPOSAL_MEASURES,
        headline_measures: &[],
    },
    Indicator {
        id: "info_disclosure_requests",
        label: "依申请公开",
        group: "disclosure",
        topics: &["依申请公开", "信息公开申请", "公开申请"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["件", "宗", "个", "份", "条", "次"],
        excludes: &[],
        measures: &[("收到", &["收到", "受理", "接收", "新收"]), ("办理", &["办理"]), ("答复", &["答复", "办结"])],
        headline_measures: &[],
    },
    Indicator {
        id: "audit_projects",
        label: "审计项目",
        group: "audit",
        topics: &["审计"],
        sentence_topic: false,
        keys: &["项目", "审计报告", "报告", "开展", "完成", "实施"],
        key_optional: false,
        units: &["项", "个", "大项", "份", "篇"],
        excludes: &["建议", "整改", "制度", "问题", "移送", "意见"],
        measures: &[("报告", &["审计报告", "报告"]), ("项目", &["项目"])],
        headline_measures: &[],
    },
    Indicator {
        id: "gov_services_online",
        label: "政务服务网办",
        group: "services",
        topics: &[],
        sentence_topic: false,
        keys: &[
            "通办", "网办", "网上办", "网上可办", "在线办", "掌上办", "指尖办", "全流程办理", "全程电子化",
            "不见面", "零跑腿",
        ],
        measures: &[("通办", &["通办"]), ("网办", &["网办", "网上办", "网上可办", "在线办", "掌上办", "指尖办", "全流程办理", "全程电子化"]), ("不见面", &["不见面", "零跑腿"])],
        headline_measures: &[],
        key_optional: false,
        units: &["项", "个", "件", "类", "%"],
        // Counts of places or offices, not of services: "80个乡镇实现“跨省通办”".
        excludes: &["窗口", "专区", "秒批", "秒报", "乡镇", "镇街", "街道", "社区", "部门", "单位"],
    },
    Indicator {
        id: "public_interest_litigation",
        label: "行政公益诉讼",
        group: "public_interest",
        topics: &["公益诉讼"],
        sentence_topic: false,
        keys: &["立案", "办理", "受理", "提起", "起诉"],
        key_optional: false,
        units: &["件", "宗", "起"],
        excludes: &["诉前", "检察建议"],
        measures: &[("立案", &["立案"]), ("办理", &["办理", "受理"]), ("起诉", &["提起", "起诉"])],
        headline_measures: &[],
    },
    Indicator {
        id: "emergency_drills",
        label: "应急演练",
        group: "drills",
        topics: &["演练"],
        sentence_topic: false,
        keys: &[],
        key_optional: false,
        units: &["场", "场次", "次", "轮", "期"],
        excludes: &["参与", "参加"],
        measures: &[],
        headline_measures: &[],
    },
];

/// The taxonomy entry of `id`, if it is one.
pub fn get(id: &str) -> Option<&'static Indicator> {
    TAXONOMY.iter().find(|i| i.id == id)
}

/// The short Chinese label of a key-indicator id ("行政复议收案"), if `id` is known.
pub fn label(id: &str) -> Option<&'static str> {
    get(id).map(|i| i.label)
}

/// Where `id` sorts in the taxonomy (the order of `docs/domain.md`); unknown ids sort last.
pub fn rank(id: &str) -> usize {
    TAXONOMY.iter().position(|i| i.id == id).unwrap_or(TAXONOMY.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_entries_are_usable() {
        for (i, a) in TAXONOMY.iter().enumerate() {
            assert!(TAXONOMY[i + 1..].iter().all(|b| b.id != a.id), "duplicate id {}", a.id);
            assert!(!a.units.is_empty(), "{} has no units", a.id);
            assert!(!a.topics.is_empty() || !a.keys.is_empty(), "{} can never match", a.id);
            assert!(!a.key_optional || !a.keys.is_empty(), "{}: key_optional without keys", a.id);
            assert!(!a.label.is_empty());
        }
        assert_eq!(TAXONOMY.len(), 27);
        // The matcher keeps sets of entries in a u128.
        assert!(TAXONOMY.len() <= 128);
        assert_eq!(label("reconsideration_received"), Some("行政复议收案"));
        assert_eq!(label("nope"), None);
        assert_eq!(rank("emergency_drills"), 26);
    }
}
