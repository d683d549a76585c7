// The library as a table (issue 16, item 3): a thousand reports, of which only the rows in view
// are in the DOM; sorting and filtering them; picking with the keyboard and comparing the picks;
// delete with undo; English labels; entries saved by an earlier build (no summary) showing "—"
// until their report is analysed again; how soon the table is on screen and how smoothly it
// scrolls; axe-core. Every report here is generated (lib.mjs), never corpus text.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openApp, assertClean, until, libraryFile } from './lib.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'fazhi-table-'));
const CHECKS = ['part_measures', 'part_problems', 'part_leaders', 'part_plans', 'part_other', 'published_on_time',
  'title_standard', 'data_density', 'problems_with_causes', 'problems_with_remedies', 'headings_consistent'];
const LEVELS = ['district', 'county', 'city', 'department', 'subdistrict'];

/** A library file of `count` reports as this build exports it (each entry with its summary),
 * except the entries at `old`, which are as an earlier build wrote them (no summary). */
function tableLibrary(count, old) {
  const file = libraryFile(count, { prefix: '表格区' });
  file.entries.forEach((e, i) => {
    if (old.includes(i)) return;
    e.summary = {
      body: `${e.region}人民政府`, level: LEVELS[i % LEVELS.length], published: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      figures: (i * 37) % 101, checks: 11, failed: CHECKS.filter((_, k) => (i + k) % 4 === 0),
    };
  });
  return file;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const rows = (page) => page.locator('#library-table tbody tr.library-item');
const shown = (page) => page.locator('#library-shown').innerText();
/** How many of `entries` the text filter `needle` keeps (name, body, title, region). */
const matching = (entries, needle) => entries.filter((e) =>
  [e.name, e.summary?.body, e.title, e.region].some((v) => v?.includes(needle))).length;
const cells = (page, cls) => rows(page).locator(`td.${cls}`).allInnerTexts();

async function importFile(page, library, name) {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(library));
  await page.locator('input#import-library').setInputFiles(file);
}

