// What a long session could leak, counted in the page: for the soak test
// (tests/e2e/soak.test.mjs) and the soak benchmark (bench/soak.mjs).

/** Counts live observers (constructed, not disconnected): run in the page before its scripts (addInitScript). */
export function countObservers() {
  window.__observers = 0;
  for (const name of ['MutationObserver', 'IntersectionObserver', 'ResizeObserver']) {
    const Base = window[name];
    if (!Base) continue;
    window[name] = class extends Base {
      constructor(...a) { super(...a); this.__live = true; window.__observers++; }
      disconnect() { if (this.__live) { this.__live = false; window.__observers--; } return super.disconnect(); }
    };
  }
}

/**
 * After two full garbage collections (`cdp`: a CDP session of `page`): CDP's
 * DOM counters (nodes attached or not yet collected, documents, JS event
 * listeners), the elements in the document, live observers and the JS heap.
 */
export async function leakCounts(page, cdp) {
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 100));
  }
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    heap: (await cdp.send('Runtime.getHeapUsage')).usedSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    documents: dom.documents,
    attached: await page.evaluate(() => document.getElementsByTagName('*').length),
    observers: await page.evaluate(() => window.__observers),
  };
}

/**
 * Puts `text` in a text box as a script would, not as a reader types or
 * Playwright fills: Chromium keeps what is filled into a textarea in the
 * document's undo history, whose nodes stay alive whatever the page does
 * (filling 1 MB and clearing it, with no app code involved, leaves ~250
 * nodes per fill: measured with the soak test's counters). Those would hide
 * what the app itself keeps.
 */
export function putText(page, selector, text) {
  return page.$eval(selector, (el, t) => {
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}
