// The app as a person meets it at 1366×900 (issue 20): the keyboard alone reaches every panel
// of a report and the comparison, and every row of a 10,000-row figures table; results and
// messages appear where the eye is; the comparison is a view of its own whose picks outlive a
// reload; the demo joins the library only when kept; a text that is no report is said to be
// one; English mode shows no Chinese of its own and no internal id; axe-core is clean on the
// report and on the comparison. It writes the README's screenshots (see `shots`).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { launch, until, pasteAndAnalyze, figureRowCount, seed, withApp as sharedWithApp } from './lib.mjs';
import { visibleLeaks, tabStops, bigTable } from './ux-lib.mjs';

// The README's screenshots: FAZHI_SCREENSHOT_DIR, else beside FAZHI_SCREENSHOT (docs/ with
// `cargo xtask test --update-screenshot`, target/browser/ otherwise).
const shots = process.env.FAZHI_SCREENSHOT_DIR
  || (process.env.FAZHI_SCREENSHOT && join(dirname(process.env.FAZHI_SCREENSHOT), 'screenshots'));
const VIEW = { width: 1366, height: 900 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const withApp = (body) => sharedWithApp(browser, body, VIEW);

/** Waits until the report of `text` is on screen (its source text shown). */
async function analysed(page, text) {
  await pasteAndAnalyze(page, text);
  const probe = text.split('\n').map((l) => l.trim()).find((l) => l.length > 8).slice(0, 8);
  await until(async () => (await page.locator('#source').innerText().catch(() => '')).includes(probe), 'the report on screen');
  await until(async () => (await page.locator('table#figures').count()) === 1, 'the figures table');
}

/** Whether the element's box lies inside the viewport. */
const inView = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.top >= -1 && r.top < window.innerHeight && r.height > 0;
});

async function axeClean(page, state) {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [],
    `axe violations ${state}`);
}

async function screenshot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, name), fullPage: false });
}

test('after 分析 the title and the first panel are in view at 1366×900, and a refused file\'s message too', () => withApp(async ({ page }) => {
  await analysed(page, seed('000'));
  const title = page.locator('h2#report-title');
  await until(() => inView(title), 'the report title in view');
  await until(() => inView(page.locator('.workspace .pane').first()), 'the first panel in view');
  await until(() => inView(page.locator('section#key-indicators')), 'the key indicators in view');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-title', 'the focus on the title');
  await screenshot(page, 'report-1366.png');
  // A .doc is refused with advice a person can follow, where it can be seen.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-doc-'));
  const doc = join(dir, '年度报告.doc');
  writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 7)]));
  await page.locator('input#file').setInputFiles(doc);
  const error = page.locator('#error');
  await until(async () => (await error.innerText()).includes('.docx'), 'the .doc refused with the .docx advice');
  assert.match(await error.innerText(), /另存为/);
  await until(() => inView(error), 'the message in view');
}));

test('keyboard: Tab alone reaches every panel and the comparison; arrows reach every figure row', () => withApp(async ({ page }) => {
  await analysed(page, seed('000'));
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement?.blur(); });
  const reached = await tabStops(page, (k) => page.keyboard.press(k), 400);
  for (const panel of ['outline', 'key-indicators', 'figures', 'checks', 'source', 'compare']) {
    assert.ok(reached.includes(panel), `Tab reaches ${panel} (reached: ${reached.join(' ')})`);
  }
  // One tab stop for the rows: from the table Tab passes its five column headers' sort buttons
  // and leaves it, never landing on a row.
  await page.locator('table#figures').focus();
  const stops = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => document.activeElement?.closest('table#figures') ? document.activeElement.tagName : 'out'));
  }
  assert.deepEqual(stops, ['BUTTON', 'BUTTON', 'BUTTON', 'BUTTON', 'BUTTON', 'out'], 'Tab leaves the table');
  assert.equal(await page.locator('table#figures tr.figure[tabindex]').count(), 0, 'rows are no tab stops');

  // A 10,000-row table: End reaches the last row, kept rendered and in view; Home the first.
  await analysed(page, bigTable(10_000));
  await until(async () => (await figureRowCount(page)) === 10_000, '10,000 figures');
  const table = page.locator('table#figures');
  await table.focus();
  const active = () => page.evaluate(() => {
    const t = document.querySelector('table#figures');
    const row = document.getElementById(t.getAttribute('aria-activedescendant') ?? '');
    if (!row) return null;
    const box = t.closest('.table-wrap').getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return { index: Number(row.getAttribute('aria-rowindex')) - 1, visible: r.top >= box.top && r.bottom <= box.bottom + 1, focus: document.activeElement === t };
  });
  await page.keyboard.press('End');
  await until(async () => (await active())?.index === 10_000, 'End: the last row active');
  assert.deepEqual(await active(), { index: 10_000, visible: true, focus: true });
  await page.keyboard.press('ArrowUp');
  await until(async () => (await active())?.index === 9_999, 'ArrowUp: the row before');
  await page.keyboard.press('Home');
  await until(async () => (await active())?.index === 1, 'Home: the first row');
  await page.keyboard.press('PageDown');
  await until(async () => (await active())?.index > 5, 'PageDown: a page further');
  const { index } = await active();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await until(async () => (await active())?.index === index + 3, 'ArrowDown: row by row');
  assert.equal((await active()).visible, true, 'the active row in view');
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('#source mark.highlight').count()) > 0, 'Enter marks the row\'s sentence');
}));

