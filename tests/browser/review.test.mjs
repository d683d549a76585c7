// The review of a set (总览, issue 16 item 4) and last year beside this year (item 5): the
// seeds opened as files and reviewed (check tallies adding up to the set, with the reports that
// miss each; the indicator panel's gaps; a value leading to its sentence), both against the
// CLI's `fazhi review` and `fazhi panel` of the same files; the long panel CSV with hostile
// report text defused; two synthetic reports of one body, 2022 and 2023, opened as two files:
// the 2023 report beside the 2022 values, the change and the dropped indicator; English and axe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { launch, until, withApp as sharedWithApp } from './lib.mjs';
import { visibleLeaks } from './ux-lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const withApp = (body) => sharedWithApp(browser, body, { width: 1366, height: 900 });
const corpus = process.env.FAZHI_CORPUS || new URL('../../../shared/corpus', import.meta.url).pathname;
const seedFiles = () => readdirSync(corpus).filter((n) => /^\d{3}_.*\.txt$/.test(n)).sort().map((n) => join(corpus, n));

/** The CLI's output for `args` (FAZHI_BIN). */
function cli(args) {
  const bin = process.env.FAZHI_BIN;
  assert.ok(bin, 'FAZHI_BIN names the fazhi CLI');
  return execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** RFC 4180 records of `text` (quotes, doubled quotes, CRLF), a leading BOM dropped. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Opens `files` (paths, or {name, mimeType, buffer}) one after another, each analysed and kept. */
async function openFiles(page, files) {
  const items = page.locator('section#library tr.library-item');
  const start = await items.count();
  for (const [i, f] of files.entries()) {
    await page.locator('input#file').setInputFiles(f);
    await until(async () => (await items.count()) === start + i + 1, `file ${i + 1} in the library`, 20_000);
  }
}

/** The comparison of every report in the library, in its review mode. */
async function review(page) {
  await page.locator('#compare-toggle').click();
  await page.locator('#compare-all').click();
  await page.locator('#compare-mode-review').click({ timeout: 20_000 });
  await page.locator('table#review-checks').waitFor();
}

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return readFileSync(await d.path(), 'utf8');
}

async function axeClean(page, what) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${what}`);
}

test('the seeds reviewed: checks add up and name who fails, the panel shows its gaps, a value leads to its sentence, the long CSV is `fazhi panel`', () => withApp(async ({ page }) => {
  const files = seedFiles();
  assert.equal(files.length, 5, 'five seeds');
  await openFiles(page, files);
  await review(page);
  const cliReview = JSON.parse(cli(['review', '--format', 'json', ...files]));

  // Every check: passed + failed + cannot tell = 5, the same counts as the CLI, and every
  // report that fails named (a button leading to it).
  const rows = await page.locator('table#review-checks tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    counts: [...tr.querySelectorAll('td .review-count')].map((e) => Number(e.textContent)),
    failedNames: [...tr.querySelectorAll('td.failed button.review-name')].map((b) => b.textContent),
  })));
  assert.ok(rows.length >= 5, 'five contents, on time, title, density, problems…');
  let failures = 0;
  for (const r of rows) {
    assert.equal(r.counts.reduce((a, b) => a + b, 0), 5, `${r.id} adds up to the set`);
    const c = cliReview.checks.find((x) => x.id === r.id);
    assert.ok(c, `${r.id} in the CLI's review`);
    assert.deepEqual(r.counts, [c.passed.length, c.failed.length, c.unknown.length], `${r.id} as the CLI counts it`);
    assert.equal(r.failedNames.length, c.failed.length, `${r.id}: each failing report named`);
    failures += c.failed.length;
  }
  assert.ok(failures > 0, 'some seed fails some check (else the names are untested)');

  // The panel: one row per report, one column per headline indicator row of the CLI's review,
  // with its gaps (absent, counted another way) where the CLI has them.
  const panel = page.locator('table#review-panel');
  assert.equal(await panel.locator('tbody tr').count(), 5);
  const cols = await panel.locator('thead th[data-id]').evaluateAll((ths) => ths.map((th) => th.dataset.id));
  assert.deepEqual(cols, cliReview.indicators.map((c) => c.indicator));
  const gaps = await panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => (td.classList.contains('absent') ? 'absent' : td.classList.contains('elsewhere') ? 'elsewhere' : 'stated'))));
  let absent = 0;
  cliReview.indicators.forEach((c, k) => {
    for (const [state, list] of [['absent', c.absent], ['elsewhere', c.elsewhere], ['stated', c.stated]]) {
      assert.equal(gaps.filter((g) => g[k] === state).length, list.length, `${c.indicator}: ${state}`);
    }
    absent += c.absent.length;
  });
  assert.ok(absent > 0, 'the seeds leave some indicator out');
  assert.ok(await page.locator('#review-spread figure svg[role="img"]').count() > 0, 'spread charts');
  await axeClean(page, 'the review');

  // The long panel: the CLI's header, and its records for 坪山区 2021 and 2023 (but the file
  // column, a path for the CLI), 行政复议受理 19 and 83 among them.
  const csv = parseCsv(await download(page, '#review-export-panel'));
  const cliCsv = parseCsv(cli(['panel', '--format', 'csv', ...files]));
  assert.deepEqual(csv[0], cliCsv[0], 'the columns of `fazhi panel`');
  const col = (name) => csv[0].indexOf(name);
  const pingshan = (rs, year) => rs.slice(1).filter((r) => r[col('region')] === '坪山区' && r[col('year')] === year).map((r) => r.slice(1).join('\u0001')).sort();
  for (const [year, value] of [['2021', '19'], ['2023', '83']]) {
    const mine = pingshan(csv, year);
    assert.ok(mine.length > 10, `坪山区 ${year} rows`);
    assert.deepEqual(mine, pingshan(cliCsv, year), `坪山区 ${year}: the CLI's rows`);
    assert.ok(csv.some((r) => r[col('region')] === '坪山区' && r[col('year')] === year && r[col('label')] === '行政复议受理'
      && r[col('value')] === value && r[col('headline')] === 'yes'), `坪山区 ${year}: 行政复议受理 ${value}`);
  }
  assert.equal(new Set(csv.slice(1).map((r) => r[0])).size, 5, 'the file column names each file');

  // A value leads to its report, its sentence marked there.
  const cell = panel.locator('td.stated button').first();
  const value = (await cell.textContent()).trim();
  await cell.click();
  await page.locator('#report-view:not([hidden]) #source mark.highlight').first().waitFor();
  const marked = await page.locator('#source mark.highlight').allTextContents();
  const digits = value.match(/\d+(\.\d+)?/)[0];
  assert.ok(marked.join('').includes(digits), `the marked sentence holds ${value}: ${marked.join('')}`);
}));

