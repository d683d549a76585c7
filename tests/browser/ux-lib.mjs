// What ux.test.mjs (Chromium) and firefox.test.mjs (the single file in Firefox) both check of
// the app as a person meets it (issue 20): page functions for Playwright's and puppeteer's
// `page.evaluate` alike, and a synthetic report with a huge figures table.

/**
 * In the page: what visible text shows that English mode must not — a run of Chinese outside
 * the report's own text (an element marked `lang="zh…"`, or words found verbatim in one of
 * `sources`, the texts analysed), and any id-like token ("part_measures"). Text read by screen
 * readers only (visually hidden) counts as visible.
 */
export function visibleLeaks(sources) {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, [lang^="zh"]') || !el.checkVisibility()) continue;
    for (const m of n.data.matchAll(/[\u3400-\u9fff\u3000-\u303f\uff01-\uff60]+/g)) {
      if (!sources.some((t) => t.includes(m[0]))) out.push(m[0]);
    }
    for (const m of n.data.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)) out.push(m[0]);
  }
  return out;
}

/** Which panel of the page the focus is in ('' for none of them), in the page. */
function focusedPanel() {
  const el = document.activeElement;
  if (!el) return '';
  const panels = [['#outline', 'outline'], ['#key-indicators', 'key-indicators'], ['table#figures', 'figures'],
    ['#checks', 'checks'], ['#source', 'source'], ['#compare-toggle', 'compare']];
  return panels.find(([sel]) => el.closest(sel))?.[1] ?? '';
}

/** The panels the focus passes through when Tab is pressed `max` times (with `press`). */
export async function tabStops(page, press, max) {
  const reached = new Set();
  for (let i = 0; i < max; i++) {
    await press('Tab');
    const panel = await page.evaluate(focusedPanel);
    if (panel) reached.add(panel);
    if (reached.size === 6) break;
  }
  return [...reached];
}

/** A synthetic report (our own words) whose figures table has `n` rows. */
export function bigTable(n) {
  const lines = ['某区2023年法治政府建设年度报告', '一、主要举措和成效'];
  for (let p = 0; p * 50 < n; p++) {
    let line = '';
    for (let i = p * 50 + 1; i <= Math.min(n, p * 50 + 50); i++) line += `第${p}组完成项目${i}个。`;
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}