test('the comparison is its own view; its picks outlive a reload; axe is clean on both views', () => withApp(async ({ page }) => {
  for (const p of ['000', '003']) await analysed(page, seed(p));
  await until(async () => (await page.locator('section#library tr.library-item').count()) === 2, 'two reports in the library');
  await axeClean(page, 'with the report open');
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.locator('#compare-toggle').click();
  assert.equal(await page.locator('#report-view').isVisible(), false, 'the report is out of the way');
  // The switch and the view under it come to the top (or as far up as the page scrolls).
  await until(() => page.locator('#views').evaluate((el) => Math.abs(el.getBoundingClientRect().top) < 40
    || (window.scrollY > 0 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2)),
  'the comparison brought into view');
  for (const box of await page.locator('input.compare-pick').all()) await box.check();
  await page.locator('table#compare-table').waitFor();
  await until(() => inView(page.locator('#compare-heading')), 'the comparison at the top of the view');
  // The comparison's tables fit the page; a wide one scrolls in its own box.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways page scroll');
  const wrap = await page.locator('#compare-table').evaluate((t) => [t.offsetWidth, t.closest('section#compare').clientWidth]);
  assert.ok(wrap[0] >= wrap[1] * 0.8, `a two-report table uses the width (${wrap})`);
  await axeClean(page, 'with the comparison open');
  await page.locator('#views').evaluate((el) => el.scrollIntoView({ behavior: 'instant' }));
  await screenshot(page, 'compare-1366.png');
  await page.reload();
  await page.locator('button#analyze').waitFor({ state: 'visible' });
  await page.locator('#compare-toggle').click();
  await until(async () => (await page.locator('input.compare-pick:checked').count()) === 2, 'the picks after a reload');
  await page.locator('table#compare-table').waitFor();
  // Back to the report with the keyboard.
  await page.locator('#view-report').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('section#compare').isVisible(), false);
}));

test('the demo joins the library only when kept; a text that is no report is told', () => withApp(async ({ page }) => {
  const items = page.locator('section#library tr.library-item');
  await page.locator('button#demo').click();
  await page.locator('button#keep-report').waitFor();
  assert.equal(await items.count(), 0, 'the demo is not saved by itself');
  await page.locator('button#keep-report').click();
  await until(async () => (await items.count()) === 1, 'kept on request');
  await until(async () => (await page.locator('button#keep-report').count()) === 0, 'no keep button once kept');
  // A renamed report's name wins in the report's header.
  await items.first().locator('button.rename').click();
  await page.locator('input.rename-input').fill('我的示例');
  await page.locator('input.rename-input').press('Enter');
  await until(async () => (await page.locator('h2#report-title').innerText()).trim() === '我的示例', 'the user\'s name in the header');

  await pasteAndAnalyze(page, '今天天气很好，我们去公园散步。晚上吃了三个饺子，看了两场电影。\n');
  const notice = page.locator('#not-a-report');
  await notice.waitFor();
  assert.match(await notice.innerText(), /不像/);
  assert.ok(await page.locator('table#figures').isVisible(), 'what was found is still shown');
}));

