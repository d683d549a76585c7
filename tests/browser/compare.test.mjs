// The comparison view: seeds loaded into the library, picked, and compared — one region across
// years (坪山区 2021 → 2023: rows with Δ and %, a line chart) and several regions side by side
// (one column per report, bar charts); like with like (issue 19: a change only inside a row of
// values that count the same thing, approximation visible everywhere, checks in three states);
// the CSV export; the completeness checks; keyboard use; axe-core on the comparison.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { launch, until, pasteAndAnalyze, texts, seed, withApp as sharedWithApp } from './lib.mjs';


let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const withApp = (body) => sharedWithApp(browser, body);

/** Pastes each seed and waits until the library holds them all. */
async function loadSeeds(page, prefixes) {
  const items = page.locator('section#library tr.library-item');
  for (const [i, p] of prefixes.entries()) {
    await pasteAndAnalyze(page, seed(p));
    await until(async () => (await items.count()) === i + 1, `seed ${p} in the library`);
  }
}

/** Opens the comparison section and ticks the reports whose label matches `filter` (all if none). */
async function pick(page, filter) {
  await page.locator('#compare-toggle').click();
  const picks = page.locator('#compare-picker li');
  await until(async () => (await picks.count()) >= 2, 'the picker lists the library');
  const chosen = filter ? picks.filter({ hasText: filter }) : picks;
  for (let i = 0; i < await chosen.count(); i++) await chosen.nth(i).locator('input.compare-pick').check();
}

