// Shared helpers for the browser tests: launching the system Chromium, opening the app with every
// request, console error and dialog recorded, and polling for conditions.
//
// `cargo xtask test` sets the environment: FAZHI_URL (dist/ served at /), FAZHI_SUBPATH_URL (the
// same under /tools/fazhi/), FAZHI_CHROMIUM, FAZHI_FIREFOX, FAZHI_BIN (the release CLI),
// FAZHI_CORPUS (the seed reports, read at run time), FAZHI_PDFS (the test PDFs that
// make-pdfs.mjs printed, issue 17) and FAZHI_SCREENSHOT. FAZHI_URL is checked
// when a test opens it, so tests of the single file alone (firefox.test.mjs) run without a server.

import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const URL_ROOT = process.env.FAZHI_URL;
export const URL_SUBPATH = process.env.FAZHI_SUBPATH_URL;

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests through \`cargo xtask test\``);
  return v;
}

/** Launches the system Chromium headless, with no network chatter of its own (plus `extraArgs`). */
export async function launch(extraArgs = []) {
  const executablePath = process.env.FAZHI_CHROMIUM || execSync('command -v chromium').toString().trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs,
    ],
  });
}

/**
 * Opens the app in a fresh context and waits until it is ready (`button#analyze` visible).
 * Returns { page, context, log }: log.requests (every URL), log.foreign (requests that would
 * leave the page's origin; they are aborted), log.consoleErrors, log.pageErrors, log.dialogs,
 * log.failed (responses >= 400 and failed requests).
 */
export async function openApp(browser, url = need('FAZHI_URL'), { ready = 'button#analyze' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const origin = new URL(url).origin;
  const log = { requests: [], foreign: [], consoleErrors: [], pageErrors: [], dialogs: [], failed: [] };
  const sameOrigin = (u) => u.startsWith('data:') || new URL(u).origin === origin;
  await context.route((u) => !sameOrigin(u.href), (route) => {
    log.foreign.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) log.failed.push(`${r.url()} ${r.status()}`); });
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(url);
  if (ready) await page.locator(ready).waitFor({ state: 'visible', timeout: 20_000 });
  return { page, context, log };
}

/** Fails on requests off the origin, failed requests, console errors and uncaught exceptions. */
export function assertClean(log, { allowConsole = [] } = {}) {
  assert.deepEqual(log.foreign, [], 'requests left the page origin');
  assert.deepEqual(log.failed, [], 'failed requests');
  const errors = log.consoleErrors.filter((e) => !allowConsole.some((re) => re.test(e)));
  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
}

