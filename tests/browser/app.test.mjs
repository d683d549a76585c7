// The app around the report: opening files (GBK text, saved HTML, a broken PDF; PDFs: pdf.test.mjs), hostile input
// shown as text, the library surviving a reload, exports, the JavaScript API, accessibility
// (axe-core) and the README screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { launch, openApp, assertClean, until, cliReport, plain, pasteAndAnalyze, texts, figureRows, figureRowCount } from './lib.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const gbkFixture = join(here, 'fixtures', 'synthetic-gbk.txt');
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-browser-'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the app, runs `body(app)`, checks the page stayed clean, closes it. */
async function withApp(body, { clean = true } = {}) {
  const app = await openApp(browser);
  try {
    await body(app);
    if (clean) assertClean(app.log);
  } finally {
    await app.context.close();
  }
}

/** Waits until the report view shows `want` (the CLI's report for the same input). */
async function showsReport(page, want) {
  if (want.meta.title) {
    await until(async () => (await page.locator('h2#report-title').innerText()).trim() === want.meta.title, `title ${want.meta.title}`);
  }
  const items = page.locator('ul#outline [role=treeitem]');
  await until(async () => (await items.count()) === want.sections.length, `${want.sections.length} treeitems`);
  const values = async () => (await figureRows(page)).map((r) => r.value).sort();
  const wanted = want.metrics.map((m) => plain(m.value)).sort();
  await until(async () => JSON.stringify(await values()) === JSON.stringify(wanted), `figures ${wanted}`);
}

test('opens a GBK-encoded .txt through the file input', () => withApp(async ({ page }) => {
  const bytes = readFileSync(gbkFixture);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
  await page.locator('input#file').setInputFiles(gbkFixture);
  await until(async () => (await page.locator('#source').innerText()).includes('青禾县人民政府'), 'the decoded Chinese text');
  assert.ok(!(await page.locator('#source').innerText()).includes('\uFFFD'), 'no replacement characters');
  await showsReport(page, cliReport(gbkFixture));
}));

