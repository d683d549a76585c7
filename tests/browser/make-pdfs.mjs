// Makes the test PDFs of the PDF reader (crates/pdf, issue 17) from text: the seed reports
// (read at run time from FAZHI_CORPUS, default ../shared/corpus; never copied into the
// repository) and a synthetic report written here, printed to PDF by Chromium's page.pdf()
// (TrueType subsets with ToUnicode maps and Identity-H, compressed streams, many pages), with a
// running header and a "— N —" page number as page chrome. Writes into target/pdfs/ (or the
// directory given as the first argument): NAME.pdf next to NAME.txt, the text it was made from.
//
//   node tests/browser/make-pdfs.mjs [outdir] [firefox]
//
// With `firefox`, Firefox prints them instead (puppeteer-core over WebDriver BiDi, FAZHI_FIREFOX
// or firefox-esr on PATH): another PDF writer (Cairo's), whose own print header and footer
// (its print.print_* preferences) carry the running header and the page number. The PDF score
// bar of `cargo xtask test` (xtask/src/pdfs.rs) uses both.
//
// playwright-core comes from tests/browser/node_modules, or from PLAYWRIGHT_CORE (a path to the
// package) when this checkout has not run `npm ci`.

import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const out = resolve(process.argv[2] || join(repo, 'target', 'pdfs'));
const withFirefox = process.argv[3] === 'firefox';
const corpus = process.env.FAZHI_CORPUS || resolve(repo, '..', 'shared', 'corpus');

async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium;
  } catch (e) {
    const path = process.env.PLAYWRIGHT_CORE;
    if (!path) throw e;
    return (await import(pathToFileURL(join(path, 'index.mjs')).href)).chromium;
  }
}

// A synthetic report: headings of every shape, long paragraphs that wrap, figures, a table.
const SYNTHETIC = `示例市人民政府2024年法治政府建设年度报告

2024年，示例市坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面落实法治政府建设实施纲要，各项工作取得新进展。现将有关情况报告如下：

一、主要举措和成效

（一）加强党的领导，压实法治建设责任。市政府常务会议专题研究法治政府建设工作6次，制定年度工作要点，明确任务分工37项，将法治建设成效纳入全市高质量发展综合绩效考核，考核权重提高到4%。

（二）深化“放管服”改革，优化法治化营商环境。全年取消和调整行政许可事项12项，政务服务事项网上可办率达到99.2%，新增市场主体3.6万户，同比增长8.5%。开展涉企行政检查“综合查一次”，减少检查频次近40%。

（三）推进严格规范公正文明执法。全市行政执法机关办理行政处罚案件4821件，罚没款1.37亿元；行政许可决定56312件。落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织执法人员培训32期，培训2600余人次。

1.规范行政执法程序。制定行政裁量权基准清单，覆盖执法事项1260项。

2.强化行政执法监督。开展案卷评查，抽查案卷480卷，优秀率为86.3%。

（四）依法化解社会矛盾纠纷。全年收到行政复议申请1127件，受理1043件，审结986件，纠错率为11.6%。行政机关负责人出庭应诉率达到100%。

二、存在的不足和原因

一是法治意识还需增强，少数领导干部运用法治思维和法治方式推动工作的能力不足；二是基层执法力量薄弱，乡镇（街道）综合执法人员专业化水平有待提高；三是法治宣传的针对性和实效性不够。

三、2025年工作安排

2025年，示例市将继续深入学习贯彻习近平法治思想，重点做好以下工作：一是完善依法行政制度体系；二是深化行政执法体制改革；三是加强行政复议和应诉工作；四是持续推进法治宣传教育。

示例市人民政府
2025年1月15日
`;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const heading = /^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])/;

function html(text) {
  const paras = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const body = paras
    .map((p) => (heading.test(p) && p.length < 40 ? `<p class="h">${escape(p)}</p>` : `<p>${escape(p)}</p>`))
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><style>
    body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 16px; line-height: 1.6; margin: 0; }
    p { text-indent: 2em; margin: 0 0 0.4em; text-align: justify; }
    p.h { text-indent: 0; font-weight: bold; }
  </style><body>${body}</body>`;
}

const reports = [['synthetic', SYNTHETIC]];
if (existsSync(corpus)) {
  for (const f of readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()) {
    reports.push([`seed-${f.replace(/\.txt$/, '')}`, readFileSync(join(corpus, f), 'utf8')]);
  }
}

const header = '法治政府建设年度报告（测试）';
const margin = { top: '25mm', bottom: '25mm', left: '28mm', right: '26mm' };

/** Chromium's printer: header and footer from templates. */
async function chromiumPrinter() {
  const chromium = await loadChromium();
  const executablePath = process.env.FAZHI_CHROMIUM || execSync('command -v chromium').toString().trim();
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  const print = async (text) => {
    await page.setContent(html(text));
    return page.pdf({
      format: 'A4',
      margin,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:9px;width:100%;text-align:center;font-family:WenQuanYi Micro Hei">${header}</div>`,
      footerTemplate: '<div style="font-size:10px;width:100%;text-align:center">— <span class="pageNumber"></span> —</div>',
    });
  };
  return { print, close: () => browser.close() };
}

/** Firefox's printer: header and footer from its print preferences (&P is the page number). */
async function firefoxPrinter() {
  const { default: puppeteer } = await import('puppeteer-core');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const executablePath =
    process.env.FAZHI_FIREFOX || execSync('command -v firefox-esr || command -v firefox').toString().trim();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'fazhi-firefox-print-')),
    extraPrefsFirefox: {
      'print.print_headerleft': '',
      'print.print_headercenter': header,
      'print.print_headerright': '',
      'print.print_footerleft': '',
      'print.print_footercenter': '— &P —',
      'print.print_footerright': '',
    },
  });
  const page = await browser.newPage();
  const print = async (text) => {
    await page.setContent(html(text));
    return page.pdf({ format: 'A4', margin, displayHeaderFooter: true });
  };
  return { print, close: () => browser.close() };
}

mkdirSync(out, { recursive: true });
const printer = withFirefox ? await firefoxPrinter() : await chromiumPrinter();
try {
  for (const [name, text] of reports) {
    const pdf = await printer.print(text);
    writeFileSync(join(out, `${name}.pdf`), pdf);
    writeFileSync(join(out, `${name}.txt`), text);
    console.log(`${name}.pdf ${pdf.length} bytes`);
  }
} finally {
  await printer.close();
}