test('English mode: no Chinese of the app\'s own and no internal id, on a report and the comparison', () => withApp(async ({ page }) => {
  const texts = [seed('000'), seed('003')];
  for (const t of texts) await analysed(page, t);
  await page.locator('#lang-toggle').click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', 'English');
  // The pasted text's source, the checks, the counts: all in English.
  const leaks = () => page.evaluate(visibleLeaks, texts);
  assert.deepEqual(await leaks(), [], 'the report view in English');
  assert.match(await page.locator('section#checks').innerText(), /passed: |failed: |cannot tell: |\d+ of \d+ passed/);
  await page.locator('#views').evaluate((el) => el.scrollIntoView({ behavior: 'instant' }));
  await screenshot(page, 'report-en-1366.png');
  await page.locator('#compare-toggle').click();
  for (const box of await page.locator('input.compare-pick').all()) await box.check();
  await page.locator('table#compare-table').waitFor();
  assert.deepEqual(await leaks(), [], 'the comparison in English');
  // A .doc refused in English, with the same advice.
  const doc = join(mkdtempSync(join(tmpdir(), 'fazhi-doc-')), 'report.doc');
  writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 7)]));
  await page.locator('input#file').setInputFiles(doc);
  await until(async () => /save it as \.docx/.test(await page.locator('#error').innerText()), 'the .doc refused in English');
  assert.deepEqual(await leaks(), [], 'the message in English');
  // The check can fail: an id put on screen is found.
  await page.evaluate(() => { const p = document.createElement('p'); p.id = 'probe'; p.textContent = 'part_measures 报告库'; document.body.append(p); });
  assert.deepEqual((await leaks()).sort(), ['part_measures', '报告库'].sort(), 'the check finds an id and Chinese of the app');
  await page.evaluate(() => document.getElementById('probe').remove());
}));

test('Chinese mode: no internal id in visible text either', () => withApp(async ({ page }) => {
  const text = seed('003');
  await analysed(page, text);
  const ids = await page.evaluate((t) => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
      const el = n.parentElement;
      if (!el || el.closest('#source') || !el.checkVisibility()) continue;
      for (const m of n.data.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)) if (!t.includes(m[0])) out.push(m[0]);
    }
    return out;
  }, text);
  assert.deepEqual(ids, []);
}));

test('five reports side by side: the page never scrolls sideways, the table scrolls in its own box', () => withApp(async ({ page }) => {
  const prefixes = ['000', '001', '002', '003', '004'];
  for (const p of prefixes) await analysed(page, seed(p));
  await until(async () => (await page.locator('section#library tr.library-item').count()) === 5, 'five reports in the library');
  await page.locator('#compare-toggle').click();
  await page.locator('#compare-all').click();
  await until(async () => (await page.locator('table#compare-table thead th.report-col').count()) === 5, 'five columns');
  const [page_, box, table] = await page.locator('table#compare-table').evaluate((t) => [
    document.documentElement.scrollWidth - window.innerWidth, t.closest('.table-wrap').clientWidth, t.scrollWidth]);
  assert.ok(page_ <= 0, `the page does not scroll sideways (${page_} px too wide)`);
  assert.ok(table >= box, 'the table fills (or overflows) its own box, which scrolls');
}));

test('print: every figure row on paper, no gap, no view switch', () => withApp(async ({ page }) => {
  await analysed(page, seed('000'));
  const total = await figureRowCount(page);
  const rendered = () => page.locator('table#figures tbody tr.figure').count();
  assert.ok((await rendered()) < total, `a virtual table (${await rendered()} of ${total} rows rendered)`);
  // What the print button does: announce the print, then print in a later task.
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
  await page.locator('button#print').click();
  await until(() => page.evaluate(() => window.__printed), 'the print dialog asked for');
  assert.equal(await rendered(), total, 'every row rendered for print');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    text: document.body.innerText,
    gap: document.querySelector('#figures tbody').getBoundingClientRect().bottom
      - [...document.querySelectorAll('#figures tbody tr.figure')].at(-1).getBoundingClientRect().bottom,
  }));
  assert.ok(!shown.text.includes('比较报告') && !shown.text.includes('▶'), 'no view switch on paper');
  assert.ok(Math.abs(shown.gap) < 2, `no gap under the last row (${shown.gap} px)`);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await until(async () => (await rendered()) < total, 'back to the rows in view after printing');
}));
