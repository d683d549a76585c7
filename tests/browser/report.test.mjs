// The report view against the CLI: each seed report pasted into the app shows the same title,
// headings and figures as `fazhi analyze --format json` computes for that file, and a figure's
// row highlights its sentence in the source text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openApp, assertClean, until, cliReport, plain, pasteAndAnalyze, texts, figureRows, figureRowCount } from './lib.mjs';

const corpus = process.env.FAZHI_CORPUS;
/** The outline's label for each section kind (web.md's DOM contract). */
const KIND_LABELS = { measures: '成效', leaders: '第一责任人', problems: '不足', plans: '下一年安排' };
const seeds = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();

let browser, app;
before(async () => {
  browser = await launch();
  app = await openApp(browser);
});
after(async () => {
  await app?.context.close();
  await browser?.close();
});

test('the seed corpus is there', () => assert.ok(seeds.length >= 1, `no .txt in ${corpus}`));

for (const name of seeds) {
  test(`${name}: title, headings, figures and highlight match the CLI`, async () => {
    const { page, log } = app;
    const file = join(corpus, name);
    const want = cliReport(file);
    // A textarea holds newline-normalised text; the analysis must not depend on that.
    await pasteAndAnalyze(page, readFileSync(file, 'utf8'));

    const title = page.locator('h2#report-title');
    if (want.meta.title) {
      await until(async () => (await title.innerText()).trim() === want.meta.title, `title ${want.meta.title}`);
    } else {
      await until(async () => (await title.innerText()).trim().length > 0, 'a fallback title');
    }

    const items = page.locator('ul#outline[role=tree] [role=treeitem]');
    await until(async () => (await items.count()) === want.sections.length,
      `${want.sections.length} treeitems (have ${await items.count()})`);

    const outline = await page.locator('ul#outline').innerText();
    for (const s of want.sections.filter((s) => KIND_LABELS[s.kind])) {
      assert.ok(outline.includes(KIND_LABELS[s.kind]), `the outline labels a "${s.kind}" section ${KIND_LABELS[s.kind]}`);
    }

    const checkIds = await page.locator('section#checks li.check').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(checkIds.sort(), want.checks.map((c) => c.id).sort(), 'the checks');

    // The table is virtual: scroll through it and read every row.
    await until(async () => (await figureRowCount(page)) === want.metrics.length,
      `${want.metrics.length} figure rows (have ${await figureRowCount(page)})`);
    const shown = (await figureRows(page)).map((r) => r.value).sort();
    assert.deepEqual(shown, want.metrics.map((m) => plain(m.value)).sort(), 'the value cells');

    // Clicking a figure whose value is unique in the report highlights the sentence holding it.
    const counts = new Map();
    for (const m of want.metrics) counts.set(plain(m.value), (counts.get(plain(m.value)) ?? 0) + 1);
    const pick = want.metrics.find((m) => counts.get(plain(m.value)) === 1);
    if (pick) {
      await figureRows(page, { stopAt: plain(pick.value) });
      const rows = page.locator('table#figures tbody tr.figure');
      const row = rows.filter({ has: page.locator('td.value', { hasText: new RegExp(`^${escape(plain(pick.value))}$`) }) });
      await row.first().click();
      const mark = page.locator('#source mark.highlight');
      await until(async () => (await mark.count()) > 0, 'a highlighted sentence');
      const marked = (await mark.allInnerTexts()).join('');
      assert.ok(marked.includes(pick.surface), `highlight ${JSON.stringify(marked)} holds ${pick.surface}`);
      await until(() => mark.first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }), 'the highlight scrolled into view');
    }
    assertClean(log);
  });
}

test('the outline is a keyboard-navigable tree', async () => {
  const { page } = app;
  await page.locator('button#demo').click();
  // The earlier test's report stays on screen until the demo's replaces it: wait for the demo's
  // own title first, or the keys may go to a tree that is about to be replaced.
  const demoTitle = readFileSync(new URL('../../www/demo.txt', import.meta.url), 'utf8').split('\n')[0].trim();
  await until(async () => (await page.locator('h2#report-title').innerText().catch(() => '')).includes(demoTitle), 'the demo report');
  const items = page.locator('ul#outline [role=treeitem]');
  await until(async () => (await items.count()) >= 2, 'an outline with two headings or more');
  await items.first().focus();
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('role'));
  assert.equal(await focusedLabel(), 'treeitem');
  const first = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(), 'treeitem');
  const second = await page.evaluate(() => document.activeElement.textContent);
  assert.notEqual(second, first, 'ArrowDown moves to the next heading');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), first, 'ArrowUp moves back');
  await page.keyboard.press('Enter');
});

test('the figures table sorts and filters', async () => {
  const { page, log } = app;
  await page.locator('button#demo').click();
  const values = async () => (await texts(page, 'table#figures tbody tr.figure td.value')).map(Number);
  await until(async () => (await values()).length >= 3, 'three figures or more in the demo');
  const all = await values();
  const header = page.locator('table#figures thead th[scope=col]', { hasText: '数值' }).locator('button');
  await header.click();
  const once = await values();
  await header.click();
  const twice = await values();
  const sorted = (a, dir) => a.every((v, i) => i === 0 || dir * (v - a[i - 1]) >= 0);
  assert.ok((sorted(once, 1) && sorted(twice, -1)) || (sorted(once, -1) && sorted(twice, 1)),
    `sorting by 数值 both ways: ${once} / ${twice}`);

  const filter = page.locator('input#filter-text');
  const cell = (await texts(page, 'table#figures tbody tr.figure td:first-child'))[0];
  await filter.fill(cell);
  await until(async () => (await values()).length < all.length || all.length === 1, 'the text filter narrowing the table');
  for (const t of await texts(page, 'table#figures tbody tr.figure')) assert.ok(t.includes(cell), `${t} matches ${cell}`);
  await filter.fill('');
  await until(async () => (await values()).length === all.length, 'the filter cleared');
  for (const sel of ['select#filter-unit', 'select#filter-section', 'select#filter-key']) {
    assert.equal(await page.locator(sel).count(), 1, sel);
  }
  assertClean(log);
});

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