/** Polls `fn` (sync or async) until it returns a truthy value, or fails with `what`. */
export async function until(fn, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Tries in the page what the single file's CSP must block, a `fetch` and an injected inline
 * script: { fetch, inline }, each 'blocked' or 'allowed'/'ran'. For Playwright's and puppeteer's
 * pages alike. (The host name never resolves, and is no port that a browser refuses by itself,
 * as Firefox does port 9: only the CSP can be what blocks the fetch before it is sent.)
 */
export function tryWhatCspBlocks(page) {
  return page.evaluate(async () => {
    const results = {};
    try { await fetch('http://fazhi.invalid/x'); results.fetch = 'allowed'; } catch { results.fetch = 'blocked'; }
    window.__injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.appendChild(s);
    results.inline = window.__injected ? 'ran' : 'blocked';
    return results;
  });
}

/** The CLI's JSON report for one file: what the app must show for the same text. */
export function cliReport(file) {
  const out = execFileSync(need('FAZHI_BIN'), ['analyze', '--format', 'json', file], { maxBuffer: 64 << 20 });
  return JSON.parse(out.toString().split('\n')[0]);
}

/** How the app prints a number in `td.value`: the plain number, like JavaScript's String(). */
export function plain(n) {
  return String(n);
}

/** Pastes `text` into the paste area and analyses it. */
export async function pasteAndAnalyze(page, text) {
  await page.locator('textarea#input').fill(text);
  await page.locator('button#analyze').click();
}

/** The texts of all elements matching `selector`. */
export function texts(page, selector) {
  return page.locator(selector).allInnerTexts().then((a) => a.map((s) => s.trim()));
}

/**
 * Every row of the figures table. The table is virtual (only the rows in view are in the DOM),
 * so this scrolls its box from top to bottom, as a reader would, and collects each row once by
 * `data-index`: [{ index, value, text }] in table order. With `stopAt` (a value) it stops at the
 * first row showing that value, leaving it rendered.
 */
export async function figureRows(page, { stopAt } = {}) {
  return page.evaluate(async (stopAt) => {
    const wrap = document.querySelector('#figures-panel .table-wrap');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const seen = new Map();
    const collect = () => {
      for (const tr of wrap.querySelectorAll('tbody tr.figure')) {
        const row = { index: tr.dataset.index, value: tr.querySelector('td.value').textContent.trim(), text: tr.textContent };
        if (!seen.has(row.index)) seen.set(row.index, row);
        if (stopAt !== undefined && row.value === stopAt) return true;
      }
      return false;
    };
    wrap.scrollTop = 0;
    await frame();
    while (!collect()) {
      const before = wrap.scrollTop;
      if (before + wrap.clientHeight >= wrap.scrollHeight - 1) break;
      wrap.scrollTop = before + Math.max(1, Math.floor(wrap.clientHeight * 0.8));
      await frame();
      if (wrap.scrollTop === before) break;
    }
    return [...seen.values()];
  }, stopAt);
}

/** The number of figure rows the table says it has (`aria-rowcount` minus the header row). */
export async function figureRowCount(page) {
  return Number(await page.locator('table#figures').getAttribute('aria-rowcount')) - 1;
}

/**
 * Waits until the library panel has read the stored library (its start, which also moves an old
 * localStorage library, is over): a test that seeds storage after that is not raced by it.
 */
export async function libraryRead(page) {
  await until(async () => !(await page.locator('section#library').innerText()).includes('正在读取报告库'), 'the library read');
}

/**
 * The names of the library entries stored in the page's IndexedDB (read directly, not through
 * the app), in no particular order. A database that does not exist yet is not created.
 */
export function storedNames(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('fazhi-lens');
    req.onupgradeneeded = () => req.transaction.abort();
    req.onerror = () => (req.error?.name === 'AbortError' ? resolve([]) : reject(req.error));
    req.onsuccess = () => {
      const db = req.result;
      const all = db.transaction('entries').objectStore('entries').getAll();
      all.onsuccess = () => { db.close(); resolve(all.result.map((e) => e.name)); };
      all.onerror = () => { db.close(); reject(all.error); };
    };
  }));
}

/**
 * A synthetic report (never corpus text): a title naming `place` and `year`, then `n` varying
 * paragraphs of figures (about 60 characters each).
 */
export function syntheticReport(place, year, n = 3) {
  const lines = [`${place}${year}年法治政府建设年度报告`, '一、主要举措'];
  for (let i = 0; i < n; i++) {
    lines.push(`（${i + 1}）全年办理行政复议案件${(i * 7 + year) % 997}件，同比增长${i % 50}%，组织执法培训${i + 3}场次。`);
  }
  lines.push('二、存在的不足', '一是基层执法力量不足。', `三、${year + 1}年工作安排`, '继续推进严格规范公正文明执法。');
  return lines.join('\n') + '\n';
}

/**
 * A library file in the format every build so far exports (format "fazhi-lens-library",
 * version 1, each entry with its text): `count` synthetic reports of `n` paragraphs. The ids
 * are made up on purpose: the app takes the identity from the text.
 */
export function libraryFile(count, { n = 3, prefix = '测试区' } = {}) {
  const entries = [];
  for (let i = 0; i < count; i++) {
    const place = `${prefix}${i}`;
    const year = 2015 + (i % 10);
    entries.push({
      id: `old-${i}`, name: `${place}${year}年报告`, region: place, year, title: `${place}${year}年法治政府建设年度报告`,
      source: `${place}.txt`, saved_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      text: syntheticReport(place, year, n),
    });
  }
  return { format: 'fazhi-lens-library', version: 1, entries };
}

/** The text of the seed report (in FAZHI_CORPUS) whose file name starts with `prefix` ("003"). */
export function seed(prefix) {
  const corpus = process.env.FAZHI_CORPUS || new URL('../../../shared/corpus', import.meta.url).pathname;
  const name = readdirSync(corpus).filter((n) => n.startsWith(`${prefix}_`)).sort()[0];
  assert.ok(name, `seed ${prefix} in ${corpus}`);
  return readFileSync(join(corpus, name), 'utf8');
}

/** Runs `body` on the app opened in a fresh context (at `viewport`, if given), then checks the
 * log is clean and closes the context. */
export async function withApp(browser, body, viewport) {
  const app = await openApp(browser);
  if (viewport) await app.page.setViewportSize(viewport);
  try {
    await body(app);
    assertClean(app.log);
  } finally {
    await app.context.close();
  }
}
