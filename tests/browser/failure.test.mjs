// A panic in the analysis never hangs the app (issue 21). The test-only flag
// `globalThis.__FAZHI_TEST_PANIC__` (src/platform/worker.rs) makes every analysis call `panic!` where
// it runs: in the worker of a served dist/, and in the page itself in the single file opened
// from file:// (no worker can start there). The app must say so, keep the text, try again on
// request and go on working.
//
// `cargo xtask test` sets FAZHI_URL and FAZHI_SINGLE_FILE (see lib.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launch, openApp, until, pasteAndAnalyze } from './lib.mjs';

const SINGLE_FILE = process.env.FAZHI_SINGLE_FILE;

const first = '某区2030年法治政府建设年度报告\n一、主要举措\n全年办理行政复议案件12件，同比增长20%。\n';
const second = '某县2031年法治政府建设年度报告\n一、主要举措\n全年举办普法活动35场。\n';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const setPanic = (page, value) => page.evaluate((v) => { globalThis.__FAZHI_TEST_PANIC__ = v; }, value);
const title = (page) => page.locator('h2#report-title').innerText().then((t) => t.trim()).catch(() => '');
/** Where the latest analysis ran: 'worker' or 'page' (the `fazhi:core` measure, worker.rs). */
const ranIn = (page) => page.evaluate(() => performance.getEntriesByName('fazhi:core').at(-1)?.detail.where);

/**
 * Nothing left the page, nothing failed to load, and the only errors are the forced panic's: its
 * message, which Yew's panic hook logs, and (from a worker) the trap that ends it.
 */
function assertOnlyThePanic(log) {
  assert.deepEqual(log.foreign, [], 'requests left the page origin');
  assert.deepEqual(log.failed, [], 'failed requests');
  const other = [...log.consoleErrors, ...log.pageErrors].filter((e) => !/^panicked at .*\n__FAZHI_TEST_PANIC__|unreachable/.test(e));
  assert.deepEqual(other, [], 'errors besides the forced panic');
}

/** Fails on serious or critical axe-core violations on the page as it is. */
async function assertAccessible(page) {
  // DevTools evaluation is not subject to the page's CSP, so axe needs no inline <script>.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
}

/**
 * Forces a failure of the analysis of `first`, then checks what the user sees and that
 * "try again" and a later analysis work (both running `where`: 'worker' or 'page').
 */
async function failsAndRecovers(page, where) {
  await setPanic(page, true);
  await pasteAndAnalyze(page, first);
  const failure = page.locator('#analysis-failure[role=alert]');
  await failure.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await failure.innerText(), /出错/, 'says, in Chinese, that the analysis failed');
  assert.equal(await page.locator('#analysis-progress').count(), 0, 'no busy line left');
  assert.equal(await page.locator('textarea#input').inputValue(), first, 'the text is still in the paste area');
  assert.equal(await page.locator('h2#report-title').count(), 0, 'no report');
  const action = page.locator('button#failure-action');
  assert.equal((await action.innerText()).trim(), '再试一次');
  await assertAccessible(page);

  // In English too.
  await page.locator('button#lang-toggle').click();
  assert.equal((await action.innerText()).trim(), 'Try again');
  assert.match(await failure.innerText(), /failed/);
  await page.locator('button#lang-toggle').click();

  // Trying again, without the flag, gives the report.
  await setPanic(page, false);
  await action.click();
  await until(async () => (await title(page)).includes('2030年法治政府建设年度报告'), 'the report after trying again', 20_000);
  assert.equal(await failure.count(), 0, 'the failure notice is gone');
  assert.equal(await ranIn(page), where);

  // And the next analysis works as ever.
  await pasteAndAnalyze(page, second);
  await until(async () => (await title(page)).includes('2031年法治政府建设年度报告'), 'the next report', 20_000);
  assert.equal(await ranIn(page), where);
}

test('a panic in the worker: the app says so, keeps the text, and a fresh worker analyses it again', async () => {
  const app = await openApp(browser);
  const { page, log } = app;
  try {
    const original = await until(() => page.workers().length === 1 && page.workers()[0], 'the analysis worker');
    let closed = false;
    original.on('close', () => { closed = true; });
    await failsAndRecovers(page, 'worker');
    await until(() => closed, 'the failed worker terminated');
    const now = page.workers();
    assert.equal(now.length, 1, 'one worker');
    assert.notEqual(now[0], original, 'a new one');
    assert.equal(await page.locator('section#library tr.library-item').count(), 2, 'both reports, nothing else, in the library');
    assertOnlyThePanic(log);
  } finally {
    await app.context.close();
  }
});

