// PDFs in the app (issue 17): the PDF module (crates/pdf-web) is fetched only when a PDF is opened,
// reads printed reports to the same outline and figures as the CLI (file picker and drop), turns
// scanned, password-protected and truncated files into their messages, and works inside the
// single file from file:// and in a page without workers. (perf.test.mjs measures the reading.)
//
// The printed PDFs come from tests/browser/make-pdfs.mjs, which `cargo xtask test` runs once
// before the browser suites into target/pdfs (FAZHI_PDFS). The small hostile PDFs are built here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openApp, assertClean, until, cliReport, plain, figureRows } from './lib.mjs';

const PDFS = process.env.FAZHI_PDFS && resolve(process.env.FAZHI_PDFS);
const SINGLE_FILE = process.env.FAZHI_SINGLE_FILE && resolve(process.env.FAZHI_SINGLE_FILE);
const noPdfs = !(PDFS && existsSync(PDFS)) && 'FAZHI_PDFS is not set (`cargo xtask test` makes the PDFs)';

/**
 * The PDFs of FAZHI_PDFS that the CLI reads (the seeds first; the synthetic report and any other
 * generator's after them). PDFs there that the CLI refuses, if a generator adds such, are left
 * to the refusal tests below.
 */
let readable;
function printed() {
  if (!readable) {
    const all = readdirSync(PDFS).filter((f) => f.endsWith('.pdf')).sort();
    readable = [...all.filter((f) => f.startsWith('seed-')), ...all.filter((f) => !f.startsWith('seed-'))]
      .map((f) => join(PDFS, f))
      .filter((f) => {
        // The CLI exits with 1 (and prints {error}) on a file it cannot read.
        try {
          return !cliReport(f).error;
        } catch {
          return false;
        }
      });
    assert.ok(readable.length > 0, `no PDF in ${PDFS} that the CLI reads`);
  }
  return readable;
}

// --- Tiny PDFs, built byte by byte (as crates/pdf/tests/built.rs does) ---

/** A stream object's body. */
const stream = (dict, data) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