test('one region across years: 坪山区 2021 → 2023 with Δ, % and a line chart', () => withApp(async ({ page }) => {
  // 2021 last, so that its report (with 1000余件) is the one on screen
  await loadSeeds(page, ['000', '003']);
  // the card shows an approximate value as printed, its sentence as the tooltip
  const approxCard = page.locator('section#key-indicators .key-value').filter({ hasText: /余|≈/ });
  await until(async () => (await approxCard.count()) > 0, 'an approximate value in the key indicators card');
  assert.ok((await approxCard.first().getAttribute('title'))?.length > 0, 'the value\'s sentence as its tooltip');
  await pick(page);
  const table = page.locator('table#compare-table');
  await table.waitFor();
  // one column per report, in year order, under one region heading
  assert.deepEqual(await texts(page, 'table#compare-table thead th.region-col'), ['坪山区']);
  const years = await texts(page, 'table#compare-table thead th.report-col .col-year');
  assert.deepEqual(years, ['2021年', '2023年']);

  const expect = {
    reconsideration_accepted: ['19', '83', '+64 (+336.8%)'],
    reconsideration_concluded: ['11', '86', '+75 (+681.8%)'],
    enforcement_files_reviewed: ['1119', '1223', '+104 (+9.3%)'],
    major_decisions: ['5', '11', '+6 (+120%)'],
  };
  for (const [id, [before, now, step]] of Object.entries(expect)) {
    const rows = page.locator(`table#compare-table tr.compare-row[data-id="${id}"]`);
    await rows.first().waitFor();
    let found = false;
    for (let i = 0; i < await rows.count() && !found; i++) {
      const r = rows.nth(i);
      const values = (await r.locator('td.cmp-cell').evaluateAll((tds) => tds.map((td) => td.querySelector('.cmp-value')?.textContent ?? null)));
      if (values[0] === before && values[1] === now) {
        found = true;
        const stepCell = r.locator('td.cmp-cell').nth(1).locator('.cmp-step');
        assert.equal((await stepCell.locator('.arrow').textContent()).trim(), '▲', `${id} arrow`);
        assert.equal((await stepCell.locator('.delta').textContent()).trim(), step, `${id} step`);
        assert.ok(await stepCell.evaluate((el) => el.classList.contains('up')), `${id} coloured as up`);
        assert.match(await stepCell.locator('.visually-hidden').textContent(), /增加/, `${id} says up in words`);
      }
    }
    assert.ok(found, `row ${id} with ${before} → ${now}`);
  }
  // 2021's 办理36 and 2023's 发生113 count different things: two rows, no change between them
  const litigation = page.locator('table#compare-table tr.compare-row[data-id="litigation_cases"]');
  const litigationValues = await litigation.evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td.cmp-cell')].map((td) => td.querySelector('.cmp-value')?.textContent ?? null).join('|')));
  assert.ok(litigationValues.includes('36|') && litigationValues.includes('|113'), `litigation rows ${litigationValues}`);
  assert.equal(await litigation.locator('.cmp-step').count(), 0, 'no change between unlike litigation rows');
  const counts = await litigation.locator('th .counts').allTextContents();
  assert.equal(new Set(counts).size, counts.length, `each litigation row says what it counts: ${counts}`);
  // an approximate value keeps its printed form in the comparison
  const approxCell = page.locator('table#compare-table td.cmp-cell.approx .cmp-value');
  assert.ok(await approxCell.count() > 0, 'an approximate cell');
  assert.match(await approxCell.first().textContent(), /余|≈/);
  // loosely aligned figures whose wording differs never get an arrow
  assert.equal(await page.locator('table#compare-figures tr.compare-figure.unlike .cmp-step').count(), 0, 'no change between unlike figures');
  // 轮次 stays a row of its own, never against the count of files
  const rounds = page.locator('table#compare-table tr.compare-row[data-id="enforcement_files_reviewed"][data-unit="轮次"]');
  if (await rounds.count()) {
    assert.equal(await rounds.locator('.cmp-step').count(), 0, 'no change computed for 轮次');
  }
  // a line chart for the accepted cases, with an accessible name and every value in its text
  const chart = page.locator('figure.compare-chart[data-id="reconsideration_accepted"][data-kind="line"]');
  await chart.waitFor();
  const svg = chart.locator('svg[role=img]');
  assert.equal(await svg.locator('polyline.line').count(), 1);
  assert.equal(await svg.locator('circle.point').count(), 2);
  const desc = await svg.locator('desc').textContent();
  assert.ok(desc.includes('19') && desc.includes('83'), `chart description ${desc}`);
  const name = await svg.evaluate((el) => el.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
  assert.match(name, /行政复议受理/);
  // the checks side by side: the five mandated contents for both reports
  for (const id of ['part_measures', 'part_problems', 'part_leaders', 'part_plans']) {
    assert.equal(await page.locator(`table#compare-checks tr.check-row[data-id="${id}"] td.check-cell`).count(), 2, id);
  }
  // in-text change statements, one column per report
  assert.equal(await page.locator('#compare-changes .changes-col').count(), 2);
  // the export: UTF-8 with BOM, one column per report
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button#compare-export-csv').click()]);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(3, 5), ['坪山区2021', '坪山区2023']);
  assert.ok(header.includes('Δ 坪山区 2021→2023') && header.includes('% 坪山区 2021→2023'), `a pair header: ${header}`);
  const accepted = lines.find((l) => l.startsWith('reconsideration_accepted,'));
  assert.ok(accepted?.includes(',19,83,64,336.8,坪山区 2021→2023,'), `the accepted row in the CSV: ${accepted}`);
  assert.ok(lines.some((l) => l.includes(',1000余件,≈')), 'an approximate value as printed, with ≈, in the CSV');
  assert.ok(lines.filter((l) => l.startsWith('litigation_cases,')).every((l) => !l.includes('坪山区 2021→2023')), 'no change between unlike rows in the CSV');
}));

test('several regions: one column per report and bars for one year', () => withApp(async ({ page }) => {
  // 001 last: the report on screen, whose checks include some that cannot be told
  await loadSeeds(page, ['000', '002', '003', '004', '001']);
  await until(async () => (await page.locator('section#checks li.check[data-state="unknown"]').count()) > 0, 'a check in its third state');
  assert.equal((await page.locator('section#checks li.check.unknown .mark').first().textContent()).trim(), '?');
  await pick(page);
  await page.locator('table#compare-table').waitFor();
  const cols = await texts(page, 'table#compare-table thead th.report-col .col-year');
  assert.equal(cols.length, 5, `one column per report: ${cols}`);
  const regions = await texts(page, 'table#compare-table thead th.region-col');
  assert.equal(regions.length, 4, `four regions: ${regions}`);
  assert.equal(new Set(regions).size, regions.length, 'each region heads one group');
  for (const row of await page.locator('table#compare-table tbody tr.compare-row').all()) {
    assert.equal(await row.locator('td.cmp-cell').count(), 5);
  }
  // changes only within a region: every step sits in the second 坪山区 column
  const pingshan = regions.indexOf('坪山区');
  assert.ok(pingshan >= 0);
  const steps = await page.locator('table#compare-table td.cmp-cell').evaluateAll((tds) =>
    tds.map((td, i) => [i % 5, !!td.querySelector('.cmp-step')]).filter(([, has]) => has).map(([col]) => col));
  assert.ok(steps.length > 0 && new Set(steps).size === 1, `steps only in one column: ${steps}`);
  const bars = page.locator('figure.compare-chart[data-kind="bars"]');
  await until(async () => (await bars.count()) > 0, 'a bar chart');
  assert.ok((await bars.first().locator('svg rect.bar').count()) >= 2, 'two or more bars');
  assert.ok(await page.locator('table#compare-figures').count() <= 1);
  // the checks side by side in their three states, each with its explanation as the tooltip
  const remedies = page.locator('table#compare-checks tr.check-row[data-id="problems_with_remedies"] td.check-cell');
  const states = await remedies.evaluateAll((tds) => tds.map((td) => ['pass', 'fail', 'unknown'].find((c) => td.classList.contains(c))));
  assert.deepEqual(new Set(states), new Set(['pass', 'fail', 'unknown']), `three states in one row: ${states}`);
  const unknown = page.locator('table#compare-checks td.check-cell.unknown').first();
  assert.equal((await unknown.locator('.mark').textContent()).trim(), '?');
  assert.equal((await unknown.locator('.word').textContent()).trim(), '无法判断');
  assert.ok((await unknown.getAttribute('title'))?.length > 0, 'the explanation as tooltip');
}));

test('keyboard: the comparison opens and picks with the keyboard; axe finds nothing serious', () => withApp(async ({ page }) => {
  await loadSeeds(page, ['003', '000']);
  await page.locator('#compare-toggle').focus();
  await page.keyboard.press('Enter');
  const first = page.locator('input.compare-pick').first();
  await first.waitFor();
  await first.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.locator('table#compare-table').waitFor();
  assert.equal(await page.locator('input.compare-pick:checked').count(), 2);
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [],
    'axe violations on the comparison');
  const out = process.env.FAZHI_COMPARE_SCREENSHOT;
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    await page.locator('#compare').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
    await page.waitForTimeout(300);
    await page.screenshot({ path: out, fullPage: false });
  }
}));
