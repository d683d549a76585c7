// Firefox: the single file `fazhi-lens.html` opened from disk (file://) in Debian's Firefox ESR,
// headless. Playwright drives only its own patched Firefox builds (a download), so this file uses
// puppeteer-core over WebDriver BiDi, which the stock Firefox speaks; nothing is downloaded.
//
// `cargo xtask test` sets FAZHI_SINGLE_FILE, FAZHI_FIREFOX (the firefox-esr executable), FAZHI_BIN,
// FAZHI_CORPUS and FAZHI_PDFS (the printed test PDFs). Without FAZHI_SINGLE_FILE the tests are skipped; no server is needed:
//
//   FAZHI_SINGLE_FILE=../../target/fazhi-lens.html FAZHI_BIN=../../target/release/fazhi \
//     node --test firefox.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { until, cliReport, plain, figureRows, tryWhatCspBlocks, libraryFile, storedNames } from './lib.mjs';
import { visibleLeaks, tabStops } from './ux-lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SINGLE_FILE = process.env.FAZHI_SINGLE_FILE && resolve(process.env.FAZHI_SINGLE_FILE);
const skip = !SINGLE_FILE && 'FAZHI_SINGLE_FILE is not set (`cargo xtask test` sets it)';
const corpus = process.env.FAZHI_CORPUS || join(here, '../../../shared/corpus');
const gbkFixture = join(here, 'fixtures', 'synthetic-gbk.txt');

/** The Firefox to drive: FAZHI_FIREFOX, else firefox-esr or firefox on PATH. */
function firefox() {
  return process.env.FAZHI_FIREFOX || execSync('command -v firefox-esr || command -v firefox').toString().trim();
}

/** The browser's profile (kept across the restart of the last test), and where Firefox saves
 * downloads (the exports), without asking. */
const profile = mkdtempSync(join(tmpdir(), 'fazhi-firefox-profile-'));
const downloads = mkdtempSync(join(tmpdir(), 'fazhi-firefox-downloads-'));

/** Starts Firefox headless with its profile in `userDataDir`. */
function launch(userDataDir) {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefox(),
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    userDataDir,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
}

let browser;
before(async () => { if (!skip) browser = await launch(profile); });
after(async () => {
  await browser?.close();
  for (const dir of [profile, downloads]) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens the single file in a fresh browser context (its own storage) and waits until the app is
 * ready. log.requests: every request the page made (BiDi network events); log.errors: console
 * errors and uncaught exceptions, where Firefox also reports CSP violations and wasm errors;
 * `window.__violations` (read by `violations`) records `securitypolicyviolation` events.
 */
async function openFile() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(`page: ${e.message ?? e}`));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(SINGLE_FILE).href);
  await ready(page);
  return { context, page, log };
}

const ready = (page) => page.waitForSelector('button#analyze', { visible: true, timeout: 20_000 });
const count = (page, selector) => page.$$eval(selector, (els) => els.length);
/** How many reports the library table lists (it renders only the rows in view). */
const listed = (page) => page.$$eval('#library-table', (t) => (t[0] ? Number(t[0].getAttribute('aria-rowcount')) - 1 : 0));
const text = (page, selector) => page.$eval(selector, (el) => el.textContent.trim());
const violations = (page) => page.evaluate(() => window.__violations);

/** Fails on anything that left the file, console errors, uncaught errors and CSP violations. */
async function assertClean(page, log) {
  const foreign = log.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'requests (BiDi) beyond the file itself');
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(resources.filter((u) => !/^(file|data|blob):/.test(u)), [], 'resources (Performance API) beyond the file');
  assert.deepEqual(log.errors, [], 'console errors and uncaught errors');
  assert.deepEqual(await violations(page), [], 'CSP violations');
}

/** Waits until the report view shows `want` (the CLI's report for the same text). */
async function showsReport(page, want) {
  if (want.meta.title) {
    await until(async () => (await text(page, 'h2#report-title')) === want.meta.title, `title ${want.meta.title}`);
  }
  await until(async () => (await count(page, 'ul#outline[role=tree] [role=treeitem]')) === want.sections.length,
    `${want.sections.length} outline items`);
  const wanted = want.metrics.map((m) => plain(m.value)).sort();
  const values = async () => (await figureRows(page)).map((r) => r.value).sort();
  await until(async () => JSON.stringify(await values()) === JSON.stringify(wanted), `figures ${wanted}`);
}

