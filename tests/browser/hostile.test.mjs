// Hostile conditions in the browser (issue 6): full storage (IndexedDB's quota refused), damaged
// old stored data, two tabs writing the same library, and a saved page whose scripts and references must stay inert.
// In each, the report on screen stays there and the library is never silently emptied.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openApp, assertClean, until, pasteAndAnalyze, texts, storedNames, libraryRead, URL_ROOT } from './lib.mjs';

const LIBRARY_KEY = 'fazhi-lens.library';
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-hostile-'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A short synthetic report whose title names `place`. */
function report(place, n) {
  return `${place}2024年法治政府建设年度报告\n一、主要举措\n全年办理行政复议案件${n}件，同比增长${n % 50}%。\n`
    + `二、存在的不足\n一是基层执法力量不足。\n三、2025年工作安排\n继续推进严格规范公正文明执法。\n`;
}

const items = (page) => page.locator('section#library tr.library-item');

test('full storage: the report stays on screen, the user is told, nothing stored is lost', async () => {
  const { page, context, log } = await openApp(browser);
  try {
    // The disk fills after two writes (one report: its entry and its text): every later
    // IndexedDB write fails the way a refused quota does.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      let left = 2;
      window.__diskFreed = () => { left = Infinity; };
      IDBObjectStore.prototype.put = function (...args) {
        if (left-- <= 0) throw new DOMException('full', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await page.reload();
    log.failed = log.failed.filter((f) => !f.endsWith('net::ERR_ABORTED'));
    await page.locator('button#analyze').waitFor({ state: 'visible' });
    await pasteAndAnalyze(page, report('甲区', 11));
    await until(async () => (await storedNames(page)).length === 1, 'the first report stored');
    await pasteAndAnalyze(page, report('乙区', 22));
    await until(async () => (await page.locator('h2#report-title').innerText()).includes('乙区'), 'the second report shown');
    const alert = page.locator('section#library [role=alert]');
    await until(async () => (await alert.innerText()).includes('存储空间'), 'a storage-full alert');
    await page.locator('button#lang-toggle').click();
    await until(async () => (await alert.innerText()).includes('storage is full'), 'the alert in English');
    await page.locator('button#lang-toggle').click();
    assert.deepEqual(await storedNames(page), ['甲区2024年法治政府建设年度报告'], 'the stored library unchanged');
    assert.equal(await items(page).count(), 1, 'the list shows what is stored');
    assert.ok((await page.locator('h2#report-title').innerText()).includes('乙区'), 'the unsaved report still on screen');
    // Space again: the next save works and the alert goes.
    await page.evaluate(() => window.__diskFreed());
    await pasteAndAnalyze(page, report('丙区', 33));
    await until(async () => (await storedNames(page)).length === 2, 'the third report stored');
    await until(async () => (await alert.innerText()) === '', 'the alert gone');
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('damaged old library data is set aside, reported, and never overwritten', async () => {
  const { page, context, log } = await openApp(browser);
  try {
    const garbage = '{"format":"fazhi-lens-library","version":1,"entries":[{"id":"x","name":"好的","text":"保留"}, 7';
    await libraryRead(page);
    await page.evaluate(([k, g]) => localStorage.setItem(k, g), [LIBRARY_KEY, garbage]);
    await page.reload();
    // The reload cancels what the first load still had in flight (its worker.js, on a busy
    // machine): not a failure of the page under test, which starts here.
    log.failed = log.failed.filter((f) => !f.endsWith('net::ERR_ABORTED'));
    await page.locator('button#analyze').waitFor({ state: 'visible' });
    const alert = page.locator('section#library [role=alert]');
    await until(async () => (await alert.innerText()).includes('fazhi-lens.library.unreadable.'), 'an alert naming the backup key');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fazhi-lens.library.unreadable.')));
    assert.equal(backups.length, 1);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), garbage, 'the raw data kept byte for byte');
    // Damaged JSON cannot be read at all: nothing moved, and the old key goes only with its copy kept.
    await pasteAndAnalyze(page, report('丙区', 33));
    await until(async () => (await storedNames(page)).length === 1, 'a new report stored');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backups[0]), garbage);
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('two tabs adding and deleting never lose each other’s reports', async () => {
  const first = await openApp(browser);
  const context = first.context;
  try {
    const a = first.page;
    const b = await context.newPage();
    await b.goto(URL_ROOT);
    await b.locator('button#analyze').waitFor({ state: 'visible' });
    await pasteAndAnalyze(a, report('东区', 12));
    await until(async () => (await items(b).count()) === 1, 'tab B sees tab A’s report without a reload');
    await pasteAndAnalyze(b, report('西区', 34));
    await until(async () => (await items(a).count()) === 2, 'tab A sees tab B’s report');
    await until(async () => (await a.locator('section#library .library-status').innerText()).includes('另一个标签页'), 'tab A is told');
    await pasteAndAnalyze(a, report('南区', 56));
    for (const page of [a, b]) {
      await until(async () => (await items(page).count()) === 3, 'three reports listed in each tab');
    }
    // A deletion in one tab is a deletion in the other, not a resurrection.
    page_accepting(a);
    await items(a).filter({ hasText: '东区' }).locator('button.delete').click();
    await until(async () => (await items(b).count()) === 2, 'tab B follows the deletion');
    await pasteAndAnalyze(b, report('中区', 78));
    await until(async () => (await storedNames(a)).length === 3, 'B’s next write keeps the deletion');
    assert.ok(!(await storedNames(a)).some((n) => n.includes('东区')), 'the deleted report stays deleted');
    await until(async () => (await items(a).count()) === 3, 'tab A lists B’s new report');
    // A rename travels too.
    await items(b).filter({ hasText: '西区' }).locator('button.rename').click();
    await b.locator('input.rename-input').fill('西区（改名）');
    await b.locator('button.rename-save').click();
    await until(async () => (await items(a).filter({ hasText: '西区（改名）' }).count()) === 1, 'tab A shows the new name');
    assertClean(first.log);
  } finally {
    await context.close();
  }
});

function page_accepting(page) {
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => d.accept());
}

test('a saved page opens as text: its scripts never run and nothing it references is fetched', async () => {
  const { page, context, log } = await openApp(browser);
  try {
    const html = `<!doctype html><html><head><meta charset="utf-8">
<script>alert('script')</script><link rel="stylesheet" href="/evil.css"><style>body{background:url(/bg.png)}</style></head>
<body onload="alert('onload')"><h1>丁区2024年法治政府建设年度报告</h1>
<iframe src="/frame.html"></iframe><img src="/pixel.png" onerror="alert('img')"><object data="/x.swf"></object>
<p>一、主要举措</p><p>全年办理行政复议案件18件。</p><script src="/evil.js"></script></body></html>`;
    const file = join(tmp, 'hostile.html');
    writeFileSync(file, html);
    await page.locator('input#file').setInputFiles(file);
    await until(async () => (await page.locator('#source').innerText()).includes('丁区2024年'), 'the page’s text');
    await page.waitForTimeout(300);
    assert.deepEqual(log.dialogs, [], 'no script ran');
    const fetched = log.requests.filter((u) => /evil|bg\.png|frame|pixel|x\.swf/.test(u));
    assert.deepEqual(fetched, [], 'nothing the page references was requested');
    assert.equal(await page.locator('iframe, object, #source img').count(), 0, 'no element of the page was created');
    assert.ok((await texts(page, 'table#figures td.value')).includes('18'));
    assertClean(log);
  } finally {
    await context.close();
  }
});