// Report text is untrusted: names and sentences that start like spreadsheet formulas.
const hostile = (year) => [
  `=HYPERLINK("http://x")示范县人民政府${year}年法治政府建设年度报告`,
  '一、主要举措和成效',
  `-2+3 全年办理行政复议案件${year - 2000}件，组织执法培训@${year % 7 + 2}场次。`,
  '+1 二、存在的不足和原因',
  '执法力量不足，原因是人员流动较大。',
  '三、下一年度工作安排', '继续推进依法行政。', '',
].join('\n');

test('the long panel and the wide table defuse formula-like report text', () => withApp(async ({ page }) => {
  await openFiles(page, [2022, 2023].map((y) => ({ name: `=cmd${y}.txt`, mimeType: 'text/plain', buffer: Buffer.from(hostile(y)) })));
  await review(page);
  for (const sel of ['#review-export-panel', '#compare-export-csv']) {
    const rows = parseCsv(await download(page, sel));
    const bad = rows.flat().filter((c) => /^[=+\-@]/.test(c));
    assert.deepEqual(bad, [], `${sel}: no cell starts with = + - @`);
    const all = rows.flat().join('\n');
    if (sel === '#review-export-panel') {
      assert.ok(all.includes("'=cmd2022.txt"), 'the file name, defused');
      assert.ok(/'-2\+3 全年办理行政复议案件2[23]件/.test(all), 'the sentence, defused');
    }
  }
}));

const body = '示范市东湖区人民政府';
const year2022 = [
  `${body}2022年法治政府建设年度报告`, '', '一、主要举措和成效',
  '全年办理行政复议案件40件。办理行政诉讼应诉案件25件。',
  '二、存在的不足和原因', '法治队伍建设有待加强，原因是培训不足。', '三、下一年度工作安排', '继续推进依法行政。', '',
].join('\n');
const year2023 = [
  `${body}2023年法治政府建设年度报告`, '', '一、主要举措和成效',
  '全年办理行政复议案件约52件。',
  '二、存在的不足和原因', '法治队伍建设有待加强，原因是培训不足。', '三、下一年度工作安排', '继续推进依法行政。', '',
].join('\n');

test('last year beside this year: two files of one body, opened, are compared (two actions); in English too', () => withApp(async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-yoy-'));
  const [a, b] = [['2022.txt', year2022], ['2023.txt', year2023]].map(([n, t]) => { const p = join(dir, n); writeFileSync(p, t); return p; });
  // The actions: open the 2022 file, open the 2023 file. The comparison then shows by itself.
  await openFiles(page, [a, b]);
  const card = page.locator('section#last-year');
  await card.waitFor({ timeout: 20_000 });
  assert.match(await card.locator('h3').innerText(), /2022.*2023/, 'the years named');
  const row = card.locator('tr[data-id="reconsideration_received"]');
  assert.equal((await row.locator('td.before').innerText()).trim(), '40件');
  assert.match((await row.locator('td.now').innerText()).trim(), /约52件|≈52/);
  assert.equal((await row.locator('td.change').innerText()).trim(), '≈+12 (+30%)', 'the change, ≈ as 约52 is approximate');
  const dropped = card.locator('#last-year-dropped li[data-id="litigation_cases"]');
  assert.match(await dropped.innerText(), /25件/, 'the 行政诉讼 count 2022 stated and 2023 no longer does');
  await axeClean(page, 'the report beside last year');

  // The 2022 report has no earlier one: no card.
  await page.locator('section#library tr.library-item').filter({ hasText: '2022' }).locator('button.open').click();
  await until(async () => (await page.locator('#report-title').innerText()).includes('2022'), 'the 2022 report on screen');
  assert.equal(await card.count(), 0, 'nothing earlier than 2022 in the library');

  // In English: the card's words are the app's English (the report's own words aside).
  await page.locator('section#library tr.library-item').filter({ hasText: '2023' }).locator('button.open').click();
  await card.waitFor({ timeout: 20_000 });
  await page.locator('#lang-toggle').click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === 'en', 'English');
  assert.deepEqual(await page.evaluate(visibleLeaks, [year2022, year2023]), [], 'the report and its last-year card in English');
  await review(page);
  assert.deepEqual(await page.evaluate(visibleLeaks, [year2022, year2023]), [], 'the review in English');
}));