test('Firefox: fazhi-lens.html from file:// analyses a pasted report and keeps its library', { skip }, async () => {
  const { context, page, log } = await openFile();
  try {
    const seed = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()[0];
    const file = join(corpus, seed);
    const want = cliReport(file);
    // The paste: the text lands in the textarea and the app hears an input event, as from Ctrl+V.
    await page.$eval('textarea#input', (el, t) => {
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, readFileSync(file, 'utf8'));
    await page.click('button#analyze');
    await showsReport(page, want);
    assert.match(await text(page, '#version'), /\d+\.\d+\.\d+ .* \d{4}-\d{2}-\d{2}/, 'version and build date');
    const api = await page.evaluate(() => window.fazhi.analyze('某区2024年法治政府建设年度报告\n办理案件12件。').metrics.length);
    assert.ok(api >= 1, 'window.fazhi.analyze works');

    // The library lives in Firefox's storage for the file (IndexedDB of a file: page).
    const items = 'section#library tr.library-item';
    await until(async () => (await count(page, items)) === 1, 'the report in the library');
    await assertClean(page, log);
    await page.reload();
    await ready(page);
    await until(async () => (await count(page, items)) === 1, 'the library after a reload');
    if (want.meta.title) assert.ok((await text(page, items)).includes(want.meta.title), 'the saved report');
    await page.click('button#demo');
    await (await page.waitForSelector('button#keep-report')).click();
    await until(async () => (await count(page, items)) === 2, 'the demo report added');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('Firefox: fazhi-lens.html reads a printed PDF report from file:// with its inline PDF module', { skip: skip || (!process.env.FAZHI_PDFS && 'FAZHI_PDFS is not set') }, async () => {
  const pdfs = resolve(process.env.FAZHI_PDFS);
  const pdf = join(pdfs, readdirSync(pdfs).filter((f) => f.startsWith('seed-') && f.endsWith('.pdf')).sort()[0]);
  const { context, page, log } = await openFile();
  try {
    const input = await page.$('input#file');
    await input.uploadFile(pdf);
    const want = cliReport(pdf);
    assert.ok(want.sections.length > 0, 'the CLI reads the PDF');
    await showsReport(page, want);
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

test('Firefox: fazhi-lens.html opens a GBK .txt through the file input', { skip }, async () => {
  const { context, page, log } = await openFile();
  try {
    const input = await page.$('input#file');
    await input.uploadFile(gbkFixture);
    // textContent: Firefox leaves the off-screen chunks of the source (content-visibility: auto)
    // out of innerText.
    await until(async () => (await text(page, '#source')).includes('青禾县人民政府'), 'the decoded Chinese text');
    assert.ok(!(await text(page, '#source')).includes('\uFFFD'), 'no replacement characters');
    await showsReport(page, cliReport(gbkFixture));
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});

/** Clicks `button` and returns the bytes of the file Firefox saves (its name ends with `ext`). */
async function download(page, button, ext) {
  const before = new Set(readdirSync(downloads));
  await page.click(button);
  const name = await until(() => readdirSync(downloads).find((f) => !before.has(f) && f.endsWith(ext)), `a ${ext} download`);
  // Firefox creates the file empty and moves the finished download (a `.part` file) onto it.
  return until(() => { const b = readFileSync(join(downloads, name)); return b.length > 0 && b; }, `${name} written`);
}

test('Firefox: fazhi-lens.html exports CSV and JSON, and its library moves by export and import', { skip }, async () => {
  const first = await openFile();
  let library;
  try {
    const { page, log } = first;
    await page.click('button#demo');
    await (await page.waitForSelector('button#keep-report')).click();
    await until(async () => (await count(page, 'section#library tr.library-item')) === 1, 'the demo report');
    const rows = (await figureRows(page)).length;
    const csv = await download(page, 'button#export-csv', '.csv');
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a BOM');
    assert.ok(csv.toString('utf8').split(/\r?\n/).filter(Boolean).length >= rows + 1, `header + ${rows} rows`);
    const report = JSON.parse(await download(page, 'button#export-json', '.json'));
    assert.equal(report.metrics.length, rows, 'the JSON has every figure');
    library = await download(page, 'button#export-library', '.json');
    await assertClean(page, log);
  } finally {
    await first.context.close();
  }
  // Another profile (as on another computer) starts empty and takes the exported library.
  const second = await openFile();
  try {
    const { page, log } = second;
    const items = 'section#library tr.library-item';
    assert.equal(await count(page, items), 0, 'a fresh profile has an empty library');
    const file = join(downloads, 'library-to-import.json');
    writeFileSync(file, library);
    await (await page.$('input#import-library')).uploadFile(file);
    await until(async () => (await count(page, items)) === 1, 'the imported library');
    await assertClean(page, log);
  } finally {
    await second.context.close();
  }
});

test('Firefox: the CSP of fazhi-lens.html blocks the network and injected script', { skip }, async () => {
  const { context, page, log } = await openFile();
  try {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(csp, /default-src 'none'/);
    const blocked = await tryWhatCspBlocks(page);
    assert.deepEqual(blocked, { fetch: 'blocked', inline: 'blocked' });
    await until(async () => (await violations(page)).length === 2, 'both violations reported');
    assert.deepEqual((await violations(page)).map((v) => v.split(' ')[0]).sort(), ['connect-src', 'script-src-elem']);
    assert.ok(!log.requests.some((u) => u.startsWith('http')), `no request went out: ${log.requests}`);
  } finally {
    await context.close();
  }
});

test('Firefox: the library of fazhi-lens.html (IndexedDB of a file: page) keeps 200 reports across a browser restart', { skip }, async () => {
  // The shared browser's own profile (its default context keeps what it stores): the demo report
  // and a 200-report library file imported there, then Firefox closed and started again on the
  // same profile directory.
  const url = pathToFileURL(SINGLE_FILE).href;
  const items = 'section#library tr.library-item';
  const file = join(downloads, 'two-hundred.json');
  writeFileSync(file, JSON.stringify(libraryFile(200, { prefix: '火狐区' })));
  let [page] = await browser.pages();
  await page.goto(url);
  await ready(page);
  await page.click('button#demo');
  await (await page.waitForSelector('button#keep-report')).click();
  await until(async () => (await count(page, items)) === 1, 'the demo report in the library', 30_000);
  await (await page.$('input#import-library')).uploadFile(file);
  await until(async () => (await listed(page)) === 201, 'the 200 imported reports listed', 30_000);
  // The table renders only the rows in view: the names come from the stored entries.
  const before = (await storedNames(page)).sort();
  assert.equal(before.length, 201);
  await browser.close();
  browser = await launch(profile);
  [page] = await browser.pages();
  await page.goto(url);
  await ready(page);
  await until(async () => (await listed(page)) === 201, 'the library after a restart', 30_000);
  const after = (await storedNames(page)).sort();
  assert.deepEqual(after, before);
  // Stored in IndexedDB, not in memory: the page says nothing about unavailable storage.
  assert.equal(await text(page, 'section#library [role=alert]'), '');
  // A report opens from the stored text.
  await page.type('#library-filter-text', '火狐区7');
  await until(async () => (await listed(page)) < 201, 'the table filtered');
  await page.$$eval(`${items}`, (els) => els.find((e) => e.textContent.includes('火狐区7'))?.querySelector('button.open')?.click());
  await until(async () => (await text(page, 'h2#report-title')).includes('火狐区7'), 'a stored report opened');
});

test('Firefox: Tab alone reaches every panel, End the last figure row; English shows no Chinese of its own (issue 20)', { skip }, async () => {
  const { context, page, log } = await openFile();
  try {
    await page.setViewport({ width: 1366, height: 900 });
    const seed = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()[0];
    const file = join(corpus, seed);
    const source = readFileSync(file, 'utf8');
    await page.$eval('textarea#input', (el, t) => {
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, source);
    await page.click('button#analyze');
    await showsReport(page, cliReport(file));
    // The title is where the eye is after 分析.
    await until(() => page.$eval('h2#report-title', (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }),
      'the title in view');
    await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement?.blur(); });
    const reached = await tabStops(page, (k) => page.keyboard.press(k), 400);
    for (const panel of ['outline', 'key-indicators', 'figures', 'checks', 'source', 'compare']) {
      assert.ok(reached.includes(panel), `Tab reaches ${panel} (reached: ${reached.join(' ')})`);
    }
    await page.focus('table#figures');
    await page.keyboard.press('End');
    const rows = Number(await page.$eval('table#figures', (t) => t.getAttribute('aria-rowcount')));
    await until(() => page.$eval('table#figures', (t) => document.getElementById(t.getAttribute('aria-activedescendant') ?? '')?.getAttribute('aria-rowindex')),
      'an active row').then((i) => assert.equal(Number(i), rows, 'End: the last row'));
    await page.click('#lang-toggle');
    await until(() => page.evaluate(() => document.documentElement.lang === 'en'), 'English');
    assert.deepEqual(await page.evaluate(visibleLeaks, [source]), [], 'no Chinese of the app and no id in English');
    await assertClean(page, log);
  } finally {
    await context.close();
  }
});
