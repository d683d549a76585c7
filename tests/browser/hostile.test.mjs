// Hostile conditions in the browser (issue 6): full storage, damaged stored data, two tabs
// writing the same library, and a saved page whose scripts and references must stay inert.
// In each, the report on screen stays there and the library is never silently emptied.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openApp, assertClean, until, pasteAndAnalyze, texts, URL_ROOT } from './lib.mjs';

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

const items = (page) => page.locator('section#library li.library-item');
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '{"entries":[]}').entries.map((e) => e.name), LIBRARY_KEY);

test('full storage: the report stays on screen, the user is told, the stored library is untouched', async () => {
  const { page, context, log } = await openApp(browser);
  try {
    await pasteAndAnalyze(page, report('甲区', 11));
    await until(async () => (await stored(page)).length === 1, 'the first report stored');
    const before = await page.evaluate((k) => localStorage.getItem(k), LIBRARY_KEY);
    // From now on every write fails the way a full disk does.
    await page.evaluate(() => {
      Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await pasteAndAnalyze(page, report('乙区', 22));
    await until(async () => (await page.locator('h2#report-title').innerText()).includes('乙区'), 'the second report shown');
    await until(async () => (await page.locator('section#library [role=alert]').innerText()).includes('存储空间'), 'a storage-full alert');
    assert.equal(await items(page).count(), 2, 'both reports still listed in this tab');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), LIBRARY_KEY), before, 'stored library unchanged');
    assertClean(log);
  } finally {
    await context.close();
  }
});

test('damaged stored data is set aside, reported, and never overwritten', async () => {
  const { page, context, log } = await openApp(browser);
  try {
    const garbage = '{"format":"fazhi-lens-library","version":1,"entries":[{"id":"x","name":"好的","text":"保留"}, 7';
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
    // The app still works, and its next write does not destroy the backup.
    await pasteAndAnalyze(page, report('丙区', 33));
    await until(async () => (await stored(page)).length === 1, 'a new library written');
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
    await until(async () => (await items(b).count()) === 1, 'tab B sees tab A’s report');
    await pasteAndAnalyze(b, report('西区', 34));
    await until(async () => (await items(a).count()) === 2, 'tab A sees tab B’s report');
    await until(async () => (await a.locator('section#library [role=status]').innerText()).includes('另一个标签页'), 'tab A is told');
    // A write behind tab A's back (another tab whose event A has not had, another program):
    // A's next save must keep it, not overwrite it with A's older copy.
    await a.evaluate((k) => {
      const lib = JSON.parse(localStorage.getItem(k));
      lib.entries.unshift({ id: 'feedfacefeedface', name: '北区（另写入）', text: '北区2024年法治政府建设年度报告' });
      localStorage.setItem(k, JSON.stringify(lib));
    }, LIBRARY_KEY);
    await pasteAndAnalyze(a, report('南区', 56));
    await until(async () => (await stored(a)).length === 4, 'all four reports stored');
    for (const page of [a, b]) {
      await until(async () => (await items(page).count()) === 4, 'four reports listed in each tab');
    }
    // A deletion in one tab is a deletion in the other, not a resurrection.
    page_accepting(a);
    await items(a).filter({ hasText: '东区' }).locator('button.delete').click();
    await until(async () => (await items(b).count()) === 3, 'tab B follows the deletion');
    await pasteAndAnalyze(b, report('中区', 78));
    await until(async () => (await stored(a)).length === 4, 'B’s next write keeps the deletion');
    assert.ok(!(await stored(a)).some((n) => n.includes('东区')), 'the deleted report stays deleted');
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