test('a thousand reports: a virtual table on screen soon, sorted, filtered, picked, compared, deleted and restored', async () => {
  const OLD = [5, 6, 7];
  const big = tableLibrary(1000, OLD);
  const { page, context, log } = await openApp(browser);
  try {
    await importFile(page, big, 'table.json');
    await until(async () => /^显示 1000 份，共 1000 份/.test(await shown(page)), 'a thousand reports in the table', 120_000);
    const table = page.locator('table#library-table');
    assert.equal(await table.getAttribute('aria-rowcount'), '1001');
    const inDom = await rows(page).count();
    assert.ok(inDom > 5 && inDom < 100, `only the rows in view are in the DOM (${inDom})`);

    // How soon the table's first rows are on screen after the page starts (three reloads).
    const times = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      times.push(await page.evaluate(() => new Promise((resolve) => {
        const check = () => (document.querySelector('#library-table tbody tr.library-item')
          ? resolve(performance.now()) : requestAnimationFrame(check));
        check();
      })));
    }
    times.sort((a, b) => a - b);
    // Scrolling: the box scrolled by 400 px a frame, 120 frames; the median frame time.
    await until(async () => /共 1000 份/.test(await shown(page)), 'the table after reload');
    const frames = await page.evaluate(() => new Promise((resolve) => {
      const wrap = document.querySelector('#library-table').closest('.table-wrap');
      const out = [];
      let last = performance.now();
      const step = (t) => {
        out.push(t - last);
        last = t;
        wrap.scrollTop += 400;
        if (out.length < 120) requestAnimationFrame(step); else resolve(out);
      };
      requestAnimationFrame(step);
    }));
    frames.sort((a, b) => a - b);
    const median = frames[frames.length >> 1];
    const p95 = frames[Math.floor(frames.length * 0.95)];
    console.log(`# library table of 1000 reports: first rows after navigation start median ${times[1].toFixed(0)} ms `
      + `(max ${times[2].toFixed(0)} ms); scrolling frames median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    assert.ok(times[1] <= 500, `table on screen after ${times} ms (budget 500 ms)`);
    // Headless Chromium on this shared machine paints at 20–60 fps whatever the page does (the
    // figures table measures the same); this bound catches a table that stalls while scrolling.
    assert.ok(median < 100, `scrolling frames: median ${median} ms`);
    assert.ok((await rows(page).count()) < 100, 'still only the rows in view after scrolling');

    // Sort by year, both ways; by checks passed; aria-sort follows.
    const yearHead = page.locator('#library-table th.col-year');
    await yearHead.locator('button').click();
    assert.equal(await yearHead.getAttribute('aria-sort'), 'ascending');
    assert.equal((await cells(page, 'item-year'))[0], '2015');
    await yearHead.locator('button').click();
    assert.equal(await yearHead.getAttribute('aria-sort'), 'descending');
    assert.equal((await cells(page, 'item-year'))[0], '2024');
    const checksHead = page.locator('#library-table th.col-checks');
    await checksHead.locator('button').click();
    assert.equal(await yearHead.getAttribute('aria-sort'), 'none');
    const asc = await cells(page, 'checks');
    const passed = (t) => Number(t.split('/')[0]);
    assert.ok(asc.every((t, i) => i === 0 || passed(asc[i - 1]) <= passed(t)), `sorted by checks passed: ${asc.slice(0, 8)}`);
    // The headers sort from the keyboard too.
    const nameHead = page.locator('#library-table th.col-name');
    await nameHead.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await nameHead.getAttribute('aria-sort'), 'ascending');
    const names = await cells(page, 'item-name');
    assert.deepEqual(names, [...names].sort(), 'sorted by name');
    await page.keyboard.press('Space');
    assert.equal(await nameHead.getAttribute('aria-sort'), 'descending');
    await checksHead.locator('button').click();
    const least = Math.min(...big.entries.filter((e) => e.summary).map((e) => 11 - e.summary.failed.length));
    assert.equal(passed(asc[0]), least);

    // Filters: text, region, year, a failed check, and all at once.
    const twelve = matching(big.entries, '表格区12');
    assert.ok(twelve > 10);
    await page.locator('#library-filter-text').fill('表格区12');
    await until(async () => new RegExp(`^显示 ${twelve} 份`).test(await shown(page)), '表格区12 and the like');
    await page.locator('#library-filter-text').fill('');
    await page.locator('#library-filter-year').selectOption('2019');
    await until(async () => /^显示 100 份/.test(await shown(page)), 'one year in ten');
    assert.ok((await cells(page, 'item-year')).every((y) => y === '2019'));
    await page.locator('#library-filter-check').selectOption('part_problems');
    const failing = big.entries.filter((e) => e.year === 2019 && e.summary?.failed.includes('part_problems')).length;
    await until(async () => new RegExp(`^显示 ${failing} 份`).test(await shown(page)), `${failing} of 2019 fail 存在的不足和原因`);
    assert.match(await page.locator('#library-filter-check option:checked').innerText(), /未通过“存在的不足和原因”/);
    await page.locator('#library-filter-check').selectOption('');
    await page.locator('#library-filter-year').selectOption('');
    await page.locator('#library-filter-region').selectOption('表格区500');
    await until(async () => /^显示 1 份/.test(await shown(page)), 'one region');
    await page.locator('#library-filter-region').selectOption('');

    // Entries from an earlier build: "—" in the summary columns, and nothing broken.
    await page.locator('#library-filter-region').selectOption('表格区6');
    await until(async () => /^显示 1 份/.test(await shown(page)), '表格区6 alone');
    const six = rows(page).filter({ has: page.locator('td.item-name', { hasText: /^表格区62021年报告$/ }) });
    assert.deepEqual(await six.locator('td.body, td.level, td.published, td.figures, td.checks').allInnerTexts(), ['—', '—', '—', '—', '—']);

    // Keyboard only: into the grid, down to 表格区6, Enter opens it; its summary is filled then.
    await page.locator('#library-pick-shown').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'library-table', 'the grid is the tab stop after the buttons');
    await page.keyboard.press('ArrowDown');
    const activeName = () => page.locator('#library-table tr.active td.item-name').innerText();
    assert.equal(await activeName(), '表格区62021年报告');
    await table.press('Enter');
    await until(async () => (await page.locator('h2#report-title').innerText()).includes('表格区6'), 'the old entry opened');
    // Its region now is the analyser's: find it by its name.
    await page.locator('#library-filter-region').selectOption('');
    await page.locator('#library-filter-text').fill('表格区62021');
    await until(async () => (await six.locator('td.checks').innerText()) !== '—', 'its summary filled once analysed');
    assert.match(await six.locator('td.checks').innerText(), /^\d+\/\d+$/);
    assert.match(await six.locator('td.body').innerText(), /—|表格区6/);
    assert.equal(await six.locator('td.item-name').innerText(), '表格区62021年报告', 'its name kept');

    // Pick three with Space, then compare: the comparison opens with those three.
    await page.locator('#library-filter-text').fill('表格区12');
    await until(async () => new RegExp(`^显示 ${twelve} 份`).test(await shown(page)), 'the filter again');
    await table.focus();
    await table.press('Home');
    const picked = [];
    for (let i = 0; i < 3; i++) {
      picked.push(await activeName());
      await table.press(' ');
      await table.press('ArrowDown');
    }
    await until(async () => /已选 3 份/.test(await shown(page)), 'three picked');
    assert.equal(await page.locator('#library-table tr.picked').count(), 3);
    await page.locator('button#library-compare').click();
    await until(async () => page.locator('section#compare').isVisible(), 'the comparison view');
    assert.equal(await page.locator('input.compare-pick:checked').count(), 3);
    const pickedInCompare = await page.locator('#compare-picker li:has(input:checked) .pick-name').allInnerTexts();
    assert.deepEqual(pickedInCompare.sort(), [...picked].sort());
    await until(async () => page.locator('#compare-result').isVisible(), 'the three compared', 30_000);
    assert.match(await page.locator('#compare-result .summary').innerText(), /3 份报告/);

    // Delete the picks, then undo: all three back.
    await page.locator('button#library-delete').click();
    await until(async () => new RegExp(`^显示 ${twelve - 3} 份，共 997 份`).test(await shown(page)), 'three deleted');
    await page.locator('button#undo-delete').click();
    await until(async () => new RegExp(`^显示 ${twelve} 份，共 1000 份`).test(await shown(page)), 'three restored');

    // English labels.
    await page.locator('button#lang-toggle').click();
    await until(async () => new RegExp(`^Showing ${twelve} of 1000`).test(await shown(page)), 'the summary in English');
    const heads = await page.locator('#library-table thead th').allInnerTexts();
    for (const h of ['Name', 'Body', 'Region', 'Level', 'Year', 'Published', 'Title', 'Figures', 'Checks passed']) {
      assert.ok(heads.some((t) => t.startsWith(h)), `header ${h} in ${heads}`);
    }
    assert.ok((await cells(page, 'level')).some((t) => LEVELS.includes(t) || t === 'subdistrict / town'));
    assert.equal(await page.locator('button#library-compare').innerText(), 'Compare picked');
    await page.locator('button#lang-toggle').click();

    // axe-core on the table.
    await page.locator('button#view-report').click();
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await page.evaluate(() => window.axe.run(document.querySelector('section#library'), { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
    assertClean(log);
  } finally {
    await context.close();
  }
});
