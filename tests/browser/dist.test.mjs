// Shipping: the single file `fazhi-lens.html` opened from disk, and the service worker that keeps
// a served dist/ working offline (and out of the way where browsers allow none).
//
// `cargo xtask test` sets FAZHI_SINGLE_FILE (the single file) and FAZHI_DIST (the release dist/)
// besides lib.mjs's variables. (dist/ under /tools/fazhi/ is smoke.test.mjs's.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, assertClean, until, cliReport, plain, pasteAndAnalyze, figureRows, figureRowCount, tryWhatCspBlocks, storedNames } from './lib.mjs';

const SINGLE_FILE = process.env.FAZHI_SINGLE_FILE;
const DIST = process.env.FAZHI_DIST && resolve(process.env.FAZHI_DIST);
const corpus = process.env.FAZHI_CORPUS;
const seed = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()[0];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh context and page recording every request (the page's and its workers') and error. */
async function recordedPage(b = browser) {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const log = { requests: [], consoleErrors: [], pageErrors: [], failed: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  context.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  return { context, page, log };
}

/** Waits for the app to be ready. */
const ready = (page) => page.locator('button#analyze').waitFor({ state: 'visible', timeout: 20_000 });

/** Pastes the first seed report and checks the title, headings and figures against the CLI. */
async function analyzesSeed(page) {
  const file = join(corpus, seed);
  const want = cliReport(file);
  await pasteAndAnalyze(page, readFileSync(file, 'utf8'));
  if (want.meta.title) {
    await until(async () => (await page.locator('h2#report-title').innerText()).trim() === want.meta.title, `title ${want.meta.title}`);
  }
  const items = page.locator('ul#outline[role=tree] [role=treeitem]');
  await until(async () => (await items.count()) === want.sections.length, `${want.sections.length} treeitems`);
  // The table renders only the rows in view: read its row count, then scroll through it.
  await until(async () => (await figureRowCount(page)) === want.metrics.length, `${want.metrics.length} figure rows`);
  const shown = (await figureRows(page)).map((r) => r.value).sort();
  assert.deepEqual(shown, want.metrics.map((m) => plain(m.value)).sort(), 'the value cells');
  return want;
}

test('fazhi-lens.html works from file:// and loads nothing but itself', async () => {
  const url = pathToFileURL(SINGLE_FILE).href;
  const { context, page, log } = await recordedPage();
  try {
    await page.goto(url);
    await ready(page);
    const want = await analyzesSeed(page);
    assert.match(await page.locator('#version').innerText(), /\d+\.\d+\.\d+ .* \d{4}-\d{2}-\d{2}/, 'version and build date');
    const api = await page.evaluate(() => window.fazhi.analyze('某区2024年法治政府建设年度报告\n办理案件12件。').metrics.length);
    assert.ok(api >= 1, 'window.fazhi.analyze works');

    // Its library lives in the browser's storage for the file: IndexedDB, not the page's memory
    // (no "storage unavailable" alert, and the space line shows).
    const item = page.locator('section#library tr.library-item');
    await until(async () => (await item.count()) === 1, 'the report in the library');
    await page.reload();
    await ready(page);
    await until(async () => (await item.count()) === 1, 'the library after a reload');
    assert.equal((await page.locator('section#library [role=alert]').innerText()).trim(), '', 'no storage alert');
    assert.deepEqual(await storedNames(page), [await item.locator('.item-name').innerText()], 'the report in IndexedDB');
    if (want.meta.title) assert.ok((await item.innerText()).includes(want.meta.title), 'the saved report');
    await page.locator('button#demo').click();
    await page.locator('button#keep-report').click();
    await until(async () => (await item.count()) === 2, 'the demo report added');

    const foreign = log.requests.filter((u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'requests beyond the file itself');
    assertClean({ ...log, foreign: [], dialogs: [] });
  } finally {
    await context.close();
  }
});

test('fazhi-lens.html: its CSP allows no network and no other script, and it has no service worker', async () => {
  const html = readFileSync(SINGLE_FILE, 'utf8');
  assert.doesNotMatch(html, /sw-register|serviceWorker/, 'nothing registers a service worker');
  assert.doesNotMatch(html, /<script[^>]* src=|<link[^>]* rel="(stylesheet|preload|modulepreload)"/, 'no external script or style');
  const { context, page, log } = await recordedPage();
  try {
    await page.goto(pathToFileURL(SINGLE_FILE).href);
    await ready(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'none'/);
    // Exactly its two inline scripts, by hash: the PDF module's and the app's.
    const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2, 'the PDF module and the app');
    const hashes = scripts.map((js) => `'sha256-${createHash('sha256').update(js).digest('base64')}'`);
    assert.ok(csp.includes(`script-src ${hashes.join(' ')} 'wasm-unsafe-eval';`), `script-src of ${hashes}: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|https?:|\*|'self'/);
    const blocked = await tryWhatCspBlocks(page);
    assert.deepEqual(blocked, { fetch: 'blocked', inline: 'blocked' });
    assert.ok(!log.requests.some((u) => u.startsWith('http')), `no request went out: ${log.requests}`);
  } finally {
    await context.close();
  }
});

/** Serves `dir` at http://127.0.0.1:<free port>/tools/fazhi/ (a stand-in for any web server). */
async function serveDir(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith('/tools/fazhi/')) { res.writeHead(404).end(); return; }
    let file = normalize(join(dir, path.slice('/tools/fazhi/'.length)));
    if (!file.startsWith(dir)) { res.writeHead(404).end(); return; }
    if (file.endsWith('/') || file === dir) file = join(file, 'index.html');
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
  return { url: `http://127.0.0.1:${server.address().port}/tools/fazhi/`, stop };
}

/** The cache names of the page's origin. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

test('service worker: the app keeps working when the server goes away, and a new release replaces the cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await serveDir(dir);
  const { context, page, log } = await recordedPage();
  try {
    await page.goto(server.url);
    await ready(page);
    await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker in control', 20_000);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const version = sw.match(/const VERSION = "([0-9a-f]+)";/)?.[1];
    assert.ok(version, 'sw.js has a version');
    const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
    assert.ok(files.includes('./') && files.some((f) => f.endsWith('.wasm')), `sw.js lists the page and the wasm: ${files}`);
    assert.ok(files.some((f) => /^\.\/fazhi-pdf-[0-9a-f]+\.wasm$/.test(f)) && files.some((f) => /^\.\/fazhi-pdf-[0-9a-f]+\.js$/.test(f)),
      `sw.js lists the PDF module: ${files}`);
    let names = await cacheNames(page);
    assert.equal(names.length, 1, `one cache: ${names}`);
    assert.ok(names[0].endsWith(version), `${names[0]} is version ${version}`);
    const cached = await page.evaluate(async (n) => (await (await caches.open(n)).keys()).length, names[0]);
    assert.equal(cached, files.length, 'every file of dist/ cached');

    // A new release: a new sw.js (new version) and index.html. The new worker takes over and
    // deletes the old cache.
    writeFileSync(join(dir, 'sw.js'), sw.replace(version, 'feedc0de00000002'));
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), index.replace('</head>', '<meta name="release" content="2"></head>'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await until(async () => JSON.stringify(names = await cacheNames(page)) === JSON.stringify([names[0]?.replace(version, 'feedc0de00000002')]),
      'only the new release\'s cache', 20_000);
    assert.ok(names[0].endsWith('feedc0de00000002'));

    // The server goes away: a reload still loads and analyses.
    await server.stop();
    await assert.rejects(fetch(server.url), 'the server is gone');
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('meta[name=release]').getAttribute('content'), '2', 'the new release\'s page, from the cache');
    await analyzesSeed(page);
    // …and reads a PDF, with the PDF module from the cache.
    if (process.env.FAZHI_PDFS) {
      const pdfs = resolve(process.env.FAZHI_PDFS);
      const pdf = join(pdfs, readdirSync(pdfs).filter((f) => f.startsWith('seed-') && f.endsWith('.pdf')).sort()[0]);
      const want = cliReport(pdf);
      await page.locator('input#file').setInputFiles(pdf);
      const labels = () => page.locator('ul#outline [role=treeitem] .tree-label').evaluateAll((els) => els.map((e) => e.title));
      const wanted = want.sections.map((h) => `${h.marker}${h.title}`);
      await until(async () => JSON.stringify(await labels()) === JSON.stringify(wanted), 'the PDF\'s outline offline', 30_000);
    }
    assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
    assert.deepEqual(log.consoleErrors, [], 'console errors');
  } finally {
    await context.close();
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

test('service worker: not registered on a plain-HTTP intranet host, and no console error there', async () => {
  // A host name that is not localhost makes plain HTTP an insecure context, as on an intranet.
  const server = await serveDir(normalize(DIST));
  const port = new URL(server.url).port;
  const b = await launch(['--host-resolver-rules=MAP intranet.fazhi.test 127.0.0.1']);
  try {
    const { page, log } = await recordedPage(b);
    await page.goto(`http://intranet.fazhi.test:${port}/tools/fazhi/`);
    await ready(page);
    assert.equal(await page.evaluate(() => window.isSecureContext), false, 'an insecure context');
    assert.equal(await page.evaluate(() => 'serviceWorker' in navigator), false, 'no service worker API here');
    await page.locator('button#demo').click();
    await until(async () => (await page.locator('table#figures tbody tr.figure').count()) > 0, 'the demo report');
    assert.ok(!log.requests.some((u) => u.endsWith('/sw.js')), 'sw.js never fetched');
    assertClean({ ...log, foreign: [], dialogs: [] });
  } finally {
    await b.close();
    await server.stop();
  }
});