/** A classic file (header, objects, xref table, trailer) from [number, body] pairs. */
function classic(objects, trailerExtra = '') {
  const parts = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = parts[0].length;
  const max = Math.max(...objects.map(([n]) => n));
  const offsets = new Array(max + 1).fill(null);
  for (const [n, body] of objects) {
    offsets[n] = length;
    const obj = Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    length += obj.length;
  }
  let xref = `xref\n0 ${max + 1}\n0000000000 65535 f \n`;
  for (const at of offsets.slice(1)) xref += at === null ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${max + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A one-page document: catalog 1, pages 2, page 3 (with `resources`), content 4. */
const onePage = (content, resources) => [
  [1, '<< /Type /Catalog /Pages 2 0 R >>'],
  [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
  [3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`],
  [4, stream('', Buffer.from(content, 'latin1'))],
];

/** A scan: one page that is an image, no text. */
function scanned() {
  const objects = onePage('q 595 0 0 842 0 0 cm /Im1 Do Q', '<< /XObject << /Im1 5 0 R >> >>');
  objects.push([5, stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.from([0, 255, 255, 0]))]);
  return classic(objects);
}

const md5 = (...parts) => createHash('md5').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
function rc4(key, data) {
  const s = [...Array(256).keys()];
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}
const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const pad = (pw) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);

/** RC4 128-bit (R3) encryption with owner password "owner" and user password `user` (algorithms 2, 3, 5). */
function encrypted(user, text) {
  const id = Buffer.from('0123456789abcdef', 'latin1');
  const p = -3904;
  let d = md5(pad('owner'));
  for (let i = 0; i < 50; i++) d = md5(d);
  let o = pad(user);
  for (let i = 0; i < 20; i++) o = rc4(d.map((b) => b ^ i), o);
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  let key = md5(pad(user), o, pBytes, id);
  for (let i = 0; i < 50; i++) key = md5(key);
  let u = md5(PAD, id);
  for (let i = 0; i < 20; i++) u = rc4(key.map((b) => b ^ i), u);
  u = Buffer.concat([u, Buffer.alloc(16)]);
  const objKey = (n) => md5(key, Buffer.from([n & 255, (n >> 8) & 255, n >> 16, 0, 0]));
  const objects = onePage('', '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>');
  objects[3] = [4, stream('', rc4(objKey(4), Buffer.from(`BT /F1 12 Tf 72 700 Td (${text}) Tj ET`, 'latin1')))];
  objects.push([5, `<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${p} /O <${o.toString('hex')}> /U <${u.toString('hex')}> >>`]);
  return classic(objects, `/Encrypt 5 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`);
}

/** A download cut off before its end: the first part of a printed report. */
const truncated = () => readFileSync(printed()[0]).subarray(0, 2000);

// --- In the app ---

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
});

/** Opens the app, runs `body(app)`, closes it. */
async function withApp(body) {
  const app = await openApp(browser);
  try {
    await body(app);
  } finally {
    await app.context.close();
  }
}

/** Waits until the error notice matches `re`. */
function showsMessage(page, re, what) {
  const alert = page.locator('[role=alert]#error');
  return until(async () => re.test(await alert.innerText().catch(() => '')), `${what}: ${re}`, 20_000);
}

const isPdfModule = (u) => /\/fazhi-pdf-[0-9a-f]+\.(js|wasm)$/.test(u);

/** Waits until the report view shows `want` (the CLI's report for the same PDF). */
async function showsReport(page, want) {
  if (want.meta.title) {
    await until(async () => (await page.locator('h2#report-title').innerText()).trim() === want.meta.title, `title ${want.meta.title}`, 30_000);
  }
  // Each tree item's label carries its whole heading (marker and title) in `title`.
  const headings = () => page.locator('ul#outline [role=treeitem] .tree-label').evaluateAll((els) => els.map((e) => e.title).sort());
  const wantHeadings = want.sections.map((h) => `${h.marker}${h.title}`).sort();
  await until(async () => JSON.stringify(await headings()) === JSON.stringify(wantHeadings), `the outline ${wantHeadings}`, 30_000);
  const values = async () => (await figureRows(page)).map((r) => r.value).sort();
  const wanted = want.metrics.map((m) => plain(m.value)).sort();
  await until(async () => JSON.stringify(await values()) === JSON.stringify(wanted), `figures ${wanted}`);
}

/** Drops `file` (a path) on the paste area, as a file dragged from the desktop. */
async function dropFile(page, file, name = 'report.pdf') {
  const bytes = [...readFileSync(file)];
  await page.evaluate(({ bytes, name }) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
    const zone = document.querySelector('.drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, { bytes, name });
}

test('a printed report opened through the file picker shows what the CLI finds, and the PDF module loads only then', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  await page.waitForTimeout(300);
  assert.deepEqual(log.requests.filter(isPdfModule), [], 'no PDF module at page load');
  const pdf = printed()[0];
  await page.locator('input#file').setInputFiles(pdf);
  const want = cliReport(pdf);
  assert.ok(want.sections.length >= 3 && want.metrics.length >= 5, 'the CLI reads the PDF');
  await showsReport(page, want);
  const source = await page.locator('#source').evaluate((e) => e.textContent);
  assert.ok(source.includes(want.sections[0].title), 'the text shown is the PDF text');
  const fetched = log.requests.filter(isPdfModule);
  assert.ok(fetched.some((u) => u.endsWith('.wasm')) && fetched.some((u) => u.endsWith('.js')), `the PDF module fetched: ${log.requests.join(' ')}`);
  assert.ok(!log.requests.some((u) => u.endsWith('.pdf')), 'the PDF itself goes nowhere');
  assertClean(log);
}));

test('every printed report dropped on the page shows what the CLI finds', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  for (const pdf of printed()) {
    const want = cliReport(pdf);
    await dropFile(page, pdf);
    await showsReport(page, want);
  }
  assertClean(log);
}));

test('scanned, password-protected and truncated PDFs each get their message, in Chinese and in English', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  const cases = [
    ['scan.pdf', scanned(), /文字层.*OCR/, /no text layer.*OCR/],
    ['locked.pdf', encrypted('secret', 'Hidden'), /需要密码/, /needs a password/],
    ['cut.pdf', truncated(), /已损坏或不完整/, /damaged or incomplete/],
  ];
  for (const [name, buffer, zh] of cases) {
    await page.locator('input#file').setInputFiles({ name, mimeType: 'application/pdf', buffer });
    await showsMessage(page, zh, name);
  }
  await page.locator('button#lang-toggle').click();
  for (const [name, buffer, , en] of cases) {
    await page.locator('input#file').setInputFiles({ name, mimeType: 'application/pdf', buffer });
    await showsMessage(page, en, name);
  }
  // An owner password alone (no copying, no printing) opens with the empty user password.
  await page.locator('input#file').setInputFiles({ name: 'protected.pdf', mimeType: 'application/pdf', buffer: encrypted('', 'Copy protected report') });
  await until(async () => (await page.locator('#source').evaluate((e) => e.textContent)).includes('Copy protected report'), 'the copy-protected text');
  assertClean(log);
}));

test('PDFs with the predefined GBK and Big5 CMaps read through the browser\'s TextDecoder', async () => withApp(async ({ page, log }) => {
  // The PDF module leaves encoding_rs out and decodes these codes with TextDecoder
  // (crates/pdf-web, BrowserDecoder); the expected text is node's decoding of the same bytes.
  const cases = [
    ['GBK-EUC-H', 'gbk', 'GB1', 'B7A8D6CED5FEB8AEBDA8C9E8C4EAB6C8B1A8B8E6'],
    ['B5pc-H', 'big5', 'CNS1', 'AA6BAA76AC46A9B2ABD8B35DA67EABD7B3F8A769'],
  ];
  for (const [cmap, label, ordering, hex] of cases) {
    const want = new TextDecoder(label).decode(Buffer.from(hex, 'hex'));
    assert.match(want, /^[\u4e00-\u9fff]{10}$/, `node decodes ${label}`);
    const font = `<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /${cmap} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 0 >> /DW 1000 >>] >> >> >>`;
    const buffer = classic(onePage(`BT /F1 12 Tf 72 700 Td <${hex}> Tj ET`, font));
    await page.locator('input#file').setInputFiles({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer });
    await until(async () => (await page.locator('#source').evaluate((e) => e.textContent)).includes(want), `the ${cmap} text ${want}`);
  }
  assertClean(log);
}));

test('a PDF still being read when the demo is loaded does not replace it', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  const pdf = printed()[0];
  await page.locator('input#file').setInputFiles(pdf);
  await page.locator('button#demo').click();
  // The read finishes (the measure is recorded), and its text is dropped.
  await until(() => page.evaluate(() => performance.getEntriesByName('fazhi:pdf').length > 0), 'the PDF read', 20_000);
  await page.waitForTimeout(500);
  const demo = readFileSync(new URL('../../www/demo.txt', import.meta.url), 'utf8').split('\n')[0].trim();
  assert.ok((await page.locator('#source').evaluate((e) => e.textContent)).includes(demo), 'the demo report stays');
  assert.equal(await page.locator('.input-panel .status').innerText(), '', 'no reading status left');
  assertClean(log);
}));

test('a panic in the PDF module is a message, and the next PDF still reads', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  // The module panics before reading (see read_pdf in crates/pdf-web): a trap, caught.
  await page.evaluate(() => { window.__FAZHI_TEST_PANIC__ = true; });
  await page.locator('input#file').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: scanned() });
  await showsMessage(page, /读取这份 PDF 时出错/, 'the failure');
  await page.evaluate(() => { delete window.__FAZHI_TEST_PANIC__; });
  const pdf = printed()[0];
  await page.locator('input#file').setInputFiles(pdf);
  await showsReport(page, cliReport(pdf));
  assertClean(log);
}));

test('a PDF module that cannot be loaded is a message, not a hang', { skip: noPdfs }, async () => withApp(async ({ page, log }) => {
  await page.evaluate(() => { document.querySelector('meta[name="fazhi-pdf"]').content = './no-such-module.js'; });
  await page.locator('input#file').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: scanned() });
  await showsMessage(page, /读取这份 PDF 时出错/, 'the failure');
  assert.ok(log.failed.every((f) => f.includes('no-such-module')), `only the missing module failed: ${log.failed}`);
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.pageErrors, []);
}));

test('the single file reads a PDF from file:// and loads nothing but itself', { skip: noPdfs || (!SINGLE_FILE && 'FAZHI_SINGLE_FILE is not set') }, async () => {
  const url = pathToFileURL(SINGLE_FILE).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(url);
    await page.locator('button#analyze').waitFor({ state: 'visible', timeout: 20_000 });
    const pdf = printed()[0];
    await page.locator('input#file').setInputFiles(pdf);
    await showsReport(page, cliReport(pdf));
    await page.locator('input#file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: scanned() });
    await showsMessage(page, /OCR/, 'the scan');
    assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith('data:') && !u.startsWith('blob:')), [], 'requests beyond the file');
    assert.deepEqual(errors, [], 'errors');
  } finally {
    await context.close();
  }
});

test('without a worker (blocked, as under a CSP without worker-src), the page reads the PDF itself', { skip: noPdfs }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await context.route(/\/worker\.js$/, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await page.goto(process.env.FAZHI_URL);
    await page.locator('button#analyze').waitFor({ state: 'visible', timeout: 20_000 });
    const pdf = printed()[0];
    await page.locator('input#file').setInputFiles(pdf);
    await showsReport(page, cliReport(pdf));
    const where = await page.evaluate(() => performance.getEntriesByName('fazhi:pdf').at(-1)?.detail?.where);
    assert.equal(where, 'page', 'the PDF was read in the page');
    assert.deepEqual(pageErrors, [], 'no uncaught errors');
  } finally {
    await context.close();
  }
});
