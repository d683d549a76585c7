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
// or firefox-esr on PATH): another PDF writer (Cairo's), of pages laid out here as an official
// document's (`paginate`: fixed-width ragged lines, running header, "— N —" at the outer edge).
// The PDF score bar of `cargo xtask test` (xtask/src/pdfs.rs) uses both.
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

/** Lays `text` out in the page as an official document's A4 pages (run in the browser): lines
 * broken at a fixed width in mid-sentence (never inside a number), left ragged as browsers set
 * Chinese, a running header over a rule and the page number "— N —" at the outer edge, 22
 * lines a page, the title centred and larger. Firefox's print has no header or footer of its
 * own over WebDriver BiDi, so the pages carry theirs. */
function paginate(text) {
  const pt = 96 / 72;
  const [width, height, top, left, right] = [595 * pt, 842 * pt, 105 * pt, 79 * pt, 74 * pt];
  const [body, pitch, title] = [16 * pt, 28.9 * pt, 22 * pt];
  const font = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
  const ctx = document.createElement('canvas').getContext('2d');
  const measure = (ch, size) => {
    ctx.font = `${size}px ${font}`;
    return ctx.measureText(ch).width;
  };
  const word = (c) => /[0-9A-Za-z.%:\-/]/.test(c);
  const wrap = (chars, size, first, rest) => {
    const lines = [];
    let start = 0;
    while (start < chars.length) {
      const room = lines.length ? rest : first;
      let [end, used] = [start, 0];
      while (end < chars.length && used + measure(chars[end], size) <= room) used += measure(chars[end++], size);
      if (end < chars.length && end > start) {
        let back = end;
        while (back > start && word(chars[back - 1]) && word(chars[back])) back--;
        if (back > start) end = back;
      }
      end = Math.max(end, start + 1);
      lines.push(chars.slice(start, end).join(''));
      start = end;
    }
    return lines;
  };
  const lines = [];
  let titled = false;
  text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((p, i) => {
    const chars = [...p];
    const w = width - left - right;
    if (!titled && i < 4 && p.includes('报告') && !p.includes('>') && chars.length <= 40) {
      titled = true;
      for (const l of wrap(chars, title, w, w)) lines.push({ text: l, size: title, center: true });
      lines.push(null);
      return;
    }
    wrap(chars, body, w - 2 * body, w).forEach((l, k) => lines.push({ text: l, size: body, indent: k === 0 }));
  });
  const perPage = Math.floor((height - top - 99 * pt) / pitch);
  document.body.textContent = '';
  for (let n = 0; n * perPage < lines.length; n++) {
    const page = document.createElement('div');
    page.className = 'page';
    const add = (t, css) => {
      const d = document.createElement('div');
      d.textContent = t;
      d.style.cssText = `position:absolute;white-space:nowrap;font-family:${font};${css}`;
      page.append(d);
    };
    add(header, `top:${60 * pt}px;left:${left}px;right:${right}px;text-align:center;font-size:${10.5 * pt}px;border-bottom:1px solid #000`);
    lines.slice(n * perPage, (n + 1) * perPage).forEach((l, k) => {
      if (!l) return;
      const x = l.indent ? left + 2 * l.size : left;
      const align = l.center ? `left:${left}px;right:${right}px;text-align:center` : `left:${x}px`;
      add(l.text, `top:${top + k * pitch - l.size}px;font-size:${l.size}px;${align}`);
    });
    const side = n % 2 === 0 ? `right:${right + body}px` : `left:${left + body}px`;
    add(`— ${n + 1} —`, `top:${height - 70 * pt}px;${side};font-size:${14 * pt}px`);
    document.body.append(page);
  }
}

/** Firefox's printer: the pages laid out by `paginate`, printed edge to edge. */
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
  });
  const page = await browser.newPage();
  const print = async (text) => {
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>
      @page { size: A4; margin: 0 } body { margin: 0 }
      .page { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page }
    </style><body></body>`);
    await page.evaluate(`{ const header = ${JSON.stringify(header)}; (${paginate})(${JSON.stringify(text)}); }`);
    return page.pdf({ format: 'A4', margin: { top: 0, bottom: 0, left: 0, right: 0 }, preferCSSPageSize: true });
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
