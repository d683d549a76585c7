// The build itself: it loads at / and under a subpath with nothing but its own files, no errors,
// and a Content-Security-Policy that keeps injected script out.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, assertClean, until, URL_ROOT, URL_SUBPATH } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [where, url] of [['at /', URL_ROOT], ['under /tools/fazhi/', URL_SUBPATH]]) {
  test(`loads ${where} from its own origin only, without errors`, async () => {
    const { page, context, log } = await openApp(browser, url);
    try {
      const wasm = log.requests.filter((u) => u.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `one .wasm fetched: ${log.requests.join(' ')}`);
      assert.ok(wasm[0].startsWith(url), `${wasm[0]} is under ${url}`);
      assert.match(await page.locator('html').getAttribute('lang') ?? '', /^zh/, 'html lang is Chinese');
      await page.locator('button#demo').click();
      await until(async () => (await page.locator('table#figures tbody tr.figure').count()) > 0, 'the demo report');
      // The offline cache (dist.test.mjs) belongs to the app's own directory, wherever that is.
      const scope = await until(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope), 'a service worker');
      assert.equal(scope, url, 'the service worker\'s scope');
      assertClean(log);
    } finally {
      await context.close();
    }
  });
}

test('serves the wasm as application/wasm', async () => {
  const { page, context } = await openApp(browser, URL_ROOT);
  try {
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.endsWith('.wasm')));
    const type = await page.evaluate(async (u) => (await fetch(u)).headers.get('content-type'), wasm);
    assert.equal(type, 'application/wasm');
  } finally {
    await context.close();
  }
});

test('the Content-Security-Policy blocks injected inline script', async () => {
  const { page, context, log } = await openApp(browser, URL_ROOT);
  try {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(csp, /(^|[\s;])(script-src|default-src)[^;]*(\*|https?:)/, 'no remote script sources');
    const ran = await page.evaluate(async () => {
      window.__injected = false;
      const violation = new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        setTimeout(() => resolve(null), 2000);
      });
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.body.appendChild(s);
      return { ran: window.__injected, violated: await violation };
    });
    assert.equal(ran.ran, false, 'the injected inline script ran');
    assert.match(ran.violated ?? '', /script-src/);
    await until(() => log.consoleErrors.length > 0, 'the CSP violation report', 2000);
    // the only console error is the blocked script itself
    assertClean(log, { allowConsole: [/Content Security Policy/] });
  } finally {
    await context.close();
  }
});

// Issue 16: on a slow link the page shows its paste area before the WebAssembly has loaded,
// and what the user pastes meanwhile is kept by the app when it starts.
test('the static shell shows before the WebAssembly and hands its text to the app', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  try {
    // Hold the .wasm back, as a slow link would, until the shell has been used.
    await context.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    const page = await context.newPage();
    await page.goto(URL_ROOT, { waitUntil: 'domcontentloaded' });
    const shell = page.locator('#static-shell textarea#shell-input');
    await shell.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.locator('#static-shell h1').innerText(), '法治透镜');
    assert.equal(await page.locator('button#analyze').count(), 0, 'the app has not started yet');
    const text = '示例区2024年法治政府建设年度报告\n办理行政复议案件12件。';
    await shell.fill(text);
    await shell.focus();
    release();
    const input = page.locator('textarea#input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await input.inputValue(), text, 'the text typed into the shell is in the app');
    assert.equal(await page.locator('#static-shell').count(), 0, 'the shell is gone');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'input', 'the app\'s paste area has the focus');
    assert.equal(await page.locator('main').count(), 1, 'one main landmark');
  } finally {
    release();
    await context.close();
  }
});
