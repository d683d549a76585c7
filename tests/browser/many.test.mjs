// Opening many files at once (issue 16, item 1): a folder of generated reports plus the seeds
// (nested, with hidden, lock and Thumbs.db files that are skipped, and a broken file that is
// listed with its reason while the rest go on), a folder dropped onto the page, the same text
// twice stored once, cancel keeping what was done, and the single file from file:// (no
// worker: the page analyses, one file per task). Reports are generated here (lib.mjs); the seeds
// are read from FAZHI_CORPUS at run time into a temporary folder, never into the repository.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openApp, assertClean, until, storedNames, syntheticReport, libraryRead } from './lib.mjs';

const corpus = process.env.FAZHI_CORPUS;
const seeds = corpus ? readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort() : [];
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-many-'));

/** A folder of `n` generated reports in nested folders, the seeds, one broken file and the files
 * a folder walk skips. Returns its path and how many reports it holds. */
function makeFolder(name, n, { withSeeds = true } = {}) {
  const dir = join(tmp, name);
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `区县${i % 4}`, i % 3 ? '' : '街道');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `报告${i}.txt`), syntheticReport(`第${i}区`, 2015 + (i % 10), 30));
  }
  if (withSeeds) {
    mkdirSync(join(dir, 'seeds'), { recursive: true });
    for (const f of seeds) copyFileSync(join(corpus, f), join(dir, 'seeds', f));
  }
  // A Word file cut short: the zip's start, no directory.
  writeFileSync(join(dir, '损坏.docx'), Buffer.from('PK\x03\x04 cut short', 'latin1'));
  writeFileSync(join(dir, '.hidden.txt'), syntheticReport('隐藏区', 2020));
  writeFileSync(join(dir, 'Thumbs.db'), 'x');
  writeFileSync(join(dir, '~$报告0.docx'), 'x');
  return { dir, reports: n + (withSeeds ? seeds.length : 0) };
}

const summary = (page) => page.locator('#many-summary');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a folder of 200 generated reports and the seeds: all stored, the broken file listed', async () => {
  const { dir, reports } = makeFolder('folder', 200);
  const { page, log } = await openApp(browser);
  await libraryRead(page);
  await page.locator('input#folder').setInputFiles(dir);
  await summary(page).waitFor({ timeout: 60_000 });
  const failures = await page.locator('#many-failures li').allInnerTexts();
  assert.equal(failures.length, 1, `one failure: ${failures}`);
  assert.match(failures[0], /^损坏\.docx — .+/, 'the broken file, with its reason');
  const names = await storedNames(page);
  assert.equal(names.length, reports, 'every report stored');
  assert.ok(!names.some((n) => /隐藏区/.test(n)), 'hidden files skipped');
  assert.match(await summary(page).innerText(), new RegExp(`已加入 ${reports} 份报告`));
  await until(async () => (await page.locator('section#library p.count').innerText()).includes(String(reports)), 'listed');
  // The report view is left as it was: no one of the many is picked for the user.
  assert.equal(await page.locator('article#report').count(), 0, 'no report opened');
  assertClean(log);
});

test('a dropped folder (nested entries); the same text twice is stored once', async () => {
  const { page, log } = await openApp(browser);
  await libraryRead(page);
  const twice = syntheticReport('重复区', 2022, 5);
  await page.evaluate(async ({ twice, a, b }) => {
    const file = (name, text) => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([text], name)) });
    const dir = (name, children) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => { let done = false; return { readEntries: (ok) => { ok(done ? [] : children); done = true; } }; },
    });
    const tree = dir('报告', [
      file('a.txt', a), file('Thumbs.db', 'x'), file('~$a.docx', 'x'),
      dir('下级', [file('b.txt', b), file('same1.txt', twice), dir('.git', [file('c.txt', 'x')])]),
      file('same2.txt', twice),
    ]);
    const dataTransfer = {
      items: [{ kind: 'file', webkitGetAsEntry: () => tree }], files: [], types: ['Files'],
    };
    const event = new DragEvent('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
    document.querySelector('.drop-zone').dispatchEvent(event);
  }, { twice, a: syntheticReport('甲区', 2021, 5), b: syntheticReport('乙区', 2021, 5) });
  await summary(page).waitFor({ timeout: 30_000 });
  const names = (await storedNames(page)).sort();
  assert.equal(names.length, 3, `a, b and the twice-opened text once: ${names}`);
  assert.match(await summary(page).innerText(), /已加入 3 份报告（1 份与库中已有的相同/);
  // Opening them again adds nothing.
  await page.locator('button#close-many').click();
  assertClean(log);
});

test('cancel stops the run and keeps what was done', async () => {
  const { dir } = makeFolder('cancel', 400, { withSeeds: false });
  const { page, log } = await openApp(browser);
  await libraryRead(page);
  await page.locator('input#folder').setInputFiles(dir);
  const progress = page.locator('#many-progress');
  await until(async () => {
    const m = /正在分析 (\d+)/.exec(await progress.innerText().catch(() => ''));
    return m && Number(m[1]) >= 20;
  }, 'some files done', 30_000);
  await page.locator('#many-progress button#close-many').click();
  await summary(page).waitFor({ timeout: 10_000 });
  assert.match(await summary(page).innerText(), /已取消：\d+ 份未分析/);
  const stored = (await storedNames(page)).length;
  const added = Number(/已加入 (\d+)/.exec(await summary(page).innerText())[1]);
  assert.ok(stored >= 20 && stored < 400, `what was done is kept, the rest is not (${stored})`);
  assert.equal(added, stored, 'the summary counts what is stored');
  await page.waitForTimeout(500);
  assert.equal((await storedNames(page)).length, stored, 'nothing more after cancel');
  assertClean(log);
});

test('the single file from file:// opens many files in the page', { skip: !process.env.FAZHI_SINGLE_FILE }, async () => {
  const files = [];
  const dir = join(tmp, 'single');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 30; i++) {
    const f = join(dir, `r${i}.txt`);
    writeFileSync(f, syntheticReport(`单文件${i}区`, 2020, 20));
    files.push(f);
  }
  const { page, log } = await openApp(browser, pathToFileURL(process.env.FAZHI_SINGLE_FILE).href);
  await libraryRead(page);
  await page.locator('input#file').setInputFiles(files);
  await summary(page).waitFor({ timeout: 60_000 });
  assert.equal((await storedNames(page)).length, 30, 'all stored');
  assert.equal(await page.locator('#many-failures li').count(), 0, 'no failures');
  assertClean(log);
});