test('opens a saved .html page through the file input, as text only', () => withApp(async ({ page, log }) => {
  const body = new TextDecoder('gbk').decode(readFileSync(gbkFixture));
  const paragraphs = body.split(/\r?\n/).filter(Boolean).map((l) => `<p>${l}</p>`).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>alert('from the file')</script><style>p{color:red}</style></head>
<body>${paragraphs}<img src="https://example.invalid/x.png"></body></html>`;
  const file = join(tmp, 'report.html');
  writeFileSync(file, html);
  await page.locator('input#file').setInputFiles(file);
  await until(async () => (await page.locator('#source').innerText()).includes('青禾县人民政府'), 'the page text');
  const source = await page.locator('#source').innerText();
  assert.ok(!source.includes('<p>') && !source.includes('alert('), 'tags and scripts stripped');
  await showsReport(page, cliReport(file));
  assert.deepEqual(log.dialogs, []);
}));

test('a PDF that is only a header is reported damaged, in Chinese', () => withApp(async ({ page }) => {
  await page.locator('input#file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\n') });
  const alert = page.locator('[role=alert]#error');
  await until(async () => (await alert.innerText()).includes('PDF 文件已损坏'), 'the PDF error');
  assert.match(await alert.innerText(), /[\u4e00-\u9fff]/, 'in Chinese');
}, { clean: false }));

test('shows pasted markup as text and runs none of it', () => withApp(async ({ page, log }) => {
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await pasteAndAnalyze(page, hostile);
  await until(async () => (await page.locator('#source').innerText()).includes(hostile), 'the markup shown literally');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#source img, #source script').count(), 0, 'no elements made from the text');
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(log.dialogs, [], 'no dialog opened');
  assert.ok(!log.requests.some((u) => /\/x$/.test(u)), 'the <img> was never fetched');
}));

test('a very long paste is held outside the paste area, and nothing of it is lost', async () => {
  // A real Ctrl+V through the system clipboard (a trusted paste event, as a user's).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(process.env.FAZHI_URL);
    const area = page.locator('textarea#input');
    await area.waitFor({ state: 'visible' });
    const copy = (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
    const unit = '某区2030年法治政府建设年度报告\n一、主要举措\n全年办理行政复议案件12件，同比增长20%。\n';
    // A short paste is the browser's own, into the area, after what is there.
    await copy(unit);
    await area.fill('前言');
    await area.press('End');
    await area.press('Control+V');
    assert.equal(await area.inputValue(), '前言' + unit, 'a short paste goes into the paste area');
    // A long one (over 150 KB) replaces the selection but is held: the area gives way to a summary.
    const long = unit.repeat(Math.ceil(400_000 / Buffer.byteLength(unit)));
    await copy(long);
    await area.fill('旧文本');
    await area.press('Control+A');
    await area.press('Control+V');
    const held = page.locator('#held-text');
    await held.waitFor({ state: 'visible' });
    assert.equal(await page.locator('textarea#input').count(), 0, 'no textarea holds the long text');
    assert.match(await held.innerText(), new RegExp(`${[...long].length} 个字符`), 'the summary counts the characters');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'analyze', 'the keyboard continues on 分析');
    await page.keyboard.press('Enter');
    await page.locator('article#report').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await page.locator('#figures-panel .summary').innerText(), /\d{4}/, 'thousands of figures from the held text');
    // Shown on request, whole and unchanged.
    await page.locator('button#show-held').click();
    assert.equal(await page.locator('textarea#input').inputValue(), long, 'the held text is kept exactly');
    await page.locator('button#clear').click();
    assert.equal(await page.locator('textarea#input').inputValue(), '');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the library keeps reports across a reload', () => withApp(async ({ page }) => {
  const items = page.locator('section#library tr.library-item');
  const before = await items.count();
  await page.locator('button#demo').click();
  // The made-up demo joins the library only when kept (issue 20).
  await page.locator('button#keep-report').click();
  await until(async () => (await items.count()) > before, 'the demo saved to the library');
  await page.locator('input#file').setInputFiles(gbkFixture);
  await until(async () => (await items.count()) > before + 1, 'the GBK report saved too');
  const saved = await texts(page, 'section#library tr.library-item');
  await page.reload();
  await page.locator('button#analyze').waitFor({ state: 'visible' });
  await until(async () => JSON.stringify(await texts(page, 'section#library tr.library-item')) === JSON.stringify(saved),
    'the same library after reload');
  // open the GBK report from the library
  const qinghe = items.filter({ hasText: '青禾县' });
  if (await qinghe.count()) {
    await qinghe.first().locator('button').first().click();
    await until(async () => (await page.locator('#source').innerText()).includes('青禾县人民政府'), 'the saved report reopened');
  }
  // delete removes one item (accepting a confirmation if the app asks)
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => d.accept());
  const n = await items.count();
  await items.last().locator('button.delete').click();
  await until(async () => (await items.count()) === n - 1, 'an item deleted');
  assert.ok(await page.locator('button#export-library').isVisible());
  assert.equal(await page.locator('input#import-library[type=file]').count(), 1);
}));

test('exports the figures as CSV (UTF-8 with BOM) and the report as JSON', () => withApp(async ({ page }) => {
  await page.locator('button#demo').click();
  const rows = page.locator('table#figures tbody tr.figure');
  await until(async () => (await rows.count()) > 0, 'figures');
  // The table is virtual: it says how many rows it has; figureRows reads them all.
  const n = await figureRowCount(page);
  assert.equal((await figureRows(page)).length, n, 'every row of the table can be scrolled to');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button#export-csv').click()]);
  const csvBytes = readFileSync(await csv.path());
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
  const lines = csvBytes.toString('utf8').slice(1).split(/\r?\n/).filter(Boolean);
  assert.ok(lines.length >= n + 1, `header + ${n} rows (have ${lines.length})`);
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('button#export-json').click()]);
  const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(report.metrics.length, n);
  assert.equal(report.sections.length, await page.locator('ul#outline [role=treeitem]').count());
}));

test('exposes analyze() to JavaScript', () => withApp(async ({ page }) => {
  const text = new TextDecoder('gbk').decode(readFileSync(gbkFixture));
  const want = cliReport(gbkFixture);
  const got = await page.evaluate((t) => window.fazhi.analyze(t), text);
  // The same object as the CLI's JSON, field for field (the CLI also names the file it read).
  delete want.source;
  delete got.source;
  assert.deepEqual(got, want);
}));

test('shows checks, key indicators and the version', () => withApp(async ({ page }) => {
  await page.locator('button#demo').click();
  await until(async () => (await page.locator('section#checks li.check').count()) > 0, 'checks');
  for (const id of await page.locator('section#checks li.check').evaluateAll((els) => els.map((e) => e.dataset.id))) {
    assert.match(id ?? '', /^[a-z_]+$/, 'each check has its id');
  }
  assert.ok(await page.locator('section#key-indicators').isVisible());
  assert.ok(await page.locator('dl#meta').isVisible());
  assert.match(await page.locator('#version').innerText(), /\d+\.\d+\.\d+/);
}));

test('axe-core finds no serious or critical violations', () => withApp(async ({ page }) => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // DevTools evaluation is not subject to the page's CSP, so axe needs no inline <script>.
  await page.evaluate(axeSource);
  const audit = async (state) => {
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [],
      `axe violations ${state}`);
  };
  await audit('on the empty page');
  await page.locator('button#demo').click();
  await until(async () => (await page.locator('table#figures tbody tr.figure').count()) > 0, 'the demo report');
  await audit('on the demo report');
}));

test('screenshot of the demo report for the README', () => withApp(async ({ page }) => {
  await page.locator('button#demo').click();
  const rows = page.locator('table#figures tbody tr.figure');
  await until(async () => (await rows.count()) > 0, 'the demo report');
  // show a highlighted figure, then the report view from its title down
  await rows.nth(Math.min(2, (await rows.count()) - 1)).click();
  await until(async () => (await page.locator('#source mark.highlight').count()) > 0, 'a highlight');
  await page.locator('h2#report-title').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
  await page.waitForTimeout(300);
  const out = process.env.FAZHI_SCREENSHOT;
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
  }
}));