test('the busy line gives the size of a short text in bytes, not "0 KB"', async () => {
  const app = await openApp(browser);
  const { page } = app;
  try {
    // The line is in the page from the click to the answer (CSS shows it only after a moment).
    await page.evaluate(() => {
      const seen = [];
      new MutationObserver(() => {
        const line = document.querySelector('#analysis-progress [role=status]');
        if (line) seen.push(line.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
      window.__busyLines = seen;
    });
    await pasteAndAnalyze(page, second);
    await until(async () => (await title(page)).includes('2031'), 'the report', 20_000);
    const lines = await page.evaluate(() => window.__busyLines);
    const bytes = Buffer.byteLength(second);
    assert.ok(lines.length > 0, 'the busy line was shown');
    assert.ok(lines.every((l) => l.includes(`正在分析 ${bytes} 字节 的文本`)), `busy line: ${lines}`);
  } finally {
    await app.context.close();
  }
});

test('a page that opens with its breadcrumb ("首页 » 政务公开") is analysed, not aborted', async () => {
  // The text of issue 21: the analyser stepped one byte past the two-byte "»" and the worker died.
  const app = await openApp(browser);
  const { page, log } = app;
  try {
    const crumbs = ['»', '›', '＞', '》', '→'];
    for (const [i, sep] of crumbs.entries()) {
      const year = 2040 + i;
      await pasteAndAnalyze(page, `您的位置：首页 ${sep} 政务公开\n某区人民政府${year}年法治政府建设年度报告\n一、主要举措\n全年办理行政复议案件12件。\n`);
      await until(async () => (await title(page)).includes(String(year)), `the report after "${sep}"`, 20_000);
      assert.equal(await page.locator('#analysis-failure').count(), 0, `no failure notice after "${sep}"`);
    }
    assert.deepEqual([...log.consoleErrors, ...log.pageErrors], [], 'no errors');
  } finally {
    await app.context.close();
  }
});

test('fazhi-lens.html from file://: a panic in the page is caught, the text kept, and the page goes on', async () => {
  const app = await openApp(browser, pathToFileURL(SINGLE_FILE).href);
  const { page, log } = app;
  try {
    await failsAndRecovers(page, 'page');
    // The library is written after the report shows (IndexedDB, in a task of its own).
    await until(async () => (await page.locator('section#library tr.library-item').count()) === 2, 'both reports in the library');
    assertOnlyThePanic(log);
    // The panic was caught in the page: nothing escaped to its error handlers.
    assert.deepEqual(log.pageErrors, [], 'uncaught errors');
  } finally {
    await app.context.close();
  }
});

test('fazhi-lens.html from file://: when the panic leaves the page unusable, a reload keeps the text', async () => {
  const app = await openApp(browser, pathToFileURL(SINGLE_FILE).href);
  const { page, log } = app;
  try {
    // 'broken': the health check after the failure fails too, as if the module were poisoned.
    await setPanic(page, 'broken');
    await pasteAndAnalyze(page, first);
    const failure = page.locator('#analysis-failure[role=alert]');
    await failure.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await failure.innerText(), /重新载入/);
    assert.equal(await page.locator('textarea#input').inputValue(), first, 'the text is still in the paste area');
    const action = page.locator('button#failure-action');
    assert.equal((await action.innerText()).trim(), '重新载入页面');
    await Promise.all([page.waitForEvent('load'), action.click()]);
    await page.locator('button#analyze').waitFor({ state: 'visible', timeout: 20_000 });
    // The new page has no flag, and the text back in the paste area.
    assert.equal(await page.locator('textarea#input').inputValue(), first, 'the text is back after the reload');
    await page.locator('button#analyze').click();
    await until(async () => (await title(page)).includes('2030年法治政府建设年度报告'), 'the report after the reload', 20_000);
    // Given back once: another reload starts empty.
    await page.reload();
    await page.locator('button#analyze').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await page.locator('textarea#input').inputValue(), '');
    assertOnlyThePanic(log);
  } finally {
    await app.context.close();
  }
});
